# Metrics and scopes.
# * Two routes for the same prefix with different metrics coexist; the lowest metric wins
#   ("ip route get"), the list shows them in metric order. "del PREFIX metric N" removes
#   exactly that one; the other takes over.
# * A route with only "dev" gets scope link; with a gateway scope global (not printed).
#   "scope host" with a gateway is refused. "ip route show scope S" filters, and then does
#   not print the scope any more (iproute2 omits what the filter fixed, like "dev X").
# * A gateway reachable only through a scope-host route is accepted but then not used.
#
#   a eth0 (10.0.0.1/24) ---- b     a eth1 (10.0.1.1/24) ---- b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name eth1 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.1.1/24 dev eth1
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n b link set eth0 up
ip -n b link set eth1 up

ip -n a route add 10.9.0.0/16 via 10.0.0.2 metric 200
ip -n a route add 10.9.0.0/16 via 10.0.1.2 metric 100
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.1.2 dev eth1 metric 100
#> 10.9.0.0/16 via 10.0.0.2 dev eth0 metric 200
ip -n a route get 10.9.0.1
#> 10.9.0.1 via 10.0.1.2 dev eth1 src 10.0.1.1 uid 0
ip -n a route del 10.9.0.0/16 metric 300
#> RTNETLINK answers: No such process
ip -n a route del 10.9.0.0/16 metric 100
ip -n a route get 10.9.0.1
#> 10.9.0.1 via 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
# The more specific prefix still wins over any metric.
ip -n a route add 10.9.5.0/24 via 10.0.1.2 metric 999
ip -n a route get 10.9.5.1
#> 10.9.5.1 via 10.0.1.2 dev eth1 src 10.0.1.1 uid 0

# Scopes.
ip -n a route add 10.5.0.0/24 dev eth0
ip -n a route add 10.6.0.0/24 dev eth0 scope host
ip -n a route add 10.7.0.0/24 via 10.0.0.2 scope host
#> Error: Route with host scope can not have a gateway.
ip -n a route add 10.7.0.0/24 via 10.5.0.1
ip -n a route show scope link
#> 10.0.0.0/24 dev eth0 proto kernel src 10.0.0.1
#> 10.0.1.0/24 dev eth1 proto kernel src 10.0.1.1
#> 10.5.0.0/24 dev eth0
ip -n a route show scope host
#> 10.6.0.0/24 dev eth0
ip -n a route show 10.6.0.0/24
#> 10.6.0.0/24 dev eth0 scope host
ip -n a route show 10.7.0.0/24
#> 10.7.0.0/24 via 10.5.0.1 dev eth0
ip -n a route get 10.5.0.9
#> 10.5.0.9 dev eth0 src 10.0.0.1 uid 0
ip -n a route get 10.7.0.9
#> 10.7.0.9 via 10.5.0.1 dev eth0 src 10.0.0.1 uid 0
# A gateway reachable only through a scope host route: accepted, and listed with its
# gateway, but the next hop gets scope host, and the kernel uses a gateway only when the
# next hop's scope is link (fib_nh_common_gw via FIB_RES_GW): the destination is treated as
# on-link, "ip route get" shows no "via".
ip -n a route add 10.8.0.0/24 via 10.6.0.1
ip -n a route show 10.8.0.0/24
#> 10.8.0.0/24 via 10.6.0.1 dev eth0
ip -n a route get 10.8.0.9
#> 10.8.0.9 dev eth0 src 10.0.0.1 uid 0
