# proxy_arp_pvlan ("private VLAN" proxy ARP). ns1 and ns2 hang on br0 in the host, whose
# ports are isolated ("bridge link set ... isolated on"): two isolated ports never exchange
# frames, so ns1's ARP request for ns2 reaches only br0 itself. The host (br0 10.0.0.254)
# can answer for ns2 and route the traffic back out of br0, but:
# * proxy_arp=1 is not enough: the kernel does not proxy for an address whose route leaves
#   through the interface the request came in on (arp_fwd_proxy needs another device);
# * proxy_arp_pvlan=1 answers exactly for such same-segment addresses (arp_fwd_pvlan), with
#   forwarding on. The host then forwards ns1 <-> ns2 (ttl 63). Redirects are switched off
#   (send_redirects is "all OR dev"), otherwise the host would tell ns1 to go direct, and
#   proxy_delay is 0 so that the proxied answers come at once (see proxy-arp-delay.sh).
#
#   ns1 (10.0.0.1) --- veth1-br [isolated] br0 (10.0.0.254) [isolated] veth2-br --- ns2 (10.0.0.2)

ip netns add ns1
ip netns add ns2
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:fe
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2
ip -n ns1 link set eth0 address 02:00:00:00:00:01
ip -n ns2 link set eth0 address 02:00:00:00:00:02
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set lo up
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip addr add 10.0.0.254/24 dev br0
ip -n ns1 link set lo up
ip -n ns2 link set lo up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up

# Plain bridge: ns1 reaches ns2 directly.
ip netns exec ns1 ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64

# Isolated ports: ns1 still reaches the host, but no longer ns2.
bridge link set dev veth1-br isolated on
bridge link set dev veth2-br isolated on
bridge -d link show dev veth1-br
#> isolated on
ip -n ns1 neigh flush dev eth0
ip netns exec ns1 ping -c 1 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
ip netns exec ns1 ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss

# Forwarding and proxy_arp on br0: the route to 10.0.0.2 is br0 itself -> no answer.
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
sysctl -w net.ipv4.conf.all.send_redirects=0
sysctl -w net.ipv4.conf.br0.send_redirects=0
sysctl -w net.ipv4.conf.br0.proxy_arp=1
#> net.ipv4.conf.br0.proxy_arp = 1
sysctl -w net.ipv4.neigh.br0.proxy_delay=0
sleep 3
ip -n ns1 neigh flush dev eth0
ip netns exec ns1 ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for ns1's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3

# proxy_arp_pvlan on br0: the host answers with br0's MAC and relays the traffic.
sysctl -w net.ipv4.conf.br0.proxy_arp_pvlan=1
#> net.ipv4.conf.br0.proxy_arp_pvlan = 1
ip -n ns1 neigh flush dev eth0
ip -n ns2 neigh flush dev eth0
ip netns exec ns1 ping -c 2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss
ip -n ns1 neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:fe
ip -n ns2 neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:fe
