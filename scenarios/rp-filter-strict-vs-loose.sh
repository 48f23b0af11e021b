# Reverse-path filtering with an asymmetric path. Host a has two links to router r; a's
# route to b's subnet uses link 2, but a pings from its link-1 address. So r receives
# packets from 10.0.1.1 on r2, while r's own route back to 10.0.1.1 leaves through r1.
#
#   a a1 (10.0.1.1) ------ (10.0.1.254) r1 \
#                                            r  rb (10.0.3.254) ------ (10.0.3.1) b
#   a a2 (10.0.2.1) ------ (10.0.2.254) r2 /
#
# rp_filter=1 (strict, RFC 3704): the source must be reachable back through the incoming
# interface -> dropped. rp_filter=2 (loose): the source must be reachable at all -> passes.
# The value used is max(conf.all.rp_filter, conf.DEV.rp_filter).

ip netns add a
ip netns add r
ip netns add b
ip link add a1 netns a type veth peer name r1 netns r
ip link add a2 netns a type veth peer name r2 netns r
ip link add b0 netns b type veth peer name rb netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.1.1/24 dev a1
ip -n a addr add 10.0.2.1/24 dev a2
ip -n r addr add 10.0.1.254/24 dev r1
ip -n r addr add 10.0.2.254/24 dev r2
ip -n r addr add 10.0.3.254/24 dev rb
ip -n b addr add 10.0.3.1/24 dev b0
ip -n a link set a1 up
ip -n a link set a2 up
ip -n r link set r1 up
ip -n r link set r2 up
ip -n r link set rb up
ip -n b link set b0 up
ip -n a route add 10.0.3.0/24 via 10.0.2.254
ip -n b route add default via 10.0.3.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

# Resolve a's neighbour on link 2 first (from a's link-2 address, no asymmetry).
ip netns exec a ping -c 1 10.0.2.254
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec r sysctl net.ipv4.conf.all.rp_filter net.ipv4.conf.r2.rp_filter
#> net.ipv4.conf.all.rp_filter = 0
#> net.ipv4.conf.r2.rp_filter = 0

# rp_filter off (the default in a new namespace): the asymmetric ping works.
ip netns exec a ping -c 2 -I 10.0.1.1 10.0.3.1
#> PING 10.0.3.1 (10.0.3.1) from 10.0.1.1 : 56(84) bytes of data.
#> 64 bytes from 10.0.3.1: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss

# Strict.
ip netns exec r sysctl -w net.ipv4.conf.r2.rp_filter=1
#> net.ipv4.conf.r2.rp_filter = 1
ip -n r route get 10.0.3.1 from 10.0.1.1 iif r2
#> RTNETLINK answers: Invalid argument
ip netns exec a ping -c 2 -W 1 -I 10.0.1.1 10.0.3.1
#> PING 10.0.3.1 (10.0.3.1) from 10.0.1.1 : 56(84) bytes of data.
#> 2 packets transmitted, 0 received, 100% packet loss
# The symmetric path is not affected.
ip netns exec a ping -c 1 -I 10.0.2.1 10.0.3.1
#> PING 10.0.3.1 (10.0.3.1) from 10.0.2.1 : 56(84) bytes of data.
#> 1 packets transmitted, 1 received, 0% packet loss

# Loose.
ip netns exec r sysctl -w net.ipv4.conf.r2.rp_filter=2
#> net.ipv4.conf.r2.rp_filter = 2
ip -n r route get 10.0.3.1 from 10.0.1.1 iif r2
#> 10.0.3.1 from 10.0.1.1 dev rb
#>     cache iif r2
ip netns exec a ping -c 2 -I 10.0.1.1 10.0.3.1
#> 64 bytes from 10.0.3.1: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss

# Loose still drops a source r has no route for at all.
ip -n r route get 10.0.3.1 from 192.0.2.1 iif r2
#> RTNETLINK answers: Invalid argument

# The value used is max(conf.all, conf.r2): all=1 with r2=2 is still loose ...
ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=1
#> net.ipv4.conf.all.rp_filter = 1
ip -n r route get 10.0.3.1 from 10.0.1.1 iif r2
#> 10.0.3.1 from 10.0.1.1 dev rb
#>     cache iif r2
# ... while all=1 with r2=0 is strict.
ip netns exec r sysctl -w net.ipv4.conf.r2.rp_filter=0
#> net.ipv4.conf.r2.rp_filter = 0
ip -n r route get 10.0.3.1 from 10.0.1.1 iif r2
#> RTNETLINK answers: Invalid argument
ip netns exec a ping -c 1 -W 1 -I 10.0.1.1 10.0.3.1
#> 1 packets transmitted, 0 received, 100% packet loss
