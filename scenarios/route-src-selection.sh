# Which source address the kernel picks (ip route get ... src).
# * Without a hint: the PRIMARY address of the outgoing device that is in the same subnet
#   as the next hop / destination (inet_select_addr), never a secondary.
# * A route's "src" hint overrides it; the hint must be a local address, on any device
#   (here the lo address), else "Invalid prefsrc address".
# * A device without any address: the kernel takes an address from another device.
# * "from ADDR" in ip route get fixes the source and prints no src.
#
#   a eth0 (10.0.0.1/24, 10.0.0.5/24 secondary) ---- (10.0.0.2) b
#     eth1 (10.0.1.1/24) ---- (10.0.1.2) b
#     eth2 (no address)  ---- b
#     lo   10.9.9.9/32

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name eth1 netns b
ip link add eth2 netns a type veth peer name eth2 netns b
ip -n a link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.5/24 dev eth0
ip -n a addr add 10.0.1.1/24 dev eth1
ip -n a addr add 10.9.9.9/32 dev lo
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n a link set eth2 up
ip -n b link set eth0 up
ip -n b link set eth1 up
ip -n b link set eth2 up

ip -n a addr show dev eth0
#> inet 10.0.0.1/24 scope global eth0
#> inet 10.0.0.5/24 scope global secondary eth0
ip -n a route show dev eth0
#> 10.0.0.0/24 proto kernel scope link src 10.0.0.1
ip -n a route get 10.0.0.2
#> 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
ip -n a route get 10.0.1.2
#> 10.0.1.2 dev eth1 src 10.0.1.1 uid 0

# A default route via b on eth1: source from eth1.
ip -n a route add default via 10.0.1.2
ip -n a route get 203.0.113.1
#> 203.0.113.1 via 10.0.1.2 dev eth1 src 10.0.1.1 uid 0
# A src hint: any local address.
ip -n a route add 192.0.2.0/24 via 10.0.0.2 src 10.9.9.9
ip -n a route show 192.0.2.0/24
#> 192.0.2.0/24 via 10.0.0.2 dev eth0 src 10.9.9.9
ip -n a route get 192.0.2.1
#> 192.0.2.1 via 10.0.0.2 dev eth0 src 10.9.9.9 uid 0
ip -n a route add 198.51.100.0/24 via 10.0.0.2 src 10.0.0.77
#> Error: Invalid prefsrc address.
ip -n a route add 198.51.100.0/24 via 10.0.0.2 src 10.0.0.5
ip -n a route get 198.51.100.1
#> 198.51.100.1 via 10.0.0.2 dev eth0 src 10.0.0.5 uid 0

# eth2 has no address: a route through it borrows one from another device.
ip -n a route add 10.2.0.0/24 dev eth2
ip -n a route get 10.2.0.9
#> 10.2.0.9 dev eth2 src
# from: the given source, no src printed.
ip -n a route get 10.0.0.2 from 10.0.0.5
#> 10.0.0.2 from 10.0.0.5 dev eth0 uid 0
