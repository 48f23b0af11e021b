# Primary and secondary IPv4 addresses. The first address of a subnet on a device is its
# primary; further addresses in the same subnet are "secondary" and are listed after all
# primaries. Deleting a primary deletes its secondaries too (promote_secondaries=0, the
# default in a new namespace), with the prefix route. With promote_secondaries=1 the next
# secondary becomes primary instead, and the prefix route is re-created with it as src.

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.2/24 dev eth0
ip -n a addr add 10.0.0.3/24 dev eth0
ip -n a addr add 10.1.0.1/16 dev eth0
# pathsim-verify compares the whole state (addresses, local and main routes) here too.
#@ snapshot

ip -n a -4 addr show dev eth0
#>     inet 10.0.0.1/24 scope global eth0
#>     inet 10.1.0.1/16 scope global eth0
#>     inet 10.0.0.2/24 scope global secondary eth0
#>     inet 10.0.0.3/24 scope global secondary eth0
ip -n a route show dev eth0
#> 10.0.0.0/24 proto kernel scope link src 10.0.0.1
#> 10.1.0.0/16 proto kernel scope link src 10.1.0.1

# Deleting the primary takes the secondaries with it.
ip netns exec a sysctl net.ipv4.conf.eth0.promote_secondaries
#> net.ipv4.conf.eth0.promote_secondaries = 0
ip -n a addr del 10.0.0.1/24 dev eth0
#@ snapshot
ip -n a -4 -o addr show dev eth0
#> eth0    inet 10.1.0.1/16 scope global eth0
ip -j -n a route show 10.0.0.0/24
#> []
ip -n a addr del 10.0.0.2/24 dev eth0
#> Error: ipv4: Address not found.

# promote_secondaries=1: 10.0.0.2 takes over.
ip netns exec a sysctl -w net.ipv4.conf.eth0.promote_secondaries=1
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.2/24 dev eth0
ip -n a addr add 10.0.0.3/24 dev eth0
ip -n a addr del 10.0.0.1/24 dev eth0
ip -n a -4 addr show dev eth0
#>     inet 10.1.0.1/16 scope global eth0
#>     inet 10.0.0.2/24 scope global eth0
#>     inet 10.0.0.3/24 scope global secondary eth0
ip -n a route show dev eth0
#> 10.0.0.0/24 proto kernel scope link src 10.0.0.2
ip -n a route get 10.0.0.9
#> 10.0.0.9 dev eth0 src 10.0.0.2 uid 0

# Labels and flush.
ip -n a addr add 10.2.0.1/24 dev eth0 label eth0:web
ip -n a -4 addr show label eth0:web
#>     inet 10.2.0.1/24 scope global eth0:web
ip -n a addr flush dev eth0
ip -n a -4 addr show dev eth0
ip -j -n a route show dev eth0
#> []
