# Connect failures of nc -z: a SYN into a blackhole is retransmitted after 1 s, 2 s, 3 s
# (Linux 6.x: tcp_syn_linear_timeouts) until -w runs out ("timed out: Operation now in
# progress"); a router without a route answers with ICMP net unreachable (ENETUNREACH at
# once); a neighbour that never answers ARP makes the host's own ICMP host unreachable fail
# the connect (EHOSTUNREACH) after the three ARP probes.
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
#> net.ipv4.ip_forward = 1

ip -n r route add blackhole 192.0.2.0/24

ip netns exec a nc -z -v -n -w 4 192.0.2.1 80
#> nc: connect to 192.0.2.1 port 80 (tcp) timed out: Operation now in progress
ip netns exec a nc -z -v -n -w 5 203.0.113.1 80
#> nc: connect to 203.0.113.1 port 80 (tcp) failed: Network is unreachable
ip netns exec a nc -z -v -n -w 5 10.0.0.77 80
#> nc: connect to 10.0.0.77 port 80 (tcp) failed: No route to host
ip netns exec a nc -z -n -w 5 10.0.0.78 80
ip -n a route del default
ip netns exec a nc -z -v -n -w 1 10.9.9.9 80
#> nc: connect to 10.9.9.9 port 80 (tcp) failed: Network is unreachable
ip netns exec a nc -z -u -v -n -w 1 10.9.9.9 80
#> nc: connect to 10.9.9.9 port 80 (udp) failed: Network is unreachable
