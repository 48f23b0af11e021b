# What happens to routes when a link goes down.
# * Admin down (ip link set X down): every route through X is DELETED, in every table
#   (static routes, table 100, the default route); the kernel prefix route too. Only the
#   "local" route of the address stays. Admin up restores only the kernel's own routes: the
#   static routes are gone for good.
# * Carrier loss (the veth peer goes down): routes stay, marked "linkdown".

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add default via 10.0.0.2
ip -n a route add 10.9.0.0/16 via 10.0.0.2
ip -n a route add 10.8.0.0/16 dev eth0 table 100
ip -n a route
#> default via 10.0.0.2 dev eth0
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
ip -n a route show table 100
#> 10.8.0.0/16 dev eth0 scope link

# Carrier loss: the peer goes down.
ip -n b link set eth0 down
ip -n a link show eth0
#> 2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
ip -n a route
#> default via 10.0.0.2 dev eth0 linkdown
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 linkdown
#> 10.9.0.0/16 via 10.0.0.2 dev eth0 linkdown
ip -n a route get 10.9.1.1
#> 10.9.1.1 via 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
ip -n b link set eth0 up

# Admin down.
ip -n a link set eth0 down
ip -n a route
ip -n a route show table 100
ip -n a route show table local
#> local 10.0.0.1 dev eth0 proto kernel scope host src 10.0.0.1
#> local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1
ip -n a route get 10.9.1.1
#> RTNETLINK answers: Network is unreachable

# Admin up: only the prefix route (and the local/broadcast ones) come back.
ip -n a link set eth0 up
ip -n a route
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
ip -n a route get 10.9.1.1
#> RTNETLINK answers: Network is unreachable
ip -n a route get 10.0.0.2
#> 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
