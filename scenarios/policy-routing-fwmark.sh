# fwmark-based policy routing: packets carrying mark 0x1 use table 100 (default via isp2),
# the others use table main (default via isp1). "ip route get ... mark 0x1" shows the
# decision; ping -m 1 sets SO_MARK on its socket so its packets really carry the mark.
# Only isp2 knows 203.0.113.10 (documentation address, on isp2's lo).
#
#   r (192.0.2.1)    --- (192.0.2.254) isp1
#     (198.51.100.1) --- (198.51.100.254) isp2 [203.0.113.10]

ip netns add r
ip netns add isp1
ip netns add isp2
ip link add up1 netns r type veth peer name eth0 netns isp1
ip link add up2 netns r type veth peer name eth0 netns isp2
ip -n r link set lo up
ip -n isp1 link set lo up
ip -n isp2 link set lo up
ip -n r addr add 192.0.2.1/24 dev up1
ip -n r addr add 198.51.100.1/24 dev up2
ip -n isp1 addr add 192.0.2.254/24 dev eth0
ip -n isp2 addr add 198.51.100.254/24 dev eth0
ip -n isp2 addr add 203.0.113.10/32 dev lo
ip -n r link set up1 up
ip -n r link set up2 up
ip -n isp1 link set eth0 up
ip -n isp2 link set eth0 up
ip netns exec isp1 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

ip -n r route add default via 192.0.2.254
ip -n r route add default via 198.51.100.254 table 100
ip -n r rule add fwmark 0x1 table 100
ip -n r rule
#> 0:	from all lookup local
#> 32765:	from all fwmark 0x1 lookup 100
#> 32766:	from all lookup main
ip -n r route get 203.0.113.10
#> 203.0.113.10 via 192.0.2.254 dev up1 src 192.0.2.1 uid 0
ip -n r route get 203.0.113.10 mark 0x1
#> 203.0.113.10 via 198.51.100.254 dev up2 table 100 src 198.51.100.1 mark 1 uid 0
ip -n r route get 203.0.113.10 mark 0x2
#> 203.0.113.10 via 192.0.2.254 dev up1 src 192.0.2.1 mark 2 uid 0

ip netns exec r ping -c 1 203.0.113.10
#> From 192.0.2.254 icmp_seq=1 Destination Net Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec r ping -c 2 -m 1 203.0.113.10
#> 64 bytes from 203.0.113.10: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss

# A mask: only the low byte is compared.
ip -n r rule add fwmark 0x10/0xff table 100
ip -n r rule
#> 32764:	from all fwmark 0x10/0xff lookup 100
#> 32765:	from all fwmark 0x1 lookup 100
ip -n r route get 203.0.113.10 mark 0x310
#> 203.0.113.10 via 198.51.100.254 dev up2 table 100 src 198.51.100.1 mark 0x310 uid 0
