# Proxy ARP. Host a believes the whole 10.0.0.0/16 is on its link (address 10.0.0.1/16, no
# gateway), but b (10.0.1.2) is behind router r. a's ARP request for 10.0.1.2 reaches r on
# r-a. r answers with its own MAC only if proxy_arp is on for r-a, forwarding is on, and r
# has a route to 10.0.1.2 through ANOTHER device (r-b).
#
#   a (10.0.0.1/16) ---- (10.0.0.254/24) r-a  r  r-b (10.0.1.254/24) ---- (10.0.1.2/24) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name r-a netns r
ip link add eth0 netns b type veth peer name r-b netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/16 dev eth0
ip -n r addr add 10.0.0.254/24 dev r-a
ip -n r addr add 10.0.1.254/24 dev r-b
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set r-a up
ip -n r link set r-b up
ip -n b link set eth0 up
ip -n b route add default via 10.0.1.254
ip -n a route get 10.0.1.2
#> 10.0.1.2 dev eth0 src 10.0.0.1 uid 0

# 1. proxy_arp off (default), forwarding off: nobody answers a's ARP request.
ip netns exec r sysctl net.ipv4.conf.r-a.proxy_arp
#> net.ipv4.conf.r-a.proxy_arp = 0
ip netns exec a ping -c 1 -W 1 10.0.0.254
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3
ip -n a neigh show 10.0.1.2
#> 10.0.1.2 dev eth0 FAILED

# 2. proxy_arp on, but forwarding still off: still no answer.
ip netns exec r sysctl -w net.ipv4.conf.r-a.proxy_arp=1
#> net.ipv4.conf.r-a.proxy_arp = 1
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3

# 3. forwarding on: r answers for 10.0.1.2 and forwards the packets.
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip -n a neigh flush dev eth0
ip netns exec a ping -c 3 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
# a's entry for 10.0.1.2 holds r's MAC (the same as its entry for 10.0.0.254).
ip -n a neigh show 10.0.1.2
#> 10.0.1.2 dev eth0 lladdr

# 4. proxy_arp off again: a new resolution gets no answer.
ip netns exec r sysctl -w net.ipv4.conf.r-a.proxy_arp=0
#> net.ipv4.conf.r-a.proxy_arp = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for a's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3

# 5. No proxy answer for an address routed back out of the same interface.
ip netns exec r sysctl -w net.ipv4.conf.r-a.proxy_arp=1
ip -n r route add 10.0.7.0/24 dev r-a
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 1 10.0.7.7
#> PING 10.0.7.7 (10.0.7.7) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
# Let the last resolution finish (FAILED after its 3 probes) before the final state: its
# third probe would otherwise leave right around the moment the state is taken.
sleep 3
