# Source-based policy routing: router r has two uplinks, isp1 (default route in table main)
# and isp2 (default route in table 100). A rule sends traffic FROM 10.0.1.3 to table 100.
# Only isp2 knows the server 203.0.113.10 (on its lo); isp1 answers "Net Unreachable".
#
#   c (10.0.1.2, 10.0.1.3) --- (10.0.1.254) r (192.0.2.1)    --- (192.0.2.254) isp1
#                                             (198.51.100.1) --- (198.51.100.254) isp2 [203.0.113.10]
# All uplink addresses are documentation ranges.

ip netns add c
ip netns add r
ip netns add isp1
ip netns add isp2
ip link add eth0 netns c type veth peer name lan netns r
ip link add up1 netns r type veth peer name eth0 netns isp1
ip link add up2 netns r type veth peer name eth0 netns isp2
ip -n c link set lo up
ip -n r link set lo up
ip -n isp1 link set lo up
ip -n isp2 link set lo up
ip -n c addr add 10.0.1.2/24 dev eth0
ip -n c addr add 10.0.1.3/24 dev eth0
ip -n r addr add 10.0.1.254/24 dev lan
ip -n r addr add 192.0.2.1/24 dev up1
ip -n r addr add 198.51.100.1/24 dev up2
ip -n isp1 addr add 192.0.2.254/24 dev eth0
ip -n isp2 addr add 198.51.100.254/24 dev eth0
ip -n isp2 addr add 203.0.113.10/32 dev lo
ip -n c link set eth0 up
ip -n r link set lan up
ip -n r link set up1 up
ip -n r link set up2 up
ip -n isp1 link set eth0 up
ip -n isp2 link set eth0 up
ip -n c route add default via 10.0.1.254
ip -n isp1 route add 10.0.1.0/24 via 192.0.2.1
ip -n isp2 route add 10.0.1.0/24 via 198.51.100.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec isp1 sysctl -w net.ipv4.ip_forward=1
ip netns exec isp2 sysctl -w net.ipv4.ip_forward=1

ip -n r route add default via 192.0.2.254
ip -n r route add default via 198.51.100.254 table 100
ip -n r rule add from 10.0.1.3 table 100
ip -n r rule show
#> 0:	from all lookup local
#> 32765:	from 10.0.1.3 lookup 100
#> 32766:	from all lookup main
#> 32767:	from all lookup default
ip -n r route show table 100
#> default via 198.51.100.254 dev up2

# The forwarding decisions of r for each source.
ip -n r route get 203.0.113.10 from 10.0.1.2 iif lan
#> 203.0.113.10 from 10.0.1.2 via 192.0.2.254 dev up1
#>     cache iif lan
ip -n r route get 203.0.113.10 from 10.0.1.3 iif lan
#> 203.0.113.10 from 10.0.1.3 via 198.51.100.254 dev up2 table 100
#>     cache iif lan

# From 10.0.1.2: main table, isp1, which has no route to the server.
ip netns exec c ping -c 1 -I 10.0.1.2 203.0.113.10
#> PING 203.0.113.10 (203.0.113.10) from 10.0.1.2 : 56(84) bytes of data.
#> From 192.0.2.254 icmp_seq=1 Destination Net Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
# From 10.0.1.3: table 100, isp2: the server answers (TTL 64 - 1 hop at r = 63).
ip netns exec c ping -c 2 -I 10.0.1.3 203.0.113.10
#> 64 bytes from 203.0.113.10: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss

# Remove the rule: 10.0.1.3 follows the main table again.
ip -n r rule del from 10.0.1.3 table 100
ip -n r route get 203.0.113.10 from 10.0.1.3 iif lan
#> 203.0.113.10 from 10.0.1.3 via 192.0.2.254 dev up1
#>     cache iif lan
ip netns exec c ping -c 1 -I 10.0.1.3 203.0.113.10
#> From 192.0.2.254 icmp_seq=1 Destination Net Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
