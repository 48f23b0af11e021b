# "bridge link set dev PORT flood off": unknown-unicast frames (destination MAC not in the
# FDB) are no longer flooded to that port. Broadcast (bcast_flood) and multicast
# (mcast_flood) are separate switches and stay on, so ARP still works; a unicast frame for
# a MAC the bridge has not learned yet is lost for that port. To make the echo request an
# unknown unicast, ns1 gets a static neighbour entry (no ARP), and IPv6 is off everywhere
# so nobody sends anything by itself (otherwise br0 would learn every MAC at link-up).
#
#   ns1 (10.0.0.1) --- veth1-br  br0  veth2-br --- ns2 (10.0.0.2)
#                                     veth3-br [flood off] --- ns3 (10.0.0.3)

sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns3 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link add veth3-br address 02:00:00:00:0b:03 type veth peer name eth0 netns ns3 address 02:00:00:00:00:03
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set veth3-br master br0
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip link set veth3-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns3 addr add 10.0.0.3/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up
ip -n ns3 link set eth0 up
ip -n ns1 link set lo up
ip -n ns2 link set lo up
ip -n ns3 link set lo up

bridge link set dev veth3-br flood off
bridge -d link show dev veth3-br
#> learning on flood off mcast_flood on bcast_flood on

# Unknown unicast to ns2 (flood on): flooded, ns2 answers.
ip -n ns1 neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0
ip netns exec ns1 ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
# Unknown unicast to ns3 (flood off): never reaches ns3.
ip -n ns1 neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0
ip netns exec ns1 ping -c 1 -W 1 10.0.0.3
#> 1 packets transmitted, 0 received, 100% packet loss
bridge fdb get 02:00:00:00:00:03 br br0
#> Error: Fdb entry not found.

# A broadcast ARP request still reaches ns3; its reply teaches br0 where ns3 is, and from
# then on the echo requests are known unicast and forwarded.
ip -n ns1 neigh del 10.0.0.3 dev eth0
ip netns exec ns1 ping -c 1 10.0.0.3
#> 64 bytes from 10.0.0.3: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
bridge fdb get 02:00:00:00:00:03 br br0
#> 02:00:00:00:00:03 dev veth3-br master br0

# bcast_flood off as well, and the entry removed: now not even ARP gets through.
bridge link set dev veth3-br bcast_flood off
sleep 7
bridge fdb del 02:00:00:00:00:03 dev veth3-br master
ip -n ns1 neigh flush dev eth0
ip netns exec ns1 ping -c 1 -W 1 10.0.0.3
#> 1 packets transmitted, 0 received, 100% packet loss
# Let the last resolution finish (FAILED after its 3 probes) before the final state: its
# third probe would otherwise leave right around the moment the state is taken.
sleep 3
