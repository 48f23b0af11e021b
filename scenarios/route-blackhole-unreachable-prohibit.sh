# The special route types blackhole, unreachable and prohibit (and throw), seen locally
# (ip route get and ping's connect() fail with the route's error) and on a router (the
# router drops silently, or answers with an ICMP error).
#
#   a (10.0.0.1) ---- (10.0.0.254) r
# Destinations are documentation ranges (198.51.100.0/24, 192.0.2.0/24, 203.0.113.0/24).

ip netns add a
ip netns add r
ip link add eth0 netns a type veth peer name eth0 netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev eth0
ip -n a link set eth0 up
ip -n r link set eth0 up

# Locally in a.
ip -n a route add blackhole 198.51.100.0/26
ip -n a route add unreachable 198.51.100.64/26
ip -n a route add prohibit 198.51.100.128/26
ip -n a route add throw 198.51.100.192/26
ip -n a route
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
#> blackhole 198.51.100.0/26
#> unreachable 198.51.100.64/26
#> prohibit 198.51.100.128/26
#> throw 198.51.100.192/26
ip -n a route get 198.51.100.1
#> RTNETLINK answers: Invalid argument
ip -n a route get 198.51.100.65
#> RTNETLINK answers: No route to host
ip -n a route get 198.51.100.129
#> RTNETLINK answers: Permission denied
ip -n a route get 198.51.100.193
#> RTNETLINK answers: Network is unreachable
ip netns exec a ping -c 1 198.51.100.1
#> ping: connect: Invalid argument
ip netns exec a ping -c 1 198.51.100.65
#> ping: connect: No route to host
ip netns exec a ping -c 1 198.51.100.129
#> ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules
ip netns exec a ping -c 1 198.51.100.193
#> ping: connect: Network is unreachable

# On the router r: a sends everything else to r.
ip -n a route add default via 10.0.0.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip -n r route add blackhole 192.0.2.0/26
ip -n r route add unreachable 192.0.2.64/26
ip -n r route add prohibit 192.0.2.128/26
ip -n r route show type unreachable
#> unreachable 192.0.2.64/26
ip netns exec a ping -c 1 -W 1 192.0.2.1
#> PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 192.0.2.65
#> From 10.0.0.254 icmp_seq=1 Destination Host Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 192.0.2.129
#> From 10.0.0.254 icmp_seq=1 Packet filtered
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
# No route at all on r: "Net Unreachable". Router ICMP errors are rate limited per source
# host: fired right after the two errors above this one is suppressed (observed on the real
# kernel), so we wait for the token bucket to refill first.
sleep 5
ip netns exec a ping -c 1 203.0.113.1
#> From 10.0.0.254 icmp_seq=1 Destination Net Unreachable
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
# The forwarding decision r makes for each.
ip -n r route get 192.0.2.65 from 10.0.0.1 iif eth0
#> RTNETLINK answers: No route to host
ip -n r route get 203.0.113.1 from 10.0.0.1 iif eth0
#> RTNETLINK answers: Network is unreachable
