# `ip route get` for the special destinations of one host: its own address, 127.x, the
# subnet broadcast and network address, 0.0.0.0, the limited broadcast and multicast, plus
# the oif/from/mark variants and iproute2's parsing of the destination.
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24
#
# Kernel behaviour pinned here (net/ipv4/route.c ip_route_output_key_hash_rcu, iproute2
# ip/iproute.c iproute_get / print_route):
# - a local address and all of 127/8 are `local ... dev lo`, cache <local>; 127.x other than
#   127.0.0.1 gets src 127.0.0.1; 0.0.0.0 is treated as "this host" (local, src 127.0.0.1).
# - 127.255.255.255 is `broadcast ... dev lo` (from the local table).
# - `from 0.0.0.0` means "no source given": the answer picks src 10.1.0.1.
# - the subnet broadcast is `broadcast` with cache <local,brd>; the network address is an
#   ordinary unicast on-link destination.
# - without a default route, 255.255.255.255 and 224/4 are "Network is unreachable"; with one,
#   255.255.255.255 is RTN_BROADCAST out of the default route's device WITHOUT the gateway,
#   and 224.0.0.1 is `multicast` with cache <local,mc> (iproute2 prints the RTCF_MULTICAST
#   bit, 0x20000000, as `rt_offload_failed` because it shares the value of
#   RTM_F_OFFLOAD_FAILED).
# - `oif lo` to a remote address gives `dev lo` and cache <local>.
# - `from` a non-local address is ENETUNREACH; `from 127.0.0.1` to a remote one is EINVAL.
# - iproute2 accepts `ADDR/32`, warns for another prefix length and still asks for the
#   address; a non-address is "any valid prefix is expected".
# - `ip -d route get` prints the route type (`unicast`) and `table main`.

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb

ip -n a route get 10.1.0.2
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.1
#> local 10.1.0.1 dev lo src 10.1.0.1 uid 0
#> cache <local>
ip -n a route get 127.1.2.3
#> local 127.1.2.3 dev lo src 127.0.0.1 uid 0
ip -n a route get 10.1.0.255
#> broadcast 10.1.0.255 dev va src 10.1.0.1 uid 0
#> cache <local,brd>
ip -n a route get 10.1.0.0
#> 10.1.0.0 dev va src 10.1.0.1 uid 0
ip -n a route get 0.0.0.0
#> local 0.0.0.0 dev lo src 127.0.0.1 uid 0
ip -n a route get 127.255.255.255
#> broadcast 127.255.255.255 dev lo src 127.0.0.1 uid 0
#> cache <local,brd>
ip -n a route get 255.255.255.255
#> RTNETLINK answers: Network is unreachable
ip -n a route get 224.0.0.1
#> RTNETLINK answers: Network is unreachable

# oif / from / mark
ip -n a route get 10.1.0.2 oif lo
#> 10.1.0.2 dev lo src 10.1.0.1 uid 0
#> cache <local>
ip -n a route get 10.1.0.2 from 10.1.0.99
#> RTNETLINK answers: Network is unreachable
ip -n a route get 10.1.0.2 from 127.0.0.1
#> RTNETLINK answers: Invalid argument
ip -n a route get 10.1.0.2 from 0.0.0.0
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.2 mark 0x10
#> 10.1.0.2 dev va src 10.1.0.1 mark 0x10 uid 0

# iproute2's parsing of the destination
ip -n a route get 10.1.0.2/32
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.0/24
#> Warning: /24 as prefix is invalid, only /32 (or none) is supported.
#> 10.1.0.0 dev va src 10.1.0.1 uid 0
ip -n a route get bogus
#> Error: any valid prefix is expected rather than "bogus".
ip -n a route get
#> need at least a destination address

# -d prints the type and the table
ip -n a -d route get 10.1.0.2
#> unicast 10.1.0.2 dev va table main src 10.1.0.1 uid 0
ip -n a -d route get 10.1.0.1
#> local 10.1.0.1 dev lo table main src 10.1.0.1 uid 0

# With a default route: limited broadcast and multicast are not sent to the gateway.
ip -n a route add default via 10.1.0.2
ip -n a route get 198.51.100.8
#> 198.51.100.8 via 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 255.255.255.255
#> broadcast 255.255.255.255 dev va src 10.1.0.1 uid 0
#> cache <local,brd>
ip -n a route get 224.0.0.1
#> multicast 224.0.0.1 dev va src 10.1.0.1 rt_offload_failed uid 0
#> cache <local,mc>
