# Equal-cost multipath: one route with two next hops. "ip route show" prints the prefix on
# one line and each nexthop on a TAB-indented line; "ip route get" picks one nexthop by a
# hash of the flow (which one depends on the kernel's per-boot hash seed, so only the
# common part is checked). Both next hops (r1, r2) reach the destination d.
#
#   a a1 (10.0.1.1) --- (10.0.1.254) r1 (10.0.3.1) ---+
#     a2 (10.0.2.1) --- (10.0.2.254) r2 (10.0.4.1) ---+ d (10.0.3.2, 10.0.4.2; 10.9.0.1 on lo)

ip netns add a
ip netns add r1
ip netns add r2
ip netns add d
ip link add a1 netns a type veth peer name eth0 netns r1
ip link add a2 netns a type veth peer name eth0 netns r2
ip link add eth1 netns r1 type veth peer name d1 netns d
ip link add eth1 netns r2 type veth peer name d2 netns d
ip -n a link set lo up
ip -n r1 link set lo up
ip -n r2 link set lo up
ip -n d link set lo up
ip -n a addr add 10.0.1.1/24 dev a1
ip -n a addr add 10.0.2.1/24 dev a2
ip -n r1 addr add 10.0.1.254/24 dev eth0
ip -n r2 addr add 10.0.2.254/24 dev eth0
ip -n r1 addr add 10.0.3.1/24 dev eth1
ip -n r2 addr add 10.0.4.1/24 dev eth1
ip -n d addr add 10.0.3.2/24 dev d1
ip -n d addr add 10.0.4.2/24 dev d2
ip -n d addr add 10.9.0.1/32 dev lo
ip -n a link set a1 up
ip -n a link set a2 up
ip -n r1 link set eth0 up
ip -n r1 link set eth1 up
ip -n r2 link set eth0 up
ip -n r2 link set eth1 up
ip -n d link set d1 up
ip -n d link set d2 up
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n r1 route add 10.9.0.0/24 via 10.0.3.2
ip -n r2 route add 10.9.0.0/24 via 10.0.4.2
ip -n d route add 10.0.1.0/24 via 10.0.3.1
ip -n d route add 10.0.2.0/24 via 10.0.4.1

ip -n a route add 10.9.0.0/24 nexthop via 10.0.1.254 dev a1 nexthop via 10.0.2.254 dev a2
ip -n a route
#> 10.0.1.0/24 dev a1 proto kernel scope link src 10.0.1.1
#> 10.9.0.0/24
#> 	nexthop via 10.0.1.254 dev a1 weight 1
#> 	nexthop via 10.0.2.254 dev a2 weight 1
ip -n a route get 10.9.0.1
#> 10.9.0.1 via 10.0.
#> uid 0
ip netns exec a ping -c 2 10.9.0.1
#> 64 bytes from 10.9.0.1: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss

# Weights are printed on each nexthop line.
ip -n a route replace 10.9.0.0/24 nexthop via 10.0.1.254 dev a1 weight 3 nexthop via 10.0.2.254 dev a2 weight 1
ip -n a route show 10.9.0.0/24
#> 10.9.0.0/24
#> 	nexthop via 10.0.1.254 dev a1 weight 3
#> 	nexthop via 10.0.2.254 dev a2 weight 1
ip netns exec a ping -c 2 10.9.0.1
#> 2 packets transmitted, 2 received, 0% packet loss

# A nexthop whose device goes down stays in the route, marked "dead linkdown", and is
# skipped: every flow now uses a1.
ip -n a link set a2 down
ip -n a route show 10.9.0.0/24
#> 	nexthop via 10.0.1.254 dev a1 weight 3
#> 	nexthop via 10.0.2.254 dev a2 weight 1 dead linkdown
ip -n a route get 10.9.0.1
#> 10.9.0.1 via 10.0.1.254 dev a1 src 10.0.1.1 uid 0
ip netns exec a ping -c 2 10.9.0.1
#> 2 packets transmitted, 2 received, 0% packet loss

# The legacy tool shows only the first nexthop.
ip netns exec a route -n
#> Kernel IP routing table
#> 10.9.0.0        10.0.1.254      255.255.255.0   UG    0      0        0 a1
