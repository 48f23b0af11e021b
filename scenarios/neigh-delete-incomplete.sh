# Deleting a neighbour entry that is still resolving (INCOMPLETE). `ip neigh flush` and
# `ip neigh del` send RTM_DELNEIGH; neigh_delete first sets the entry FAILED (__neigh_update
# with NUD_FAILED), which runs neigh_invalidate as running out of probes does: every packet
# queued on the entry gets its ICMP host unreachable, looped through lo (nobody is waiting for
# it: ping has already given up). Then the entry is removed and no further probe goes out.
# retrans_time_ms=3000 keeps a's second probe well after the commands, so nothing races.
#
#   a (10.0.0.1/24) ---- (10.0.0.2/24) b; 10.0.0.8 and 10.0.0.9 do not exist

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a sysctl -w net.ipv4.neigh.eth0.retrans_time_ms=3000
#> net.ipv4.neigh.eth0.retrans_time_ms = 3000

# Two requests wait on the INCOMPLETE entry; the flush reports both.
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.9
#> 2 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 INCOMPLETE
ip -n a neigh flush dev eth0
ip -n a neigh show 10.0.0.9

# The same through `ip neigh del`, with one request waiting.
ip netns exec a ping -c 1 -W 1 10.0.0.8
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh del 10.0.0.8 dev eth0
ip -n a neigh show dev eth0

# A resolved neighbour has nothing queued: deleting it reports nothing.
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh del 10.0.0.2 dev eth0
ip -n a neigh show dev eth0
# Long enough for the probes the deleted entries would have sent (~3 s after each first one).
sleep 2
