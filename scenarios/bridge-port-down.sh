# A bridge port that goes down. Its STP state becomes "disabled" (shown by "bridge link")
# and every entry the bridge LEARNED on it is flushed at once (br_stp_disable_port ->
# br_fdb_delete_by_port), long before ageing_time. Both admin-down of the port and loss of
# carrier (the veth peer in ns2 goes down) do this; the port's own local entry stays.
# When it comes back the port is forwarding again and the MAC is learned anew.
# ("veth2-br@br0": bridge link names the veth peer by looking its ifindex, 2 in ns2, up in
# the LOCAL namespace, where index 2 is br0.)
# IPv6 is off, so entries are learned only from the pings (see bridge-learning-flooding.sh).
#
#   ns1 (10.0.0.1) --- veth1-br  br0  veth2-br --- ns2 (10.0.0.2)

sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns add ns1
ip netns add ns2
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link set veth1-br address 02:00:00:00:0b:01
ip link set veth2-br address 02:00:00:00:0b:02
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up

ip netns exec ns1 ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
bridge fdb get 02:00:00:00:00:02 br br0
#> 02:00:00:00:00:02 dev veth2-br master br0

# Admin down.
ip link set veth2-br down
bridge link show dev veth2-br
#> veth2-br@br0: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2
bridge fdb get 02:00:00:00:00:02 br br0
#> Error: Fdb entry not found.
bridge fdb show br br0 brport veth2-br
#> 02:00:00:00:0b:02 master br0 permanent
bridge fdb get 02:00:00:00:00:01 br br0
#> 02:00:00:00:00:01 dev veth1-br master br0

# Up again: forwarding, learned again from the next ping.
ip link set veth2-br up
bridge link show dev veth2-br
#> master br0 state forwarding priority 32 cost 2
ip netns exec ns1 ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
bridge fdb get 02:00:00:00:00:02 br br0
#> 02:00:00:00:00:02 dev veth2-br master br0

# Carrier loss: ns2 takes its end down; veth2-br stays admin up but has no carrier.
ip -n ns2 link set eth0 down
bridge link show dev veth2-br
#> veth2-br@br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master br0 state disabled priority 32 cost 2
bridge fdb get 02:00:00:00:00:02 br br0
#> Error: Fdb entry not found.
