# `ip route get ... iif DEV` simulates a packet received on DEV (ip_route_input_slow), which
# is what people use to debug "why is my router not forwarding".
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24     (a has a default route via 10.1.0.2)
#
# Kernel behaviour pinned here (net/ipv4/route.c ip_route_input_slow, __mkroute_input,
# ip_route_input_mc; iproute2 print_route / print_cache_flags):
# - `iif` without `from` is EINVAL (source 0.0.0.0 is a martian), and so are a source that is
#   our own address, a loopback source and a loopback destination.
# - to a local address: `local ... dev lo`, `cache <local> iif va`.
# - to the subnet broadcast: `broadcast ... dev lo`, `cache <local,brd> iif va`.
# - to 224.0.0.1 (lo is in all-hosts): `multicast ... dev lo rt_offload_failed`,
#   `cache <local,mc> iif va` (iproute2 prints RTCF_MULTICAST as rt_offload_failed).
# - with ip_forward=0 anything to be forwarded is EHOSTUNREACH, whatever the route type.
# - with ip_forward=1: a unicast route is printed without `src`; when the packet leaves by
#   the device it came in on and the sender is on-link there, RTCF_DOREDIRECT is set and
#   iproute2 prints `cache <redirect> iif va`; a sender that is not on-link gets no
#   <redirect>. blackhole is EINVAL, unreachable EHOSTUNREACH, prohibit EACCES.
# - `mark` is echoed in the input case too; `ip -j` prints "cache":["redirect"].

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb
ip -n a route add default via 10.1.0.2
ip -n a route add blackhole 192.0.2.0/24
ip -n a route add unreachable 198.51.100.0/24
ip -n a route add prohibit 203.0.113.0/24

ip -n a route get 10.1.0.2 iif va
#> RTNETLINK answers: Invalid argument
ip -n a route get 10.1.0.1 from 10.1.0.1 iif va
#> RTNETLINK answers: Invalid argument
ip -n a route get 10.1.0.1 from 127.0.0.1 iif va
#> RTNETLINK answers: Invalid argument
ip -n a route get 127.0.0.1 from 10.1.0.2 iif va
#> RTNETLINK answers: Invalid argument
ip -n a route get 10.1.0.1 from 10.1.0.2 iif va
#> local 10.1.0.1 from 10.1.0.2 dev lo
#> cache <local> iif va
ip -n a route get 10.1.0.255 from 10.1.0.2 iif va
#> broadcast 10.1.0.255 from 10.1.0.2 dev lo
#> cache <local,brd> iif va
ip -n a route get 224.0.0.1 from 10.1.0.2 iif va
#> multicast 224.0.0.1 from 10.1.0.2 dev lo rt_offload_failed
#> cache <local,mc> iif va

# Forwarding off: everything not for us is "No route to host".
ip -n a route get 172.20.0.8 from 10.1.0.2 iif va
#> RTNETLINK answers: No route to host
ip -n a route get 192.0.2.1 from 10.1.0.2 iif va
#> RTNETLINK answers: No route to host
ip -n a route get 203.0.113.1 from 10.1.0.2 iif va
#> RTNETLINK answers: No route to host

# Forwarding on.
ip netns exec a sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip -n a route get 172.20.0.8 from 10.1.0.2 iif va
#> 172.20.0.8 from 10.1.0.2 via 10.1.0.2 dev va
#> cache <redirect> iif va
ip -n a route get 10.1.0.2 from 10.1.0.3 iif va
#> 10.1.0.2 from 10.1.0.3 dev va
#> cache <redirect> iif va
ip -n a route get 172.20.0.8 from 172.21.0.44 iif va
#> 172.20.0.8 from 172.21.0.44 via 10.1.0.2 dev va
#> cache iif va
ip -n a route get 172.20.0.8 from 10.1.0.2 iif va mark 3
#> 172.20.0.8 from 10.1.0.2 via 10.1.0.2 dev va mark 3
ip -n a -j route get 172.20.0.8 from 10.1.0.2 iif va
#> [{"dst":"172.20.0.8","from":"10.1.0.2","gateway":"10.1.0.2","dev":"va","flags":[],"cache":["redirect"],"iif":"va"}]
ip -n a route get 192.0.2.1 from 10.1.0.2 iif va
#> RTNETLINK answers: Invalid argument
ip -n a route get 198.51.100.1 from 10.1.0.2 iif va
#> RTNETLINK answers: No route to host
ip -n a route get 203.0.113.1 from 10.1.0.2 iif va
#> RTNETLINK answers: Permission denied
ip -n a route get 10.1.0.2 iif nosuch
#> Cannot find device "nosuch"
