# Link counters and output forms of iproute2 that scripts parse:
# * `-s -s` prints the carrier transitions (`transns`, IFLA_CARRIER_CHANGES: every
#   netif_carrier_on/off that flipped the bit). A veth starts with its carrier bit set, so
#   veth_newlink's netif_carrier_off counts 1; both ends up counts 2; each later flip one more.
#   A bridge counts when its carrier follows its ports (br_port_state_selection).
# * `-j -s` adds a `stats64` object (after addr_info for `ip addr`), with the error breakdowns
#   and carrier_changes under `-s -s`; M-DOWN (the veth peer in the same namespace is down) is
#   in JSON's flags too.
# * `-o route get`: the record's inner newline becomes a backslash.
# IPv6 is disabled and the bridge does no multicast snooping (no IGMP report for 224.0.0.106),
# so that no announcement adds to the byte counters.

ip netns add a
ip netns add b
ip netns exec a sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add v1 netns a type veth peer name v2 netns b
ip -n a -s -s link show v1
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       1
ip -n a link set v1 up
ip -n b link set v2 up
ip -n a -s -s link show v1
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       2
ip -n b link set v2 down
ip -n b link set v2 up
ip -n a link set v1 down
ip -n a -s -s link show v1
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       5
ip -n b -s -s link show v2
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       5
ip -n a -j -s -s link show v1
#> "tx":{"bytes":0,"packets":0,"errors":0,"dropped":0,"carrier_errors":0,"collisions":0,"aborted_errors":0,"fifo_errors":0,"window_errors":0,"heartbeat_errors":0,"carrier_changes":5}
ip -n a link add br0 type bridge mcast_snooping 0
ip -n a link set br0 up
ip -n a -s -s link show br0
#> state UNKNOWN
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       0
ip -n a link set v1 master br0
ip -n a link set v1 up
ip -n a link set v1 nomaster
ip -n a -s -s link show br0
#> <NO-CARRIER,BROADCAST,MULTICAST,UP>
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       3
ip -n a -s -s link show lo
#> TX errors: aborted   fifo  window heartbt transns
#> 0      0       0       0       0

ip link add v3 type veth peer name v4
ip -j link show v3
#> "flags":["BROADCAST","MULTICAST","M-DOWN"]
ip -j -s link show v3
#> "stats64":{"rx":{"bytes":0,"packets":0,"errors":0,"dropped":0,"over_errors":0,"multicast":0},"tx":{"bytes":0,"packets":0,"errors":0,"dropped":0,"carrier_errors":0,"collisions":0}}}]
ip -j -s addr show v3
#> "addr_info":[],"stats64":{"rx":
ip link set v3 up
ip addr add 10.9.0.1/24 dev v3
ip -o route get 10.9.0.2
#> 10.9.0.2 dev v3 src 10.9.0.1 uid 0 \    cache
ip -o route get 10.9.0.1
#> local 10.9.0.1 dev lo src 10.9.0.1 uid 0 \    cache <local>
ip -o route get 10.9.0.2 from 10.9.0.1 iif lo
#> RTNETLINK answers: No route to host
