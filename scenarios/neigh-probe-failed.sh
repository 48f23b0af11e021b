# A neighbour that stops answering: STALE → (used) DELAY → PROBE → FAILED, while the entry
# still holds the address it last knew. `ip neigh` then prints no lladdr: the kernel sends
# NDA_LLADDR only for NUD_VALID states (net/core/neighbour.c neigh_fill_info), and
# /proc/net/arp shows the entry as "(incomplete)" (arp_format_neigh_entry).
# * 10.1.0.7 does not exist; a STALE entry for it is used by ping: DELAY, after
#   delay_first_probe_time (5 s) PROBE with unicast probes, after ucast_solicit (3) probes
#   1 s apart FAILED.
# * `replace ... nud reachable` gives it an address again.
#
#   a: va 10.1.0.1/24 ---- b: vb 10.1.0.2/24

ip netns add a
ip netns add b
ip link add va netns a address 02:00:00:00:00:0a type veth peer name vb netns b address 02:00:00:00:00:0b
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb
ip -n a neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev va nud stale
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va lladdr 02:00:00:00:00:07 STALE
ip netns exec a ping -c 1 -W 1 10.1.0.7
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va lladdr 02:00:00:00:00:07 DELAY
sleep 5
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va lladdr 02:00:00:00:00:07 PROBE
sleep 4
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va FAILED
ip -n a -j neigh show 10.1.0.7
#> [{"dst":"10.1.0.7","dev":"va","state":["FAILED"]}]
ip -n a neigh show nud failed
#> 10.1.0.7 dev va FAILED
ip netns exec a arp -n
#> 10.1.0.7                         (incomplete)                              va
ip -n a neigh replace 10.1.0.7 lladdr 02:00:00:00:00:0b dev va nud reachable
ip -n a neigh show 10.1.0.7
#> 10.1.0.7 dev va lladdr 02:00:00:00:00:0b REACHABLE
