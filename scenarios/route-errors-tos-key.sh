# The TOS (dsfield) is part of an IPv4 route's key: routes that differ only in `tos` coexist,
# `ip route get ... tos` selects the matching one, and `del` without tos removes the tos-0 one.
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24
#
# Kernel behaviour pinned here (net/ipv4/fib_trie.c fib_table_insert / fib_table_delete /
# fib_table_lookup compare fa_dscp; net/ipv4/fib_frontend.c rtm_to_fib_config checks the ECN
# bits; iproute2 print_route prints `tos 0x10` right after the prefix):
# - `add P via G tos 0x10` and `add P via G2` are two routes; a second `tos 0x10` route for
#   the same prefix and metric is "File exists".
# - `tos 3` (ECN bits set): "Error: Invalid dsfield (tos): ECN bits must be 0."
# - `ip route show` prints `10.3.0.0/16 tos 0x10 via 10.1.0.2 dev va`.
# - `route get P tos 0x10` uses the tos route and echoes `tos 0x10`; without tos the tos-0
#   route is used.
# - `route del P` (no tos) deletes the tos-0 route only; a second `del` is "No such process"
#   while the tos 0x10 route is still there.

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb

ip -n a route add 10.3.0.0/16 via 10.1.0.2 tos 0x10
ip -n a route add 10.3.0.0/16 via 10.1.0.3
ip -n a route add 10.3.0.0/16 via 10.1.0.4 tos 0x10
#> RTNETLINK answers: File exists
ip -n a route add 10.3.0.0/16 via 10.1.0.4 tos 3
#> Error: Invalid dsfield (tos): ECN bits must be 0.
ip -n a route show
#> 10.3.0.0/16 tos 0x10 via 10.1.0.2 dev va
#> 10.3.0.0/16 via 10.1.0.3 dev va
ip -n a route get 10.3.0.1 tos 0x10
#> 10.3.0.1 tos 0x10 via 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.3.0.1
#> 10.3.0.1 via 10.1.0.3 dev va src 10.1.0.1 uid 0
ip -n a route del 10.3.0.0/16
ip -n a route del 10.3.0.0/16
#> RTNETLINK answers: No such process
ip -n a route show 10.3.0.0/16
#> 10.3.0.0/16 tos 0x10 via 10.1.0.2 dev va
