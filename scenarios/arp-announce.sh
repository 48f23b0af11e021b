# arp_announce: which sender IP a host puts in its ARP REQUEST. The target learns the
# sender (IP, MAC) pair from the request, so "ip neigh" on the target shows the choice.
# a has eth0 10.0.0.1/24 (primary), 10.0.0.5/24 (secondary) and 10.9.9.9/32 on lo; each
# ping below is sent from one of these source addresses (-I ADDR) to b, with both
# neighbour tables flushed first, so a must ARP for 10.0.0.2.
# * arp_announce=0 (default): the source address of the packet being resolved, whatever
#   device holds it (here even the lo address).
# * arp_announce=1: that source only if it is in the target's subnet on eth0 (10.0.0.5
#   yes, 10.9.9.9 no); otherwise the primary address chosen by inet_select_addr.
# * arp_announce=2: always the best (primary) address of eth0 for the target.
# b routes 10.9.9.9 via 10.0.0.1, so it never ARPs for 10.9.9.9 itself: an entry for
# 10.9.9.9 on b can only come from a's request.
#
#   a (10.0.0.1, 10.0.0.5; lo 10.9.9.9) ---- (10.0.0.2) b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.5/24 dev eth0
ip -n a addr add 10.9.9.9/32 dev lo
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b route add 10.9.9.9 via 10.0.0.1

# arp_announce=0: the request carries the lo address 10.9.9.9 as sender.
ip netns exec a sysctl net.ipv4.conf.eth0.arp_announce
#> net.ipv4.conf.eth0.arp_announce = 0
ip netns exec a ping -c 1 -I 10.9.9.9 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n b neigh show 10.9.9.9
#> 10.9.9.9 dev eth0 lladdr 02:00:00:00:00:01
ip -n a neigh flush dev eth0
ip -n b neigh flush dev eth0
ip netns exec a ping -c 1 -I 10.0.0.5 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n b neigh show 10.0.0.5
#> 10.0.0.5 dev eth0 lladdr 02:00:00:00:00:01
ip -j -n b neigh show 10.0.0.1
#> []

# arp_announce=1: 10.9.9.9 is not in 10.0.0.0/24, so the request says 10.0.0.1 ...
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_announce=1
#> net.ipv4.conf.eth0.arp_announce = 1
ip -n a neigh flush dev eth0
ip -n b neigh flush dev eth0
ip netns exec a ping -c 1 -I 10.9.9.9 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -j -n b neigh show 10.9.9.9
#> []
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01
# ... but the secondary 10.0.0.5 is in the target's subnet and is kept.
ip -n a neigh flush dev eth0
ip -n b neigh flush dev eth0
ip netns exec a ping -c 1 -I 10.0.0.5 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n b neigh show 10.0.0.5
#> 10.0.0.5 dev eth0 lladdr 02:00:00:00:00:01

# arp_announce=2 (set through conf.all: the value used is max(all, eth0)): the primary
# 10.0.0.1 even for a packet from the secondary 10.0.0.5. (b then resolves 10.0.0.5 by
# itself to send the reply, so only the 10.0.0.1 entry, which b never used, tells.)
ip netns exec a sysctl -w net.ipv4.conf.all.arp_announce=2
#> net.ipv4.conf.all.arp_announce = 2
ip -n a neigh flush dev eth0
ip -n b neigh flush dev eth0
ip netns exec a ping -c 1 -I 10.0.0.5 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 STALE
