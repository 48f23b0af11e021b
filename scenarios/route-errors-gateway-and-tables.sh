# Error messages and edge cases of `ip route add/del/change/replace`: invalid gateways,
# missing devices, duplicates, metric spellings, table ids, prefixes with host bits, prefsrc.
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24
#
# Kernel behaviour pinned here (net/ipv4/fib_semantics.c fib_check_nh_v4_gw /
# fib_create_info, net/ipv4/fib_trie.c fib_table_insert / fib_table_delete,
# net/ipv4/fib_frontend.c rtm_to_fib_config / inet_dump_fib; iproute2 ip/iproute.c):
# - a gateway that is not on-link, the subnet broadcast or a multicast address:
#   "Error: Nexthop has invalid gateway."; our own address is accepted as a gateway.
# - `scope link` with a gateway looks the gateway up with scope host, finds nothing:
#   "Nexthop has invalid gateway." (not accepted as pathsim does).
# - no device and no gateway: "RTNETLINK answers: No such device".
# - host bits set: "Error: Invalid prefix for given prefix length."
# - the same prefix/tos/metric again: "File exists", whatever the gateway; `metric`,
#   `preference` and `priority` are the same key; 2^32-1 is a valid metric, 2^32 and -1 not.
# - `table 0` is the main table (RT_TABLE_UNSPEC becomes RT_TABLE_MAIN in the kernel), so a
#   following `table 254` add is a duplicate; `table 4294967295` works.
# - `ip route show table N` for a table that does not exist:
#   "Error: ipv4: FIB table does not exist." then "Dump terminated"; `show table foo` says
#   "table id value is invalid" (add says "\"table\" value is invalid").
# - del of a missing route: "No such process"; del in a table that does not exist:
#   "Error: FIB table does not exist."; change of a missing route: "No such file or
#   directory"; replace with a bad gateway keeps the old route.
# - a src that is not a local address: "Error: Invalid prefsrc address."
# - `proto 99` is printed as `proto openr` (iproute2's rt_protos table).

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb

ip -n a route add 10.2.0.0/16 via 10.3.0.1
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.2.0.0/16 via 10.1.0.255
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.2.0.0/16 via 224.0.0.1
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.2.0.0/16 via 10.1.0.2 scope link
#> Error: Nexthop has invalid gateway.
ip -n a route add 10.2.0.0/16 via 10.1.0.2 scope host
#> Error: Route with host scope can not have a gateway.
ip -n a route add 10.2.0.0/16 dev nosuch
#> Cannot find device "nosuch"
ip -n a route add 10.2.0.0/16
#> RTNETLINK answers: No such device
ip -n a route add 10.2.0.1/16 dev va
#> Error: Invalid prefix for given prefix length.
ip -n a route add 10.2.0.0/33 dev va
#> Error: any valid prefix is expected rather than "10.2.0.0/33".
ip -n a route add 10.3.0.0/16 via 10.1.0.1
ip -n a route show 10.3.0.0/16
#> 10.3.0.0/16 via 10.1.0.1 dev va

# Duplicates and metric spellings.
ip -n a route add 10.2.0.0/16 via 10.1.0.2
ip -n a route add 10.2.0.0/16 via 10.1.0.3
#> RTNETLINK answers: File exists
ip -n a route add 10.2.0.0/16 via 10.1.0.3 metric 10
ip -n a route add 10.2.0.0/16 via 10.1.0.4 preference 10
#> RTNETLINK answers: File exists
ip -n a route add 10.2.0.0/16 via 10.1.0.4 priority 20
ip -n a route add 10.2.0.0/16 via 10.1.0.4 metric 4294967295
ip -n a route add 10.2.0.0/16 via 10.1.0.4 metric 4294967296
#> Error: argument "4294967296" is wrong: "metric" value is invalid
ip -n a route add 10.2.0.0/16 via 10.1.0.4 metric -1
#> Error: argument "-1" is wrong: "metric" value is invalid
ip -n a route show 10.2.0.0/16
#> 10.2.0.0/16 via 10.1.0.2 dev va
#> 10.2.0.0/16 via 10.1.0.3 dev va metric 10
#> 10.2.0.0/16 via 10.1.0.4 dev va metric 20
#> 10.2.0.0/16 via 10.1.0.4 dev va metric 4294967295

# Table ids.
ip -n a route add 10.4.0.0/16 via 10.1.0.2 table 0
ip -n a route add 10.4.0.0/16 via 10.1.0.2 table 254
#> RTNETLINK answers: File exists
ip -n a route add 10.4.0.0/16 via 10.1.0.2 table 4294967295
ip -n a route add 10.4.0.0/16 via 10.1.0.2 table 4294967296
#> Error: argument "4294967296" is wrong: "table" value is invalid
ip -n a route show table main 10.4.0.0/16
#> 10.4.0.0/16 via 10.1.0.2 dev va
ip -n a route show table 4294967295
#> 10.4.0.0/16 via 10.1.0.2 dev va
ip -n a route show table 5
#> Error: ipv4: FIB table does not exist.
#> Dump terminated
ip -n a route show table foo
#> Error: argument "foo" is wrong: table id value is invalid

# del / change / replace.
ip -n a route del 10.5.0.0/16
#> RTNETLINK answers: No such process
ip -n a route del 10.2.0.0/16 via 10.1.0.9
#> RTNETLINK answers: No such process
ip -n a route del 10.2.0.0/16 metric 99
#> RTNETLINK answers: No such process
ip -n a route del 10.4.0.0/16 table 100
#> Error: FIB table does not exist.
ip -n a route change 10.5.0.0/16 via 10.1.0.2
#> RTNETLINK answers: No such file or directory
ip -n a route replace 10.5.0.0/16 via 10.1.0.2
ip -n a route replace 10.5.0.0/16 via 10.3.3.3
#> Error: Nexthop has invalid gateway.
ip -n a route show 10.5.0.0/16
#> 10.5.0.0/16 via 10.1.0.2 dev va

# prefsrc, protocol numbers.
ip -n a route add 10.18.0.0/16 dev va src 10.9.9.9
#> Error: Invalid prefsrc address.
ip -n a route add 10.20.0.0/16 via 10.1.0.2 proto 99
ip -n a route show 10.20.0.0/16
#> 10.20.0.0/16 via 10.1.0.2 dev va proto openr
ip -n a route add 10.21.0.0/16 dev va proto nosuch
#> Error: argument "nosuch" is wrong: "protocol" value is invalid
ip -n a route add 10.21.0.0/16 dev va foo
#> Error: either "to" is duplicate, or "foo" is a garbage.
