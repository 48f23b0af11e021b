# `ip route get` options beyond to/from/iif/oif/mark that iproute2 documents and people paste
# from answers: fibmatch (print the FIB entry that matched, not the resulting dst), connected
# (look up again from the returned source), uid, ipproto/dport, tos names, vrf.
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24
#
# Kernel behaviour pinned here (iproute2 ip/iproute.c iproute_get; kernel inet_rtm_getroute
# with RTM_F_FIB_MATCH):
# - `fibmatch` prints the matching route as `ip route show` would (connected route, the
#   local-table entry for a local address, the /16 for an address inside it); for a
#   blackhole match the lookup still fails with EINVAL.
# - `connected` prints the result twice (first lookup, then the lookup from its source).
# - `uid N` is echoed; `ipproto udp dport 53` is accepted; `tos lowdelay` is rejected with
#   "TOS value is invalid"; an unknown VRF is "Invalid VRF".

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb
ip -n a route add 10.8.0.0/16 via 10.1.0.2
ip -n a route add blackhole 192.0.2.0/24

ip -n a route get fibmatch 10.1.0.2
#> 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1
ip -n a route get 10.1.0.2 fibmatch
#> 10.1.0.0/24 dev va proto kernel scope link src 10.1.0.1
ip -n a route get fibmatch 10.8.1.1
#> 10.8.0.0/16 via 10.1.0.2 dev va
ip -n a route get fibmatch 10.1.0.1
#> local 10.1.0.1 dev va proto kernel scope host src 10.1.0.1
ip -n a route get fibmatch 192.0.2.1
#> RTNETLINK answers: Invalid argument
ip -n a route get 10.1.0.2 connected
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
#> cache
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.2 uid 1000
#> 10.1.0.2 dev va src 10.1.0.1 uid 1000
ip -n a route get 10.1.0.2 ipproto udp dport 53
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.2 tos 0x1c
#> 10.1.0.2 dev va src 10.1.0.1 uid 0
ip -n a route get 10.1.0.2 tos lowdelay
#> Error: argument "lowdelay" is wrong: TOS value is invalid
ip -n a route get 10.1.0.2 vrf foo
#> Error: argument "foo" is wrong: Invalid VRF
