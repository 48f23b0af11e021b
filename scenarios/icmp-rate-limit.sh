# ICMP error rate limiting on a router. r has no route for 203.0.113.0/24, so each of a's
# echo requests makes r answer "Destination Net Unreachable". These errors are limited by
# ONE token bucket per destination host (inet_peer rate_tokens, refilled at 1 token/s),
# which is charged TWICE per error: once by ip_error (cost 1 s, burst 5 s) and once by
# icmp_send's icmpv4_xrlim_allow (cost icmp_ratelimit = 1000 ms, burst 6x). A full bucket
# (5 s) thus pays for only 2 errors: a burst of 20 pings 50 ms apart gets "+2 errors".
# With icmp_ratelimit=0 only ip_error charges the bucket: 5 errors in a burst (after
# waiting for the bucket to refill).
#
#   a (10.0.0.1) ---- (10.0.0.254) r

ip netns add a
ip netns add r
ip link add eth0 netns a type veth peer name eth0 netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev eth0
ip -n a link set eth0 up
ip -n r link set eth0 up
ip -n a route add default via 10.0.0.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl net.ipv4.icmp_ratelimit net.ipv4.icmp_msgs_burst
#> net.ipv4.icmp_ratelimit = 1000
#> net.ipv4.icmp_msgs_burst = 50

ip netns exec a ping -c 20 -i 0.05 -W 1 203.0.113.1
#> From 10.0.0.254 icmp_seq=1 Destination Net Unreachable
#> From 10.0.0.254 icmp_seq=2 Destination Net Unreachable
#> 20 packets transmitted, 0 received, +2 errors, 100% packet loss
sleep 6
ip netns exec a ping -c 10 -i 0.05 -W 1 203.0.113.1
#> From 10.0.0.254 icmp_seq=2 Destination Net Unreachable
#> 10 packets transmitted, 0 received, +2 errors, 100% packet loss

ip netns exec r sysctl -w net.ipv4.icmp_ratelimit=0
#> net.ipv4.icmp_ratelimit = 0
sleep 6
ip netns exec a ping -c 10 -i 0.05 -W 1 203.0.113.1
#> From 10.0.0.254 icmp_seq=1 Destination Net Unreachable
#> From 10.0.0.254 icmp_seq=5 Destination Net Unreachable
#> 10 packets transmitted, 0 received, +5 errors, 100% packet loss
