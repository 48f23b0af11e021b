# Flannel's vxlan backend: two nodes on an underlay (192.0.2.0/24), each with a pod behind a
# `cni0` bridge, and `flannel.1` (vxlan id 1, dstport 8472, nolearning) programmed as
# flanneld does: the peer's subnet via its `.0` address onlink, a permanent neighbour for
# that address with the peer's flannel.1 MAC, and an FDB entry from that MAC to the peer
# node's underlay address. Pod-to-pod ping crosses the tunnel.
# * flannel.1 has the lower device's MTU less 50 (1450) and the node address as `local`.
# * No learning: the FDB keeps only what flanneld added ("dst 192.0.2.2 self permanent").
# * The inner frame's destination MAC is the peer's flannel.1, found by the permanent
#   neighbour; nothing is flooded and no overlay ARP is sent.

ip netns add node1
ip netns add node2
ip netns add pod1
ip netns add pod2
ip netns exec node1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec node2 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec pod1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec pod2 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec node1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec node2 sysctl -qw net.ipv4.ip_forward=1

ip -n node1 link add eth0 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:02:01 netns node2
ip -n node1 addr add 192.0.2.1/24 dev eth0
ip -n node2 addr add 192.0.2.2/24 dev eth0
ip -n node1 link set eth0 up
ip -n node2 link set eth0 up

ip -n node1 link add cni0 address 02:00:00:00:01:0c type bridge
ip -n node1 addr add 10.244.0.1/24 dev cni0
ip -n node1 link set cni0 up
ip -n node1 link add veth-p1 address 02:00:00:00:01:10 type veth peer name eth0 address 02:00:00:00:01:11 netns pod1
ip -n node1 link set veth-p1 master cni0
ip -n node1 link set veth-p1 up
ip -n pod1 addr add 10.244.0.2/24 dev eth0
ip -n pod1 link set eth0 up
ip -n pod1 route add default via 10.244.0.1

ip -n node2 link add cni0 address 02:00:00:00:02:0c type bridge
ip -n node2 addr add 10.244.1.1/24 dev cni0
ip -n node2 link set cni0 up
ip -n node2 link add veth-p2 address 02:00:00:00:02:10 type veth peer name eth0 address 02:00:00:00:02:11 netns pod2
ip -n node2 link set veth-p2 master cni0
ip -n node2 link set veth-p2 up
ip -n pod2 addr add 10.244.1.2/24 dev eth0
ip -n pod2 link set eth0 up
ip -n pod2 route add default via 10.244.1.1

ip -n node1 link add flannel.1 address 02:00:00:00:01:f1 type vxlan id 1 local 192.0.2.1 dev eth0 dstport 8472 nolearning
ip -n node1 addr add 10.244.0.0/32 dev flannel.1
ip -n node1 link set flannel.1 up
ip -n node2 link add flannel.1 address 02:00:00:00:02:f1 type vxlan id 1 local 192.0.2.2 dev eth0 dstport 8472 nolearning
ip -n node2 addr add 10.244.1.0/32 dev flannel.1
ip -n node2 link set flannel.1 up

ip -n node1 route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip -n node1 neigh add 10.244.1.0 lladdr 02:00:00:00:02:f1 dev flannel.1 nud permanent
bridge -n node1 fdb append 02:00:00:00:02:f1 dev flannel.1 dst 192.0.2.2
ip -n node2 route add 10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink
ip -n node2 neigh add 10.244.0.0 lladdr 02:00:00:00:01:f1 dev flannel.1 nud permanent
bridge -n node2 fdb append 02:00:00:00:01:f1 dev flannel.1 dst 192.0.2.1

ip -n node1 -d link show flannel.1
#> 5: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
#>     vxlan id 1 local 192.0.2.1 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum
ip -n node1 route
#> 10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1
#> 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip netns exec pod1 ping -c 2 -i 0.2 10.244.1.2
#> 64 bytes from 10.244.1.2: icmp_seq=1 ttl=62
#> 64 bytes from 10.244.1.2: icmp_seq=2 ttl=62
#> 2 packets transmitted, 2 received, 0% packet loss
sleep 1
ip -n node1 neigh show dev flannel.1
#> 10.244.1.0 lladdr 02:00:00:00:02:f1 PERMANENT
bridge -n node1 fdb show dev flannel.1
#> 02:00:00:00:02:f1 dst 192.0.2.2 self permanent
bridge -n node2 fdb show dev flannel.1
#> 02:00:00:00:01:f1 dst 192.0.2.1 self permanent
ip -n node1 neigh show dev eth0
#> 192.0.2.2 lladdr 02:00:00:00:02:01 REACHABLE
