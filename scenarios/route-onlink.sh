# Gateways outside every local subnet. "via 192.0.2.1" is refused when no route says
# 192.0.2.1 is on a link ("Nexthop has invalid gateway"). The "onlink" flag tells the
# kernel to trust that the gateway is reachable directly on the given device: a then ARPs
# for 192.0.2.1 on eth0, and b answers because 192.0.2.1 is one of its addresses (on lo,
# arp_ignore=0). This is how point-to-point /32 setups (Calico, many clouds) route.
#
#   a (10.0.0.1/24) ---- (10.0.0.2/24) b [lo: 192.0.2.1/32, 198.51.100.1/32]

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n b addr add 192.0.2.1/32 dev lo
ip -n b addr add 198.51.100.1/32 dev lo
ip -n a link set eth0 up
ip -n b link set eth0 up

ip -n a route add 198.51.100.0/24 via 192.0.2.1
#> Error: Nexthop has invalid gateway.
ip -n a route add 198.51.100.0/24 via 192.0.2.1 dev eth0
#> Error: Nexthop has invalid gateway.
ip -n a route add 198.51.100.0/24 via 192.0.2.1 dev eth0 onlink
ip -n a route show 198.51.100.0/24
#> 198.51.100.0/24 via 192.0.2.1 dev eth0 onlink
ip -n a route get 198.51.100.1
#> 198.51.100.1 via 192.0.2.1 dev eth0 src 10.0.0.1 uid 0
ip netns exec a ping -c 1 198.51.100.1
#> 64 bytes from 198.51.100.1: icmp_seq=1 ttl=64
ip -n a neigh show 192.0.2.1
#> 192.0.2.1 dev eth0 lladdr 02:00:00:00:00:02

# onlink on a device that is down.
ip -n a link add d0 type veth peer name d1
ip -n a route add 203.0.113.0/24 via 192.0.2.1 dev d0 onlink
#> Error: Nexthop device is not up.
# A default route with onlink, the Calico pattern (169.254.1.1 needs no address anywhere).
ip -n a route add default via 169.254.1.1 dev eth0 onlink
ip -n a route show default
#> default via 169.254.1.1 dev eth0 onlink
ip -n a route get 203.0.113.9
#> 203.0.113.9 via 169.254.1.1 dev eth0 src 10.0.0.1 uid 0
