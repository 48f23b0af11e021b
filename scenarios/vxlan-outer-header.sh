# The outer header follows the device's options: `local` is the outer source (here the
# underlay's secondary address, not the one the route would pick), `ttl 10`, `tos 0x10`
# (`tos 10` is read as hex), DF clear; `srcport 5000 5010` bounds the source port (a flow
# hash, zeroed by the verifier); `noudpcsum` sends no UDP checksum. Without `dev` the outer
# packet is routed like any other (here by the connected route).

ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n a link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns b
ip -n a addr add 192.0.2.1/24 dev eth0
ip -n a addr add 192.0.2.11/24 dev eth0
ip -n b addr add 192.0.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 7 remote 192.0.2.2 local 192.0.2.11 ttl 10 tos 10 srcport 5000 5010 noudpcsum dstport 4789
ip -n b link add vx0 address 02:00:00:00:0a:02 type vxlan id 7 remote 192.0.2.11 dstport 4789
ip -n a addr add 10.0.0.1/24 dev vx0
ip -n b addr add 10.0.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip -n a -d link show vx0
#>     vxlan id 7 remote 192.0.2.2 local 192.0.2.11 srcport 5000 5010 dstport 4789 tos 0x10 ttl 10 ageing 300 noudpcsum
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
sleep 1
bridge -n b fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.11 self 
