# Several routes for one prefix. "add" refuses a second route with the same prefix, tos and
# metric ("File exists") even with another gateway; "append" adds it after the existing
# ones, "prepend" before them. Only the FIRST of equal routes is used (ip route get).
# "replace" replaces the first one (or adds if there is none), "change" modifies the first
# one and fails if there is none. "del PREFIX" removes the first one.
#
#   a eth0 (10.0.0.1/24) ---- b     a eth1 (10.0.1.1/24) ---- b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name eth1 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.1.1/24 dev eth1
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n b link set eth0 up
ip -n b link set eth1 up

ip -n a route add 10.9.0.0/16 via 10.0.0.2
ip -n a route add 10.9.0.0/16 via 10.0.1.2
#> RTNETLINK answers: File exists
ip -n a route append 10.9.0.0/16 via 10.0.1.2
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
#> 10.9.0.0/16 via 10.0.1.2 dev eth1
ip -n a route prepend 10.9.0.0/16 via 10.0.0.3
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.0.3 dev eth0
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
#> 10.9.0.0/16 via 10.0.1.2 dev eth1
ip -n a route get 10.9.1.1
#> 10.9.1.1 via 10.0.0.3 dev eth0 src 10.0.0.1 uid 0

# replace: the first one is overwritten.
ip -n a route replace 10.9.0.0/16 via 10.0.1.3
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.1.3 dev eth1
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
#> 10.9.0.0/16 via 10.0.1.2 dev eth1
# change: the first one again.
ip -n a route change 10.9.0.0/16 via 10.0.0.4
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.0.4 dev eth0
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
ip -n a route change 10.8.0.0/16 via 10.0.0.4
#> RTNETLINK answers: No such file or directory
ip -n a route replace 10.8.0.0/16 via 10.0.0.4
ip -n a route show 10.8.0.0/16
#> 10.8.0.0/16 via 10.0.0.4 dev eth0
# A different metric is a different route: add works.
ip -n a route add 10.9.0.0/16 via 10.0.1.2 metric 10
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.0.4 dev eth0
#> 10.9.0.0/16 via 10.0.1.2 dev eth1 metric 10

# del without details: the first route (metric 0, via 10.0.0.4) goes.
ip -n a route del 10.9.0.0/16
ip -n a route get 10.9.1.1
#> 10.9.1.1 via 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
ip -n a route del 10.9.0.0/16 via 10.0.1.2
ip -n a route show 10.9.0.0/16
#> 10.9.0.0/16 via 10.0.0.2 dev eth0
#> 10.9.0.0/16 via 10.0.1.2 dev eth1 metric 10
ip -n a route del 10.9.0.0/16 via 10.0.0.9
#> RTNETLINK answers: No such process
