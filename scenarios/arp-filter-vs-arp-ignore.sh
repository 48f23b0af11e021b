# "ARP flux": host h has two interfaces on the same LAN and subnet, eth0 (10.0.0.1) and
# eth1 (10.0.0.2). By default Linux answers an ARP request for ANY local address on ANY
# interface that receives it, so both eth0 and eth1 answer c's request for 10.0.0.1 and c
# keeps the FIRST reply (a later one within locktime, 1 s, does not override). br0 floods
# to its ports newest first (br_add_if puts a port at the head of the list), so p1/eth1
# gets the request first and answers first: c learns eth1's MAC for 10.0.0.1, the
# "wrong" interface (stable in 6 runs).
# * arp_filter=1: answer only on the interface the kernel would use to reach the asker.
#   Both prefix routes are equal and eth0's comes first, so eth0 answers for BOTH addresses.
# * arp_ignore=1 (with arp_filter=0): answer only for addresses configured on the
#   receiving interface: c learns eth0's MAC for 10.0.0.1 and eth1's for 10.0.0.2.
#
#   c (10.0.0.100) --- br0 (in namespace sw) --- eth0 (10.0.0.1, 02:00:00:00:00:01) h
#                                             --- eth1 (10.0.0.2, 02:00:00:00:00:02) h

ip netns add c
ip netns add h
ip netns add sw
ip -n sw link add br0 type bridge
ip -n sw link add pc address 02:00:00:00:0b:10 type veth peer name eth0 netns c address 02:00:00:00:00:10
ip -n sw link add p0 address 02:00:00:00:0b:01 type veth peer name eth0 netns h
ip -n sw link add p1 address 02:00:00:00:0b:02 type veth peer name eth1 netns h
ip -n h link set eth0 address 02:00:00:00:00:01
ip -n h link set eth1 address 02:00:00:00:00:02
ip -n sw link set pc master br0
ip -n sw link set p0 master br0
ip -n sw link set p1 master br0
ip -n sw link set br0 up
ip -n sw link set pc up
ip -n sw link set p0 up
ip -n sw link set p1 up
ip -n c addr add 10.0.0.100/24 dev eth0
ip -n h addr add 10.0.0.1/24 dev eth0
ip -n h addr add 10.0.0.2/24 dev eth1
ip -n c link set eth0 up
ip -n h link set eth0 up
ip -n h link set eth1 up
ip -n h route show
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
#> 10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.2

# Default: both answer; c keeps eth1's answer even for eth0's address.
ip netns exec c ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ip -n c neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:02

# arp_filter=1 on both interfaces: eth0 (the route to c) answers for both addresses.
ip netns exec h sysctl -w net.ipv4.conf.eth0.arp_filter=1
ip netns exec h sysctl -w net.ipv4.conf.eth1.arp_filter=1
ip -n c neigh flush dev eth0
ip netns exec c ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip netns exec c ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ip -n c neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:01
ip -n c neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01

# arp_ignore=1 instead: each interface answers for its own address only.
ip netns exec h sysctl -w net.ipv4.conf.eth0.arp_filter=0
ip netns exec h sysctl -w net.ipv4.conf.eth1.arp_filter=0
ip netns exec h sysctl -w net.ipv4.conf.all.arp_ignore=1
ip -n c neigh flush dev eth0
ip netns exec c ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip netns exec c ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ip -n c neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02
ip -n c neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01
