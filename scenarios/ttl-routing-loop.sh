# A routing loop: r1 and r2 point their default routes at each other, so a packet for an
# unknown destination bounces between them, losing one TTL per hop, until a router gets it
# with TTL 1 and answers "Time to live exceeded" (ICMP type 11).
#
#   h (10.0.1.1) --- (10.0.1.254) r1 (10.0.12.1) --- (10.0.12.2) r2
#
# From h with TTL 64: r1 sees TTL 64, 62, ..., 2 and r2 sees 63, ..., 1, so r2 answers.
# Its source address is the one of the interface that routes back to h (toward r1).
# With -t 3: r1 (3->2), r2 (2->1), r1 gets TTL 1 and answers from its h-side address.
# 203.0.113.9 is a documentation address that exists nowhere.

ip netns add h
ip netns add r1
ip netns add r2
ip link add eth0 netns h type veth peer name eth-h netns r1
ip link add eth-r2 netns r1 type veth peer name eth-r1 netns r2
ip -n h link set lo up
ip -n r1 link set lo up
ip -n r2 link set lo up
ip -n h addr add 10.0.1.1/24 dev eth0
ip -n r1 addr add 10.0.1.254/24 dev eth-h
ip -n r1 addr add 10.0.12.1/24 dev eth-r2
ip -n r2 addr add 10.0.12.2/24 dev eth-r1
ip -n h link set eth0 up
ip -n r1 link set eth-h up
ip -n r1 link set eth-r2 up
ip -n r2 link set eth-r1 up
ip -n h route add default via 10.0.1.254
ip -n r1 route add default via 10.0.12.2
ip -n r2 route add default via 10.0.12.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1

ip -n r1 route get 203.0.113.9
#> 203.0.113.9 via 10.0.12.2 dev eth-r2 src 10.0.12.1 uid 0
ip -n r2 route get 203.0.113.9
#> 203.0.113.9 via 10.0.12.1 dev eth-r1 src 10.0.12.2 uid 0

ip netns exec h ping -c 1 -W 2 203.0.113.9
#> PING 203.0.113.9 (203.0.113.9) 56(84) bytes of data.
#> From 10.0.12.2 icmp_seq=1 Time to live exceeded
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec h ping -c 1 -W 2 -t 3 203.0.113.9
#> From 10.0.1.254 icmp_seq=1 Time to live exceeded
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
# The default TTL of every namespace.
ip netns exec h sysctl net.ipv4.ip_default_ttl
#> net.ipv4.ip_default_ttl = 64
