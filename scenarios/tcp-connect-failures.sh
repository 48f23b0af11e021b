# Connect failures of nc -z: a SYN into a blackhole is retransmitted after 1 s, 2 s, 3 s
# (Linux 6.x: tcp_syn_linear_timeouts) until -w runs out ("timed out: Operation now in
# progress"); a router without a route answers with ICMP net unreachable (ENETUNREACH at
# once); a neighbour that never answers ARP makes the host's own ICMP host unreachable fail
# the connect (EHOSTUNREACH) after the three ARP probes (1.5 s apart here, see below).
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
# The neighbour gives up after its third probe, retrans_time after each: with the default
# 1 s that is 3 s after the SYN, when the SYN's third retransmission timer is due too, and
# which timer runs first is a race on the kernel (if the neighbour fails first, the SYN is
# sent again and starts a new resolution). 1.5 s puts the failure at 4.5 s, half a second
# from any SYN timer (1, 2, 3, 4, 6 s), inside nc's -w 5. While the SYN waits for the
# neighbour, its retransmissions are skipped (skb_still_in_host_queue): one ICMP only.
ip netns exec a sysctl -w net.ipv4.neigh.eth0.retrans_time_ms=1500
#> net.ipv4.neigh.eth0.retrans_time_ms = 1500
ip netns exec a nc -z -v -n -w 5 10.0.0.77 80
#> nc: connect to 10.0.0.77 port 80 (tcp) failed: No route to host
ip netns exec a nc -z -n -w 5 10.0.0.78 80
ip -n a route del default
ip netns exec a nc -z -v -n -w 1 10.9.9.9 80
#> nc: connect to 10.9.9.9 port 80 (tcp) failed: Network is unreachable
ip netns exec a nc -z -u -v -n -w 1 10.9.9.9 80
#> nc: connect to 10.9.9.9 port 80 (udp) failed: Network is unreachable
