# A neighbour that does not answer, then comes back. b's eth0 is up but b has no address
# yet, so a's ARP requests for 10.0.0.2 go unanswered: the entry is INCOMPLETE while a
# retries (3 broadcast requests, 1 s apart), then FAILED. A FAILED entry is not a negative
# cache that blocks traffic: the next packet for it restarts resolution (FAILED ->
# INCOMPLETE), so once b has its address the very next ping works. An ARP request FROM b
# also updates the FAILED entry directly: a learns b's MAC from the request (STALE) and
# uses it for its echo reply (DELAY).
#
#   a (10.0.0.1) ---- b (no address, later 10.0.0.2)

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

ip netns exec a ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 INCOMPLETE
sleep 3
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 FAILED

# b gets its address; the FAILED entry stays FAILED until it is used ...
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 FAILED
# ... and the next ping resolves it again.
ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE

# Fail it again (b loses its address), then let b speak first. Removing the LAST IPv4
# address of a device flushes that device's ARP table (fib_disable_ip -> arp_ifdown), so b
# forgets a as well and has to ARP for it.
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01
ip -n b addr del 10.0.0.2/24 dev eth0
ip -j -n b neigh show 10.0.0.1
#> []
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 FAILED
ip -n b addr add 10.0.0.2/24 dev eth0
ip netns exec b ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
# (STALE from b's request, then DELAY: a used it for its echo reply)
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 DELAY
