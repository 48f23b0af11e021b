# What happens to routes when addresses go, and the label filter of `ip addr show`.
# * Deleting an address that is no longer local anywhere in the namespace kills the routes
#   of table main that use it as `src` (fib_sync_down_addr); other tables keep theirs.
# * promote_secondaries=1: deleting a primary promotes the first secondary of its subnet; it
#   moves up behind the last primary, and the subnet's routes (prefix, local routes of the
#   remaining secondaries, broadcasts incl. an explicit `brd`) are re-made with it as src.
# * `ip addr show label PATTERN` matches IPv4 labels (fnmatch), IPv6 addresses by device
#   name, and prints no link lines. A label is at most 15 bytes (netlink policy).

ip link add eth0 type veth peer name p0
ip link set eth0 up
ip link set p0 up
ip addr add 10.0.0.1/24 dev eth0
ip addr add 10.0.0.2/24 dev eth0
ip addr add 10.0.0.3/24 dev eth0
ip route add 10.7.0.0/16 dev eth0 src 10.0.0.3
ip route add 10.8.0.0/16 dev eth0 src 10.0.0.3 table 100
ip addr del 10.0.0.3/24 dev eth0
ip route show table 100
#> 10.8.0.0/16 dev eth0 scope link src 10.0.0.3
ip route show
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
ip -j route show 10.7.0.0/16
#> []
ip addr flush dev eth0

sysctl -w net.ipv4.conf.eth0.promote_secondaries=1
#> net.ipv4.conf.eth0.promote_secondaries = 1
ip addr add 10.9.0.1/16 dev eth0
ip addr add 10.0.0.1/24 dev eth0
ip addr add 10.0.0.2/24 dev eth0
ip addr add 10.0.0.3/24 brd 10.0.0.200 dev eth0
ip addr add 10.0.0.4/24 dev eth0
ip addr add 10.5.0.1/8 dev eth0
ip route add 10.6.0.0/16 dev eth0 src 10.0.0.1
ip -4 -o addr show dev eth0
#> 3: eth0    inet 10.9.0.1/16 scope global eth0
#> 3: eth0    inet 10.0.0.1/24 scope global eth0
#> 3: eth0    inet 10.5.0.1/8 scope global eth0
#> 3: eth0    inet 10.0.0.2/24 scope global secondary eth0
#> 3: eth0    inet 10.0.0.3/24 brd 10.0.0.200 scope global secondary eth0
#> 3: eth0    inet 10.0.0.4/24 scope global secondary eth0
ip route show table local type local
#> local 10.0.0.3 dev eth0 proto kernel scope host src 10.0.0.1
ip addr del 10.0.0.1/24 dev eth0
ip -4 -o addr show dev eth0
#> 3: eth0    inet 10.9.0.1/16 scope global eth0
#> 3: eth0    inet 10.5.0.1/8 scope global eth0
#> 3: eth0    inet 10.0.0.2/24 scope global eth0
#> 3: eth0    inet 10.0.0.3/24 brd 10.0.0.200 scope global secondary eth0
#> 3: eth0    inet 10.0.0.4/24 scope global secondary eth0
ip route show table all type local
#> local 10.0.0.2 dev eth0 table local proto kernel scope host src 10.0.0.2
#> local 10.0.0.3 dev eth0 table local proto kernel scope host src 10.0.0.2
#> local 10.0.0.4 dev eth0 table local proto kernel scope host src 10.0.0.2
ip route show table all type broadcast
#> broadcast 10.0.0.200 dev eth0 table local proto kernel scope link src 10.0.0.2
#> broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.2
ip route show
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2
ip -j route show 10.6.0.0/16
#> []

# With promotion off again, the new primary takes its secondaries with it.
sysctl -w net.ipv4.conf.eth0.promote_secondaries=0
ip addr del 10.0.0.2/24 dev eth0
ip -4 -o addr show dev eth0
#> 3: eth0    inet 10.9.0.1/16 scope global eth0
#> 3: eth0    inet 10.5.0.1/8 scope global eth0
ip addr del 10.0.0.3/24 dev eth0
#> Error: ipv4: Address not found.

# Labels.
ip addr add 10.2.0.1/24 dev eth0 label eth0:web
ip addr add 10.3.0.1/24 dev p0 label p0:x
ip addr show label eth0:web
#>     inet 10.2.0.1/24 scope global eth0:web
ip -4 addr show label '*:*'
#>     inet 10.3.0.1/24 scope global p0:x
#>     inet 10.2.0.1/24 scope global eth0:web
ip addr show label 'eth0*'
#>     inet 10.9.0.1/16 scope global eth0
#>     inet 10.2.0.1/24 scope global eth0:web
# (`ip addr flush` took eth0's IPv6 link-local address too; p0 still has its own.)
ip addr show label 'p0*'
#>     inet 10.3.0.1/24 scope global p0:x
#>     inet6 fe80::
ip -o addr show label eth0:web
#> 3: eth0    inet 10.2.0.1/24 scope global eth0:web
ip addr add 10.4.0.1/24 dev eth0 label eth0:toolongname
#> Error: Attribute failed policy validation.
