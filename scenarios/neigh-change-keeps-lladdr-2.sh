# `ip neigh change/replace` of an existing entry without `lladdr` only changes the state: the
# kernel keeps the stored link-layer address. Also the filters of `ip neigh show/flush`
# (nud, to, a bare address) and proxy entries.
#
#   a: va 10.1.0.1/24  ----  b: vb 10.1.0.2/24
#
# Kernel / iproute2 behaviour pinned here (net/core/neighbour.c __neigh_update: "if (!lladdr)
# use the current neigh->ha" when the old state is NUD_VALID; iproute2 ip/ipneigh.c):
# - `change 10.1.0.5 dev va nud stale` on a PERMANENT entry: accepted, now STALE, same MAC.
# - `replace ... dev va` (no lladdr, no nud) makes it PERMANENT again with the same MAC;
#   `change ... dev va` likewise succeeds.
# - `replace ... nud noarp` without lladdr: accepted; plain `ip neigh show` hides NOARP
#   entries, `nud noarp` shows it with the old MAC.
# - `show nud bogus`: "nud state is bad"; `show 10.1.0.300`: "any valid prefix is expected".
# - `flush dev va nud stale` flushes only STALE; `flush to ADDR` and `flush ADDR` do not touch
#   PERMANENT entries, `flush nud permanent` does.
# - proxy: deleting a missing proxy entry is "No such file or directory".

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb

ip -n a neigh add 10.1.0.5 lladdr 02:00:00:00:00:05 dev va
ip -n a neigh change 10.1.0.5 dev va nud stale
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 STALE
ip -n a neigh replace 10.1.0.5 dev va
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 PERMANENT
ip -n a neigh change 10.1.0.5 dev va nud reachable
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 REACHABLE
ip -n a neigh change 10.1.0.5 dev va
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 PERMANENT
ip -n a neigh replace 10.1.0.5 dev va nud noarp
ip -n a neigh show 10.1.0.5 nud noarp
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 NOARP
ip -n a neigh replace 10.1.0.5 lladdr 02:00:00:00:00:05 dev va nud permanent

ip -n a neigh show nud bogus
#> Error: argument "bogus" is wrong: nud state is bad
ip -n a neigh show 10.1.0.300
#> Error: any valid prefix is expected rather than "10.1.0.300".

ip -n a neigh add 10.1.0.6 lladdr 02:00:00:00:00:06 dev va nud stale
ip -n a neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev va nud reachable
ip -n a neigh flush dev va nud stale
ip -n a neigh show 10.1.0.6
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va lladdr 02:00:00:00:00:07 REACHABLE
ip -n a neigh flush to 10.1.0.7
ip -n a neigh show 10.1.0.7
ip -n a neigh flush 10.1.0.5
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 PERMANENT
ip -n a neigh flush nud permanent
ip -n a neigh show 10.1.0.5
ip -n a neigh del 10.1.0.5 dev va
#> RTNETLINK answers: No such file or directory

ip -n a neigh add proxy 10.1.0.99 dev va
ip -n a neigh del proxy 10.1.0.98 dev va
#> RTNETLINK answers: No such file or directory
ip -n a neigh show proxy
#> 10.1.0.99 dev va proxy
