# Where VXLAN drops, and what the sender sees.
# * No destination: a vxlan device without `remote` and without FDB entries drops every
#   frame in vxlan_xmit (SKB_DROP_REASON_VXLAN_NO_REMOTE) and counts a TX drop: the 3 ARP
#   requests of the failed resolution.
# * Wrong VNI: the receiver's socket takes the datagram but no device has the VNI
#   (VXLAN_VNI_NOT_FOUND): dropped silently, no ICMP.
# * Port closed: with the receiving vxlan device down there is no socket on the port: the
#   UDP layer answers ICMP port unreachable to the outer source.

ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n a link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns b
ip -n a addr add 192.0.2.1/24 dev eth0
ip -n b addr add 192.0.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 dstport 4789
ip -n a addr add 10.0.0.1/24 dev vx0
ip -n a link set vx0 up
ip netns exec a ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3
ip -n a -s link show vx0
#>       0       0      0       3       0       0 
ip -n a neigh show dev vx0
#> 10.0.0.2 FAILED
ip -n a link del vx0

ip -n a link add vx1 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dstport 4789
ip -n b link add vx1 address 02:00:00:00:0a:02 type vxlan id 43 remote 192.0.2.1 dstport 4789
ip -n a addr add 10.0.1.1/24 dev vx1
ip -n b addr add 10.0.1.2/24 dev vx1
ip -n a link set vx1 up
ip -n b link set vx1 up
ip -n a neigh add 10.0.1.2 lladdr 02:00:00:00:0a:02 dev vx1
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n b -s link show vx1
#>       0       0      0       0       0       0 

ip -n b link set vx1 down
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a -s link show vx1
#>     168       2      0       0       0       0 
