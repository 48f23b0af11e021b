# `ip route add` nexthop validation and iproute2's argument parsing: admin-down devices,
# onlink, gateways through lo, special types that may not have a device, repeated keywords
# and short address forms.
#
#   a: va 10.1.0.1/24 (up), vc 10.2.0.1/24 (admin down)  ----  b: vb (up), vd
#
# Kernel / iproute2 behaviour pinned here (net/ipv4/fib_semantics.c fib_check_nh_v4_gw /
# fib_check_nh_nongw / fib_create_info, net/ipv4/fib_frontend.c rtm_to_fib_config;
# iproute2 ip/iproute.c iproute_modify, lib/utils.c get_addr_ipv4 / get_prefix):
# - dev on an admin-down device: "Device for nexthop is not up."; a gateway whose connected
#   route is gone (device down): "Nexthop has invalid gateway."; onlink via a down device:
#   "Nexthop device is not up."; onlink without dev: "Nexthop device required for onlink.";
#   a gateway on another device than the one named, or via lo: "Nexthop has invalid gateway."
# - blackhole/unreachable/prohibit with dev or via: "Gateway, device and multipath can not
#   be specified for this route type."; local with a gateway: "Route with host scope can not
#   have a gateway."
# - two `via`: 'argument "via" is wrong: use nexthop syntax to specify multiple via'.
# - `table main table 100`: the last keyword wins; `to unicast P` is accepted; `10.53`
#   means 10.53.0.0 (missing bytes are zero, /32); `10.54/16` means 10.54.0.0/16;
#   `scope 200` is printed `scope site`.

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip link add vc netns a type veth peer name vd netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n a addr add 10.2.0.1/24 dev vc

ip -n a route add 10.30.0.0/16 dev vc
#> Error: Device for nexthop is not up.
ip -n a route add 10.31.0.0/16 via 10.2.0.2
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.32.0.0/16 via 10.2.0.2 dev vc onlink
#> Error: Nexthop device is not up.
ip -n a route add 10.33.0.0/16 via 10.1.0.2 dev vc
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.36.0.0/16 via 10.9.0.2 onlink
#> Error: Nexthop device required for onlink.
ip -n a route add 10.37.0.0/16 via 10.1.0.2 dev lo
#> Error: Nexthop has invalid gateway.
ip -n a route add local 10.41.0.0/16 via 10.1.0.2
#> Error: Route with host scope can not have a gateway.
ip -n a route add blackhole 10.42.0.0/16 dev va
#> Error: Gateway, device and multipath can not be specified for this route type.
ip -n a route add blackhole 10.43.0.0/16 via 10.1.0.2
#> Error: Gateway, device and multipath can not be specified for this route type.
ip -n a route add unreachable 10.44.0.0/16 dev va
#> Error: Gateway, device and multipath can not be specified for this route type.
ip -n a route add 10.49.0.0/16 via 10.1.0.2 via 10.1.0.3
#> Error: argument "via" is wrong: use nexthop syntax to specify multiple via

ip -n a route add 10.47.0.0/16 dev va scope 200
ip -n a route add 10.48.0.0/16 dev va table main table 100
ip -n a route add to unicast 10.51.0.0/16 dev va
ip -n a route add 10.53 dev va
ip -n a route add 10.54/16 dev va
ip -n a route show
#> 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1
#> 10.47.0.0/16 dev va scope site
#> 10.51.0.0/16 dev va scope link
#> 10.53.0.0 dev va scope link
#> 10.54.0.0/16 dev va scope link
ip -n a route show table 100
#> 10.48.0.0/16 dev va scope link
ip -n a route show type blackhole
