# Point-to-point VXLAN with `remote` between two namespaces over a veth underlay.
# * The overlay ARP request goes to the all-zeros entry's remote, encapsulated: outer
#   Ethernet/IPv4 (tos 0, ttl 64, DF clear)/UDP (source port from the inner flow's hash,
#   destination 4789)/VXLAN (flags I, vni 42); the underlay ARP for the remote comes first.
# * Each side learns the other's inner MAC behind the outer source (learning is on):
#   "02:00:00:00:0a:01 dst 192.0.2.1 self" (dynamic, no `via`).
# * A vxlan device counts bytes without the inner Ethernet header (3 frames: 28+84+84).
# * IPv6 is off: its link-up frames would cross the tunnel (and resolve the underlay) at
#   random times.

ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n a link add veth0 address 02:00:00:00:00:01 type veth peer name veth0 address 02:00:00:00:00:02 netns b
ip -n a addr add 192.0.2.1/24 dev veth0
ip -n b addr add 192.0.2.2/24 dev veth0
ip -n a link set veth0 up
ip -n b link set veth0 up
ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dstport 4789 dev veth0
ip -n b link add vx0 address 02:00:00:00:0a:02 type vxlan id 42 remote 192.0.2.1 dstport 4789 dev veth0
ip -n a addr add 10.0.0.1/24 dev vx0
ip -n b addr add 10.0.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 64 bytes from 10.0.0.2: icmp_seq=2 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
bridge -n b fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.1 self 
bridge -n a fdb show dev vx0
#> 02:00:00:00:0a:02 dst 192.0.2.2 self 
ip -n a neigh show dev vx0
#> 10.0.0.2 lladdr 02:00:00:00:0a:02 REACHABLE
ip -n b -s link show vx0
#>     196       3      0       0       0       0 
#>     196       3      0       0       0       0 
