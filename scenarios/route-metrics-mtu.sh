# Route metrics (RTA_METRICS): `ip route add … mtu [lock] N advmss N …`, as iproute2 prints
# them (after the nexthop flags) and as the packet path uses the `mtu` one:
# * local output takes ipv4_mtu: a learned path MTU, else the route's mtu, else the device's;
#   a DF packet larger than that is a local error for ping;
# * forwarding honours the route's mtu too (ip_dst_mtu_maybe_forward(dst, true)): a DF packet
#   larger than it gets "fragmentation needed" with that MTU, and the sender learns it;
# * ip_metrics_convert caps mtu at 65520; `ip route get` shows the metrics after `cache`.
# Also iproute2's route filters: `dev` and `via` never select a multipath route (it has no
# RTA_OIF/RTA_GATEWAY), and `ip route show cached` lists only learned exceptions.
#
#   a (10.0.1.2) --- (10.0.1.1) r (10.0.2.1) --- b (10.0.2.2)

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a link set lo up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip -n b route add default via 10.0.2.1

ip -n a route add 10.0.2.0/24 via 10.0.1.1 mtu 1300 advmss 1260
ip -n a route add 192.0.2.0/24 via 10.0.1.1 mtu lock 1280 hoplimit 32 initcwnd 10
ip -n a route add 198.51.100.0/24 via 10.0.1.1 mtu 70000
ip -n a route add 203.0.113.0/24 via 10.0.1.1 mtu x
#> Error: argument "x" is wrong: "mtu" value is invalid
ip -n a route add 203.0.113.0/24 via 10.0.1.1 hoplimit 256
#> Error: argument "256" is wrong: "hoplimit" value is invalid
ip -n a route
#> 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2
#> 10.0.2.0/24 via 10.0.1.1 dev eth0 mtu 1300 advmss 1260
#> 192.0.2.0/24 via 10.0.1.1 dev eth0 mtu lock 1280 hoplimit 32 initcwnd 10
#> 198.51.100.0/24 via 10.0.1.1 dev eth0 mtu 65520
ip -n a route get 10.0.2.2
#> 10.0.2.2 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0
#> cache mtu 1300 advmss 1260
ip -n a -j route show 192.0.2.0/24
#> [{"dst":"192.0.2.0/24","gateway":"10.0.1.1","dev":"eth0","flags":[],"metrics":[{"mtu":1280,"hoplimit":32,"initcwnd":10}]}]

ip netns exec a ping -c 1 -M do -s 1300 10.0.2.2
#> ping: local error: message too long, mtu=1300
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -M do -s 1200 10.0.2.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -s 1400 10.0.2.2
#> 1 packets transmitted, 1 received, 0% packet loss

ip -n r route add 10.0.2.0/25 dev rb mtu 1200
ip netns exec a ping -c 2 -M do -s 1250 10.0.2.2
#> From 10.0.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1200)
#> ping: local error: message too long, mtu=1200
#> 2 packets transmitted, 0 received, +2 errors, 100% packet loss
ip -n a route get 10.0.2.2
#> 10.0.2.2 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0
#> mtu 1200 advmss 1260
ip -n a route show cached
#> 10.0.2.2 via 10.0.1.1 dev eth0
#> mtu 1200 advmss 1260
ip netns exec a ping -c 1 -M do -s 1172 10.0.2.2
#> 1 packets transmitted, 1 received, 0% packet loss

ip -n r route add 10.0.3.0/24 nexthop via 10.0.1.2 nexthop via 10.0.2.2
ip -n r route show dev rb
#> 10.0.2.0/25 scope link mtu 1200
#> 10.0.2.0/24 proto kernel scope link src 10.0.2.1
ip -n r route show via 10.0.2.2
ip -n r route show cloned

