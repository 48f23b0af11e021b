# `ip route flush` selectors and messages.
#
#   a: va 10.1.0.1/24  ----  b: vb
#
# Kernel / iproute2 behaviour pinned here (iproute2 ip/iproute.c iproute_flush /
# iproute_list_flush_or_save; kernel inet_dump_fib):
# - `flush dev va` removes every main-table route through va, including the connected
#   10.1.0.0/24 (proto kernel), so a later `via 10.1.0.2` is "Nexthop has invalid gateway."
# - flushing an emptied table again is silent (the table still exists); flushing a table that
#   never existed: "Error: ipv4: FIB table does not exist." then "Flush terminated".
# - `-s route flush` prints the round statistics.
# - `flush P via G` accepts the `via` selector.

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n a route add 10.2.0.0/16 via 10.1.0.2 proto static
ip -n a route add 10.3.0.0/16 via 10.1.0.2 table 100
ip -n a route add 10.7.0.0/16 via 10.1.0.2
ip -n a route add 10.8.0.0/16 via 10.1.0.3
ip -n a route flush 10.7.0.0/16 via 10.1.0.2
ip -n a route show
#> 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1
#> 10.2.0.0/16 via 10.1.0.2 dev va proto static
#> 10.8.0.0/16 via 10.1.0.3 dev va
ip -n a route del 10.7.0.0/16
#> RTNETLINK answers: No such process
ip -n a route flush table 100
ip -n a route flush table 100
ip -n a route flush table 77
#> Error: ipv4: FIB table does not exist.
#> Flush terminated
ip -n a route add blackhole 10.4.0.0/16
ip -n a -s route flush type blackhole
#> *** Round 1, deleting 1 entries ***
#> *** Flush is complete after 1 round ***
ip -n a route flush dev va
ip -n a route add 10.6.0.0/16 via 10.1.0.2
#> Error: Nexthop has invalid gateway.
