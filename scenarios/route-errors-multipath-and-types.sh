# Multipath routes and the less common route types: how a one-nexthop `nexthop` route is
# stored, weight limits, deleting one nexthop, append/prepend duplicates, and the types
# nat / anycast / multicast / throw / local / broadcast.
#
#   a: va 10.1.0.1/24, vc 10.2.0.1/24  ----  b: vb, vd
#
# Kernel / iproute2 behaviour pinned here (net/ipv4/fib_semantics.c fib_get_nhs /
# fib_create_info / fib_nh_match, net/ipv4/fib_trie.c fib_table_insert; iproute2
# ip/iproute.c parse_nexthops / iproute_modify):
# - `nexthop via G` with a single nexthop is stored as an ordinary route and printed
#   `via G dev D` (fib_info with fib_nhs == 1), not as a multipath block.
# - one bad gateway fails the whole multipath route ("Nexthop has invalid gateway.");
#   weight must be 1..256 ('"weight" is invalid').
# - `ip -d route show` of a multipath route: `unicast P proto boot scope global`, then the
#   nexthops.
# - `ip route del P nexthop dev D` does not remove one nexthop of a multipath route: the
#   nexthop list must match the stored one (fib_nh_match), so it is "No such process".
# - append/prepend of an identical route: "File exists".
# - `del` with a type that differs from the stored route: "No such process"; `del P dev D`
#   of a prohibit route (which has no device): "No such process".
# - `nat` is refused with "Error: Invalid scope." whatever the scope (fib_create_info's first
#   check: fib_props[RTN_NAT].scope is RT_SCOPE_NOWHERE); `anycast` goes to table local
#   (iproute2 picks the local table for local/broadcast/nat/anycast, for `del` too) with scope
#   link (fib_props[RTN_ANYCAST].scope: `scope global` is "Invalid scope", a gateway needs a
#   host-scope route: "Nexthop has invalid gateway"); `ip route get` names the type; an
#   anycast address answers neither ARP nor ping (ip_route_input_slow: not RTN_LOCAL);
#   `multicast P dev D` is stored in main with scope link; `ip route flush` with no selector: '"ip route flush" requires
#   arguments.'

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip link add vc netns a type veth peer name vd netns b
ip -n a link set lo up
ip -n a link set va up
ip -n a link set vc up
ip -n b link set vb up
ip -n b link set vd up
ip -n a addr add 10.1.0.1/24 dev va
ip -n a addr add 10.2.0.1/24 dev vc

ip -n a route add 10.31.0.0/16 nexthop via 10.1.0.2 weight 2 nexthop via 10.2.0.2 weight 3
ip -n a route add 10.32.0.0/16 nexthop via 10.9.0.2 nexthop via 10.2.0.2
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.33.0.0/16 nexthop via 10.1.0.2 weight 0
#> Error: argument "0" is wrong: "weight" is invalid
ip -n a route add 10.34.0.0/16 nexthop via 10.1.0.2 weight 257
#> Error: argument "257" is wrong: "weight" is invalid
ip -n a route add 10.35.0.0/16 nexthop dev va nexthop dev vc
ip -n a route add 10.36.0.0/16 nexthop via 10.1.0.2
ip -n a route show 10.36.0.0/16
#> 10.36.0.0/16 via 10.1.0.2 dev va
ip -n a -d route show 10.31.0.0/16
#> unicast 10.31.0.0/16 proto boot scope global
#> nexthop via 10.1.0.2 dev va weight 2
#> nexthop via 10.2.0.2 dev vc weight 3
ip -n a route del 10.35.0.0/16 nexthop dev va
#> RTNETLINK answers: No such process
ip -n a route show 10.35.0.0/16
#> 10.35.0.0/16
#> nexthop dev va weight 1
#> nexthop dev vc weight 1

ip -n a route append 10.40.0.0/16 via 10.1.0.3
ip -n a route append 10.40.0.0/16 via 10.1.0.3
#> RTNETLINK answers: File exists
ip -n a route prepend 10.40.0.0/16 via 10.1.0.3
#> RTNETLINK answers: File exists

ip -n a route add prohibit 10.61.0.0/16
ip -n a route del blackhole 10.61.0.0/16
#> RTNETLINK answers: No such process
ip -n a route del 10.61.0.0/16 dev va
#> RTNETLINK answers: No such process
ip -n a route show 10.61.0.0/16
#> prohibit 10.61.0.0/16

ip -n a route add nat 10.52.0.0/16 via 10.1.0.2
#> Error: Invalid scope.
ip -n a route add nat 10.52.0.0/16 dev va scope host
#> Error: Invalid scope.
ip -n a route add anycast 10.53.0.0/16 dev va
ip -n a route add anycast 10.1.0.77 dev va
ip -n a route add anycast 10.55.0.0/16 dev va table main
ip -n a route add anycast 10.54.0.0/16 via 10.1.0.2
#> Error: Nexthop has invalid gateway.
ip -n a route add anycast 10.56.0.0/16 dev va scope global
#> Error: Invalid scope.
ip -n a route add multicast 224.1.0.0/16 dev va
ip -n a route show table local type anycast
#> anycast 10.1.0.77 dev va scope link
#> anycast 10.53.0.0/16 dev va scope link
ip -n a route show table all type anycast
#> anycast 10.55.0.0/16 dev va scope link
#> anycast 10.53.0.0/16 dev va table local scope link
ip -n a -d route show table local type anycast
#> anycast 10.53.0.0/16 dev va proto boot scope link
ip -n a route get 10.53.1.1
#> anycast 10.53.1.1 dev va src 10.1.0.1 uid 0
ip netns exec b ip addr add 10.1.0.2/24 dev vb
ip netns exec b ping -c 1 -W 1 10.1.0.77
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a route del anycast 10.53.0.0/16 dev va
ip -n a route del 10.1.0.77 dev va table local
ip -n a route show table local type anycast
ip -n a route show type multicast
#> multicast 224.1.0.0/16 dev va scope link
ip -n a route flush
#> "ip route flush" requires arguments.
