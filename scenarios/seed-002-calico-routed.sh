# Seed 002 (Calico "veth、网桥与路由"), step 7: Calico-style configuration. Each container has
# a /32 address and a default route via 169.254.1.1; the host-side cali* veth answers ARP
# for 169.254.1.1 by proxy ARP, and the host has one "scope link" /32 route per container.
#
# Kernel fact the seed does not mention: proxy ARP only answers for an address the host has
# a route to through ANOTHER device (arp_fwd_proxy). A real node has a default route via its
# uplink; this fresh sandbox host has no route to 169.254.1.1, so the seed's steps alone end
# in 100% loss (shown below). We add an uplink to an "internet" namespace (192.0.2.0/24,
# documentation range) with a default route, as a real node has, and then it works.
# Out of scope: the NAT cleanup step (iptables -t nat -F POSTROUTING).

ip netns add container1
ip netns add container2
ip link add cali0001 type veth peer name eth0 netns container1
ip link add cali0002 type veth peer name eth0 netns container2

ip netns exec container1 ip addr add 10.244.1.2/32 dev eth0
ip netns exec container1 ip link set eth0 up
ip netns exec container1 ip link set lo up
ip netns exec container1 ip route add 169.254.1.1 dev eth0
ip netns exec container1 ip route add default via 169.254.1.1 dev eth0

ip netns exec container2 ip addr add 10.244.1.3/32 dev eth0
ip netns exec container2 ip link set eth0 up
ip netns exec container2 ip link set lo up
ip netns exec container2 ip route add 169.254.1.1 dev eth0
ip netns exec container2 ip route add default via 169.254.1.1 dev eth0

ip link set cali0001 up
ip link set cali0002 up
sysctl -w net.ipv4.conf.cali0001.proxy_arp=1
#> net.ipv4.conf.cali0001.proxy_arp = 1
sysctl -w net.ipv4.conf.cali0002.proxy_arp=1
#> net.ipv4.conf.cali0002.proxy_arp = 1
# Calico's Felix also sets proxy_delay to 0 on every cali* interface, so the proxy reply is
# sent at once instead of after a random part of 0.8 s (neigh_proxy_process); pinning it keeps
# the frame order of the two chained proxy replies below the same on every run.
sysctl -w net.ipv4.neigh.cali0001.proxy_delay=0
sysctl -w net.ipv4.neigh.cali0002.proxy_delay=0
sysctl net.ipv4.conf.cali0001.proxy_arp
#> net.ipv4.conf.cali0001.proxy_arp = 1
ip route add 10.244.1.2 dev cali0001 scope link
ip route add 10.244.1.3 dev cali0002 scope link
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

ip route
#> 10.244.1.2 dev cali0001 scope link
#> 10.244.1.3 dev cali0002 scope link
ip netns exec container1 ip route
#> default via 169.254.1.1 dev eth0
#> 169.254.1.1 dev eth0 scope link
ip netns exec container1 ip addr show eth0
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.244.1.2/32 scope global eth0

# The seed's test, in this sandbox: nobody answers ARP for 169.254.1.1 (no host route).
ip netns exec container1 ping -c 1 -W 1 10.244.1.3
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for container1's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3

# Uplink + default route on the host (as on a real node).
ip netns add internet
ip link add uplink type veth peer name eth0 netns internet
ip addr add 192.0.2.1/24 dev uplink
ip link set uplink up
ip netns exec internet ip addr add 192.0.2.254/24 dev eth0
ip netns exec internet ip link set eth0 up
ip route add default via 192.0.2.254
sleep 3

ip netns exec container1 ping -c 3 10.244.1.3
#> 64 bytes from 10.244.1.3: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec container2 ping -c 3 10.244.1.2
#> 64 bytes from 10.244.1.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
# The forwarding decision on the host for a packet from container1 to container2.
ip route get 10.244.1.3 from 10.244.1.2 iif cali0001
#> 10.244.1.3 from 10.244.1.2 dev cali0002
#>     cache iif cali0001
ip netns exec container1 ip neigh show 169.254.1.1
#> 169.254.1.1 dev eth0 lladdr

ip netns del container1
ip netns del container2
ip netns del internet
