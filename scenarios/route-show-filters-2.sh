# `ip route show` filters and flags beyond table/dev/proto/scope/type: the `linkdown` flag of
# routes on a device without carrier, via/src/metric filters, root/match/exact prefix
# selectors, `-d` output, and iproute2's error texts for bad filter values.
#
#   a: va 10.1.0.1/24  ----  b: vb (down at first)
#
# Kernel / iproute2 behaviour pinned here (net/ipv4/fib_semantics.c fib_dump_info sets
# RTNH_F_LINKDOWN for a nexthop whose device has no carrier; iproute2 ip/iproute.c
# filter_nlmsg / print_route / iproute_list_flush_or_save):
# - while the veth peer is down, va is NO-CARRIER and every route through it shows
#   `linkdown` (JSON "flags":["linkdown"]); it disappears when the peer comes up.
# - `via GW`, `src A` and `metric N` select routes and, like other fixed filters, drop that
#   attribute from the printed line.
# - `root P` = routes inside P; `match P` = routes containing P (incl. default); `exact P`
#   (and a bare prefix) = that prefix only; `match 0/0` and `exact 0/0` select the default.
# - `-d` prints the type (`unicast`), `proto boot` for routes added without proto, and
#   `scope global`; `-d -j` adds "scope":"global".
# - bad values: `type bogus` "node type value is invalid", `scope bogus` 'invalid "scope"',
#   `proto bogus` 'invalid "protocol"'; `via` without an address "Command line is not
#   complete".

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n a addr add 10.1.0.1/24 dev va
ip -n a route add 10.20.0.0/16 via 10.1.0.2
ip -n a link show va
#> NO-CARRIER
ip -n a route show
#> 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1 linkdown
#> 10.20.0.0/16 via 10.1.0.2 dev va linkdown
ip -n a -j route show 10.20.0.0/16
#> [{"dst":"10.20.0.0/16","gateway":"10.1.0.2","dev":"va","flags":["linkdown"]}]
ip -n b link set vb up
ip -n a -j route show 10.20.0.0/16
#> [{"dst":"10.20.0.0/16","gateway":"10.1.0.2","dev":"va","flags":[]}]

ip -n a route add 10.21.0.0/16 via 10.1.0.2 proto static metric 7
ip -n a route add 10.21.5.0/24 via 10.1.0.3 proto static
ip -n a route add 10.22.0.0/16 dev va scope link src 10.1.0.1
ip -n a route add unreachable 10.24.0.0/16 metric 3
ip -n a route add default via 10.1.0.254

ip -n a route show via 10.1.0.2
#> 10.20.0.0/16 dev va
#> 10.21.0.0/16 dev va proto static metric 7
ip -n a route show src 10.1.0.1
#> 10.1.0.0/24 dev va proto kernel scope link
#> 10.22.0.0/16 dev va scope link
ip -n a route show metric 7
#> 10.21.0.0/16 via 10.1.0.2 dev va proto static
ip -n a route show root 10.21.0.0/16
#> 10.21.0.0/16 via 10.1.0.2 dev va proto static metric 7
#> 10.21.5.0/24 via 10.1.0.3 dev va proto static
ip -n a route show match 10.21.5.7
#> default via 10.1.0.254 dev va
#> 10.21.0.0/16 via 10.1.0.2 dev va proto static metric 7
#> 10.21.5.0/24 via 10.1.0.3 dev va proto static
ip -n a route show exact 10.21.0.0/16
#> 10.21.0.0/16 via 10.1.0.2 dev va proto static metric 7
ip -n a route show match 0/0
#> default via 10.1.0.254 dev va
ip -n a route show exact 0/0
#> default via 10.1.0.254 dev va

ip -n a -d route show
#> unicast default via 10.1.0.254 dev va proto boot scope global
#> unicast 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1
#> unicast 10.21.0.0/16 via 10.1.0.2 dev va proto static scope global metric 7
#> unicast 10.22.0.0/16 dev va proto boot scope link src 10.1.0.1
#> unreachable 10.24.0.0/16 proto boot scope global metric 3
ip -n a -d -j route show type unreachable
#> [{"type":"unreachable","dst":"10.24.0.0/16","protocol":"boot","scope":"global","metric":3,"flags":[]}]

ip -n a route show type bogus
#> Error: argument "bogus" is wrong: node type value is invalid
ip -n a route show scope bogus
#> Error: argument "bogus" is wrong: invalid "scope"
ip -n a route show proto bogus
#> Error: argument "bogus" is wrong: invalid "protocol"
ip -n a route show via
#> Command line is not complete. Try option "help"
