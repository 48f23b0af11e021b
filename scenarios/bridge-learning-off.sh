# A port with learning off AND flood off: the bridge never learns the MAC behind it and
# never floods unknown unicast to it, so only broadcasts (ARP requests) and frames for MACs
# it knows from static entries get there. ARP works both ways (the request is broadcast,
# the reply is unicast to ns1, whose MAC br0 learned on veth1-br), so ns1 even shows a
# REACHABLE neighbour entry for ns2; but the echo request, unicast to ns2's unknown MAC, is
# dropped: 100% loss. A static FDB entry ("bridge fdb add MAC dev PORT master static")
# fixes it, the usual setup where a control plane programs the FDB instead of learning.
# IPv6 is off so no frame is sent by itself (see bridge-learning-flooding.sh).
#
#   ns1 (10.0.0.1) --- veth1-br  br0  veth2-br [learning off, flood off] --- ns2 (10.0.0.2)

sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns add ns1
ip netns add ns2
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link set veth1-br master br0
ip link set veth2-br master br0
bridge link set dev veth2-br learning off flood off
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up

bridge -d link show dev veth2-br
#> learning off flood off mcast_flood on bcast_flood on
ip netns exec ns1 ping -c 2 -W 1 10.0.0.2
#> 2 packets transmitted, 0 received, 100% packet loss
ip -n ns1 neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE
bridge fdb get 02:00:00:00:00:01 br br0
#> 02:00:00:00:00:01 dev veth1-br master br0
bridge fdb get 02:00:00:00:00:02 br br0
#> Error: Fdb entry not found.

bridge fdb add 02:00:00:00:00:02 dev veth2-br master static
bridge fdb show br br0 brport veth2-br
#> 02:00:00:00:00:02 master br0 static
ip netns exec ns1 ping -c 2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
