# ping (iputils) in failure modes: which error line, where it comes from, and the summary.
# * On-link neighbour that never answers ARP: after ucast/mcast_solicit (3 probes, 1 s apart)
#   the neighbour goes FAILED and the queued probes are dropped with a local
#   ICMP "Destination Host Unreachable" reported "From <own address>" (ip_error path via
#   neigh_invalidate -> ipv4_link_failure); the summary counts them as "+N errors", and with
#   5 probes 0.5 s apart all 5 are outstanding at once: "pipe 5".
# * The same behind a router: the router's neighbour fails, so "From <router>".
#   With -c 2 -W 1 the 3 s resolution never finishes: plain 100% loss, no error line.
# * Router has no route: "From <router> ... Destination Net Unreachable" (ip_route_input_slow).
# * Router has blackhole / unreachable / prohibit routes: silence / "Destination Host
#   Unreachable" / "Packet filtered" (ICMP host unreachable / comm prohibited).
# * Local routes of those types fail in connect(): blackhole -> EINVAL, unreachable ->
#   EHOSTUNREACH, prohibit -> EACCES, which iputils turns into its "Do you want to ping
#   broadcast?" hint. No local route at all: "connect: Network is unreachable".
# * ping 0.0.0.0 is sent to 127.0.0.1 ("PING 0.0.0.0 (127.0.0.1)"): connect() to INADDR_ANY
#   means loopback in inet_dgram_connect/ip_route_connect, and iputils prints the peer
#   address getsockname/connect gave back.
# * With -w, -c counts replies, not probes: -c 1 -w 3 to a dead on-link host sends one probe
#   a second until the deadline (3 transmitted).
#
# * Order matters: the router's ICMP errors to 10.0.0.1 are rate limited (icmp_ratelimit,
#   ip_error()'s own inet_peer token bucket (ip_rt_error_cost/ip_rt_error_burst) plus
#   icmpv4_xrlim_allow), so the probes answered by ip_error (no route, unreachable, prohibit)
#   run first, net-unreachable first of all, and the ARP-failure ones that burn the burst last.
#
#   a (10.0.0.1) ---- (10.0.0.254) r (10.0.1.254) ---- (10.0.1.2) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev ra
ip -n r addr add 10.0.1.254/24 dev rb
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set eth0 up
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1

ip netns exec a ping -c 1 -W 1 10.200.0.1
#> From 10.0.0.254 icmp_seq=1 Destination Net Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss

ip -n r route add blackhole 198.51.100.0/24
ip -n r route add unreachable 203.0.113.0/24
ip -n r route add prohibit 192.0.2.0/24
ip netns exec a ping -c 1 -W 1 198.51.100.1
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 -W 1 203.0.113.1
#> From 10.0.0.254 icmp_seq=1 Destination Host Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -W 1 192.0.2.1
#> From 10.0.0.254 icmp_seq=1 Packet filtered
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss

ip netns exec a ping -c 5 -i 0.5 10.0.0.77
#> PING 10.0.0.77 (10.0.0.77) 56(84) bytes of data.
#> From 10.0.0.1 icmp_seq=1 Destination Host Unreachable
#> From 10.0.0.1 icmp_seq=5 Destination Host Unreachable
#> --- 10.0.0.77 ping statistics ---
#> 5 packets transmitted, 0 received, +5 errors, 100% packet loss
#> pipe 5
ip netns exec a ping -c 5 -i 0.5 10.0.1.77
#> From 10.0.0.254 icmp_seq=1 Destination Host Unreachable
#> From 10.0.0.254 icmp_seq=5 Destination Host Unreachable
#> 5 packets transmitted, 0 received, +5 errors, 100% packet loss
#> pipe 5
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.1.78
#> 2 packets transmitted, 0 received, 100% packet loss

ip -n a route add blackhole 198.51.100.0/24
ip -n a route add unreachable 203.0.113.0/24
ip -n a route add prohibit 192.0.2.0/24
ip netns exec a ping -c 1 -W 1 198.51.100.1
#> ping: connect: Invalid argument
ip netns exec a ping -c 1 -W 1 203.0.113.1
#> ping: connect: No route to host
ip netns exec a ping -c 1 -W 1 192.0.2.1
#> ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules
ip -n a route del default
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> ping: connect: Network is unreachable
ip -n a route add default via 10.0.0.254

ip netns exec a ping -c 1 0.0.0.0
#> PING 0.0.0.0 (127.0.0.1) 56(84) bytes of data.
#> 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss

ip netns exec a ping -c 1 -W 1 -w 3 10.0.0.79
#> PING 10.0.0.79 (10.0.0.79) 56(84) bytes of data.
#> 3 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 2 -w 1 -i 0.3 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=2 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss
