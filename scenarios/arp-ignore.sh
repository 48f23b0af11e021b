# arp_ignore. b owns 10.0.5.1 on its lo (the LVS direct-routing setup), not on eth0. a
# treats 10.0.5.0/24 as on-link (route "dev eth0") and ARPs for 10.0.5.1 on the wire.
# arp_ignore=0 (default): b answers for any local address, whatever interface holds it.
# arp_ignore=1: b answers only if the target address is configured on the interface the
# request came in on -> no answer for 10.0.5.1, still an answer for 10.0.0.2.
#
#   a (10.0.0.1/24) ---- (10.0.0.2/24) b [lo: 10.0.5.1/32]

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n b addr add 10.0.5.1/32 dev lo
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add 10.0.5.0/24 dev eth0

ip netns exec b sysctl net.ipv4.conf.eth0.arp_ignore
#> net.ipv4.conf.eth0.arp_ignore = 0
ip netns exec a ping -c 1 10.0.5.1
#> 64 bytes from 10.0.5.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show 10.0.5.1
#> 10.0.5.1 dev eth0 lladdr

ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=1
#> net.ipv4.conf.eth0.arp_ignore = 1
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.5.1
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
sleep 3
ip -n a neigh show 10.0.5.1
#> 10.0.5.1 dev eth0 FAILED

# The effective value is max(conf.all, conf.DEV): all=0 does not undo eth0=1 ...
ip netns exec b sysctl -w net.ipv4.conf.all.arp_ignore=0
#> net.ipv4.conf.all.arp_ignore = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.5.1
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for a's entry to go FAILED (3 probes) before changing b's setting: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3
# ... but eth0=0 with all=0 answers again.
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=0
#> net.ipv4.conf.eth0.arp_ignore = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 10.0.5.1
#> 64 bytes from 10.0.5.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
