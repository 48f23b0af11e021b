# A vxlan device as a bridge port (the classic L2 overlay): on each host a bridge joins a
# local "container" veth and vx0; a ping between the containers crosses the tunnel.
# * The bridge floods the container's ARP request to vx0, which sends it to its `remote`;
#   on the far side vx0 hands the decapsulated frame to its bridge (rx_handler).
# * Both FDBs learn: the bridge learns the remote container's MAC behind vx0
#   ("… dev vx0 master br0"), vx0 learns it behind the remote host ("… dst 192.0.2.2 self").
# * Multicast snooping is off: the bridges' IGMP reports (sent at random times, not
#   modelled) would cross the tunnel and resolve the underlay at random times.

ip netns add h1
ip netns add h2
ip netns add c1
ip netns add c2
ip netns exec h1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec h2 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec c1 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec c2 sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n h1 link add eth0 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:02:01 netns h2
ip -n h1 addr add 192.0.2.1/24 dev eth0
ip -n h2 addr add 192.0.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h1 link add br0 address 02:00:00:00:01:b0 type bridge mcast_snooping 0
ip -n h2 link add br0 address 02:00:00:00:02:b0 type bridge mcast_snooping 0
ip -n h1 link add vx0 address 02:00:00:00:01:f0 type vxlan id 100 remote 192.0.2.2 dstport 4789 dev eth0
ip -n h2 link add vx0 address 02:00:00:00:02:f0 type vxlan id 100 remote 192.0.2.1 dstport 4789 dev eth0
ip -n h1 link set vx0 master br0
ip -n h2 link set vx0 master br0
ip -n h1 link add p1 address 02:00:00:00:01:10 type veth peer name eth0 address 02:00:00:00:01:11 netns c1
ip -n h2 link add p2 address 02:00:00:00:02:10 type veth peer name eth0 address 02:00:00:00:02:11 netns c2
ip -n h1 link set p1 master br0
ip -n h2 link set p2 master br0
ip -n h1 link set br0 up
ip -n h2 link set br0 up
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip -n h1 link set p1 up
ip -n h2 link set p2 up
ip -n c1 addr add 10.1.0.1/24 dev eth0
ip -n c2 addr add 10.1.0.2/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n h1 link show vx0
#> vx0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master br0 state UNKNOWN mode DEFAULT group default qlen 1000
ip netns exec c1 ping -c 2 -i 0.2 10.1.0.2
#> 64 bytes from 10.1.0.2: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
sleep 1
bridge -n h1 fdb show dev vx0
#> 02:00:00:00:02:11 master br0 
#> 02:00:00:00:02:11 dst 192.0.2.2 self 
