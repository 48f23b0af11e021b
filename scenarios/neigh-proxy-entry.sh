# Proxy ARP for single addresses: "ip neigh add proxy ADDR dev DEV" makes the router answer
# ARP requests for ADDR on DEV with its own MAC, while the per-device proxy_arp sysctl
# stays 0. Like proxy_arp it needs forwarding on and a route to ADDR through ANOTHER device.
# Entries are listed by "ip neigh show proxy"; adding the same proxy entry twice is not an
# error. b2 (10.0.1.3) has no proxy entry, so a cannot reach it.
#
#   a (10.0.0.1/16) ---- (10.0.0.254/24) r-a  r  r-b (10.0.1.254/24) ---- b (10.0.1.2, 10.0.1.3)

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name r-a netns r
ip link add eth0 netns b type veth peer name r-b netns r
ip -n r link set r-a address 02:00:00:00:00:fe
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/16 dev eth0
ip -n r addr add 10.0.0.254/24 dev r-a
ip -n r addr add 10.0.1.254/24 dev r-b
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n b addr add 10.0.1.3/24 dev eth0
ip -n a link set eth0 up
ip -n r link set r-a up
ip -n r link set r-b up
ip -n b link set eth0 up
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

# No proxy entry: nobody answers for 10.0.1.2.
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for a's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3

# A proxy entry for 10.0.1.2 on r-a.
ip -n r neigh add proxy 10.0.1.2 dev r-a
ip -n r neigh add proxy 10.0.1.2 dev r-a
ip -n r neigh show proxy
#> 10.0.1.2 dev r-a proxy
ip netns exec r sysctl net.ipv4.conf.r-a.proxy_arp
#> net.ipv4.conf.r-a.proxy_arp = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss
ip -n a neigh show 10.0.1.2
#> 10.0.1.2 dev eth0 lladdr 02:00:00:00:00:fe
# Only that address: 10.0.1.3 stays unanswered.
ip netns exec a ping -c 1 -W 1 10.0.1.3
#> 1 packets transmitted, 0 received, 100% packet loss

# Forwarding off: the proxy entry is ignored.
ip netns exec r sysctl -w net.ipv4.ip_forward=0
#> net.ipv4.ip_forward = 0
sleep 3
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# FAILED first, as above.
sleep 3

# Forwarding back on, entry deleted: no answer either.
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r neigh del proxy 10.0.1.2 dev r-a
ip -j -n r neigh show proxy
#> []
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# Let the last resolution finish (FAILED after its 3 probes) before the final state: its
# third probe would otherwise leave right around the moment the state is taken.
sleep 3
