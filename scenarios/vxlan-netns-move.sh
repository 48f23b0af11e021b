# A vxlan device created in the host namespace and moved into a container: its UDP socket
# and the routing of the outer packets stay in the namespace that created it (`vxlan->net`,
# like a veth's `link-netns`), the inner frames are sent and received in the container.
# * In the container: "vx0@if3 … link-netns host" (its own index, kept in the move), and `dev if2` (the lower device's index
#   in the host namespace) in `ip -d link`.
# * The host keeps no vxlan device, yet answers on the port: the socket is its own.

ip netns add host
ip netns add peer
ip netns add ctr
ip netns exec host sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec peer sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec ctr sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n host link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns peer
ip -n host addr add 192.0.2.1/24 dev eth0
ip -n peer addr add 192.0.2.2/24 dev eth0
ip -n host link set eth0 up
ip -n peer link set eth0 up
ip -n host link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dstport 4789 dev eth0
ip -n host link set vx0 netns ctr
ip -n peer link add vx0 address 02:00:00:00:0a:02 type vxlan id 42 remote 192.0.2.1 dstport 4789 dev eth0
ip -n ctr addr add 10.0.0.1/24 dev vx0
ip -n peer addr add 10.0.0.2/24 dev vx0
ip -n ctr link set vx0 up
ip -n peer link set vx0 up
ip -n ctr -d link show vx0
#> 3: vx0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
#> link-netns host
#>     vxlan id 42 remote 192.0.2.2 dev if2 srcport 0 0 dstport 4789 ttl auto ageing 300
ip netns exec ctr ping -c 2 -i 0.2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
sleep 1
bridge -n ctr fdb show dev vx0
#> 02:00:00:00:0a:02 dst 192.0.2.2 link-netnsid 0 self 
ip -n host neigh show dev eth0
#> 192.0.2.2 lladdr 02:00:00:00:00:02 REACHABLE
ip -n host link show type vxlan
