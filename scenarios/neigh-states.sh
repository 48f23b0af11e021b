# Neighbour entry states (NUD) and manual entries.
# * After a ping, a's entry for b is REACHABLE (confirmed by the ARP reply). b learned a from
#   the request (STALE) and used it at once for the echo reply: DELAY; ~5 s later
#   (delay_first_probe_time) b sends a unicast probe, a answers: REACHABLE.
# * REACHABLE lasts a random 15..45 s (base_reachable_time 30 s), then STALE. An entry is
#   not deleted just for being stale (gc only runs above gc_thresh1 = 128 entries).
# * Using a STALE entry makes it DELAY, and after the probe REACHABLE again.
# * "ip neigh add" without nud makes a PERMANENT entry; "replace" overwrites; "change"
#   needs an existing entry; "flush dev" keeps PERMANENT entries, "flush nud permanent" not.
#
#   a (10.0.0.1) ---- (10.0.0.2) b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 DELAY
sleep 7
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 REACHABLE

# ~50 s later both entries are STALE, and still there.
sleep 25
sleep 25
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 STALE
ip -n a neigh show nud stale
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 STALE
ip -j -n a neigh show nud reachable
#> []
ip -n b neigh show dev eth0
#> 10.0.0.1 lladdr 02:00:00:00:00:01 STALE

# Using the stale entry: DELAY, then REACHABLE after the unicast probe.
ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 DELAY
sleep 7
ip -n a neigh show nud reachable
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE

# Manual entries.
ip -n a neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:09 PERMANENT
ip -n a neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0
#> RTNETLINK answers: File exists
ip -n a neigh replace 10.0.0.9 lladdr 02:00:00:00:00:19 dev eth0 nud reachable
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:19 REACHABLE
ip -n a neigh change 10.0.0.8 lladdr 02:00:00:00:00:08 dev eth0
#> RTNETLINK answers: No such file or directory
ip -n a neigh change 10.0.0.9 lladdr 02:00:00:00:00:29 dev eth0
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:29 PERMANENT
ip -n a neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale
ip -n a neigh show nud permanent
#> 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:29 PERMANENT

# flush dev: dynamic entries go (10.0.0.2, 10.0.0.7), the PERMANENT one stays.
ip -n a neigh flush dev eth0
ip -j -n a neigh show 10.0.0.2
#> []
ip -j -n a neigh show 10.0.0.7
#> []
ip -n a neigh show dev eth0
#> 10.0.0.9 lladdr 02:00:00:00:00:29 PERMANENT
ip -n a neigh flush nud permanent dev eth0
ip -j -n a neigh show dev eth0
#> []
ip -n a neigh del 10.0.0.9 dev eth0
#> RTNETLINK answers: No such file or directory
