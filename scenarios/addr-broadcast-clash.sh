# An address that is already another subnet's broadcast route gets no prefix route.
# fib_add_ifaddr adds the prefix and broadcast routes with the address as preferred source;
# fib_create_info checks it with fib_valid_prefsrc, a lookup in the local table, whose first
# route for 10.0.0.3 is then veth0's broadcast route, not vh0's local route: both refused.
# In the other order the local route comes first and every route is added.

ip netns add ns1
ip -n ns1 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip -n ns1 link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns1 addr add 10.0.0.1/30 dev veth0
ip -n ns1 addr add 10.0.0.3/30 dev vh0
ip -4 -n ns1 route show table all
#> 10.0.0.0/30 dev veth0 proto kernel scope link src 10.0.0.1
#> local 10.0.0.1 dev veth0 table local proto kernel scope host src 10.0.0.1
#> broadcast 10.0.0.3 dev veth0 table local proto kernel scope link src 10.0.0.1
#> local 10.0.0.3 dev vh0 table local proto kernel scope host src 10.0.0.3
# A user route with that preferred source is refused the same way; another table falls back
# to the local table.
ip -n ns1 route add 192.0.2.0/24 dev vh0 src 10.0.0.3
#> Error: Invalid prefsrc address.
ip -n ns1 route add 192.0.2.0/24 dev veth0 src 10.0.0.1 table 100
ip -n ns1 route show table 100
#> 192.0.2.0/24 dev veth0 scope link src 10.0.0.1

# The broadcast address first: its local route wins the lookup.
ip -n ns1 addr flush dev veth0
ip -n ns1 addr flush dev vh0
ip -n ns1 addr add 10.0.0.3/30 dev vh0
ip -n ns1 addr add 10.0.0.1/30 dev veth0
ip -4 -n ns1 route show table all
#> 10.0.0.0/30 dev vh0 proto kernel scope link src 10.0.0.3
#> 10.0.0.0/30 dev veth0 proto kernel scope link src 10.0.0.1
#> local 10.0.0.1 dev veth0 table local proto kernel scope host src 10.0.0.1
#> local 10.0.0.3 dev vh0 table local proto kernel scope host src 10.0.0.3
#> broadcast 10.0.0.3 dev vh0 table local proto kernel scope link src 10.0.0.3
#> broadcast 10.0.0.3 dev veth0 table local proto kernel scope link src 10.0.0.1
ip -n ns1 route add 192.0.2.0/24 dev vh0 src 10.0.0.3
ip -n ns1 route
#> 10.0.0.0/30 dev vh0 proto kernel scope link src 10.0.0.3
#> 10.0.0.0/30 dev veth0 proto kernel scope link src 10.0.0.1
#> 192.0.2.0/24 dev vh0 scope link src 10.0.0.3
