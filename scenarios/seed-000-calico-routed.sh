# Seed 000 (Calico "Linux 网络基础"), advanced experiment: Calico-style pure L3 routing.
# Each pod has a /32 address and a default route via the link-local gateway 169.254.1.1,
# which nobody owns: the host-side veth answers the pod's ARP for it by proxy ARP.
#
# Kernel fact the seed does not mention: proxy ARP only answers when the host has a route
# for the requested address (169.254.1.1) that leaves through ANOTHER device than the one
# the request came in on (arp_fwd_proxy). A real Calico node has a default route via its
# uplink; this fresh sandbox host has none, so the seed's steps alone give 100% loss (shown
# below). We then give the host an uplink to an "internet" namespace (documentation range
# 192.0.2.0/24, instead of a real network) with a default route, and the pods can talk.

ip netns add pod1
ip netns add pod2
ip link add veth-pod1 type veth peer name eth0 netns pod1
ip link add veth-pod2 type veth peer name eth0 netns pod2

ip netns exec pod1 ip addr add 10.0.1.2/32 dev eth0
ip netns exec pod1 ip link set eth0 up
ip netns exec pod1 ip link set lo up
ip netns exec pod1 ip route add 169.254.1.1 dev eth0
ip netns exec pod1 ip route add default via 169.254.1.1 dev eth0

ip netns exec pod2 ip addr add 10.0.2.2/32 dev eth0
ip netns exec pod2 ip link set eth0 up
ip netns exec pod2 ip link set lo up
ip netns exec pod2 ip route add 169.254.1.1 dev eth0
ip netns exec pod2 ip route add default via 169.254.1.1 dev eth0

ip link set veth-pod1 up
ip link set veth-pod2 up
sysctl -w net.ipv4.conf.veth-pod1.proxy_arp=1
#> net.ipv4.conf.veth-pod1.proxy_arp = 1
sysctl -w net.ipv4.conf.veth-pod2.proxy_arp=1
# Calico's Felix also sets proxy_delay to 0 on every pod interface, so the proxy reply is sent
# at once instead of after a random part of 0.8 s (neigh_proxy_process); pinning it keeps the
# frame order of the two chained proxy replies below the same on every run.
sysctl -w net.ipv4.neigh.veth-pod1.proxy_delay=0
sysctl -w net.ipv4.neigh.veth-pod2.proxy_delay=0
ip route add 10.0.1.2 dev veth-pod1
ip route add 10.0.2.2 dev veth-pod2
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

# A /32 address installs no prefix route: only the two routes added by hand.
ip netns exec pod1 ip route
#> default via 169.254.1.1 dev eth0
#> 169.254.1.1 dev eth0 scope link
ip route
#> 10.0.1.2 dev veth-pod1 scope link
#> 10.0.2.2 dev veth-pod2 scope link

# The seed's test, in this sandbox: the host has no route to 169.254.1.1, so nobody
# answers the pod's ARP request and nothing is sent (lo is up in pod1, but -W 1 ends the
# ping before ARP gives up after ~3 s, so no "Destination Host Unreachable" line).
ip netns exec pod1 ping -c 1 -W 1 10.0.2.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip route get 169.254.1.1
#> RTNETLINK answers: Network is unreachable
# Let pod1's entry for 169.254.1.1 go FAILED (3 unanswered probes) before the host gets its
# uplink: a probe sent after the default route exists is answered, and the second probe leaves
# 1.004-1.032 s after the first (timer wheel), just when ping -W 1 returns (a race on the kernel).
sleep 3

# Give the host a default route through an uplink (as a real node has).
ip netns add internet
ip link add uplink type veth peer name eth0 netns internet
ip addr add 192.0.2.1/24 dev uplink
ip link set uplink up
ip netns exec internet ip addr add 192.0.2.254/24 dev eth0
ip netns exec internet ip link set eth0 up
ip route add default via 192.0.2.254
ip route get 169.254.1.1
#> 169.254.1.1 via 192.0.2.254 dev uplink src 192.0.2.1 uid 0
sleep 3

ip netns exec pod1 ping -c 3 10.0.2.2
#> 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec pod2 ping -c 3 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss

# pod1 resolved the gateway 169.254.1.1 to the MAC of veth-pod1 (proxy ARP reply).
ip netns exec pod1 ip neigh show 169.254.1.1
#> 169.254.1.1 dev eth0 lladdr
# The host resolved the pods directly on their veths.
ip neigh show dev veth-pod2
#> 10.0.2.2 lladdr

ip netns del pod1
ip netns del pod2
ip netns del internet
