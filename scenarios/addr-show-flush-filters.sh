# `ip addr show` and `ip addr flush` with address filters (iproute2 ipaddr_list_flush_or_save):
# `scope`, `to PREFIX`, `label`, and the flag words (`primary`, `secondary`, `permanent`,
# `dynamic`, `tentative`, `-tentative`, …). A device whose addresses all fail the filter is left
# out; one without any address stays unless a family is asked for (ipaddr_filter); `to` with an
# IPv4 prefix asks for the IPv4 family, as -4 does (no link/ether line).
# Also: lo coming up adds 127.0.0.1/8 even when another 127/8 address is there, as a secondary
# (inetdev_event NETDEV_UP -> inet_insert_ifa); and a link-local address deleted by a flush is
# not made again by later changes (addrconf_dev_config runs when the link turns IF_READY).

ip netns add n1
ip netns add n2
ip link add v1 netns n1 type veth peer name v2 netns n2
ip -n n1 link add br0 type bridge
ip -n n1 link set br0 address 02:00:00:00:00:b0
ip -n n1 addr add 10.1.0.1/24 dev v1
ip -n n1 addr add 10.1.0.11/24 dev v1
ip -n n1 addr add 10.2.0.1/16 dev v1 label v1:x
ip -n n1 addr add 10.1.0.99/32 scope link dev v1
ip -n n1 addr add 127.0.0.2/8 dev lo
ip -n n1 link set v1 up
ip -n n1 link set lo up
ip -n n1 -4 addr show dev lo
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> inet 127.0.0.2/8 scope host lo
#> inet 127.0.0.1/8 scope host secondary lo
ip -n n1 addr show scope link
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000
#> inet 10.1.0.99/32 scope link v1
#> 3: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
ip -n n1 -4 addr show scope host
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> inet 127.0.0.2/8 scope host lo
#> inet 127.0.0.1/8 scope host secondary lo
ip -n n1 addr show scope 200
#> 3: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
ip -n n1 addr show primary
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
#> inet 127.0.0.2/8 scope host lo
#> inet6 ::1/128 scope host
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000
#> inet 10.1.0.99/32 scope link v1
ip -n n1 -4 addr show secondary
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> inet 127.0.0.1/8 scope host secondary lo
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000 link-netns n2
#> inet 10.1.0.11/24 scope global secondary v1
ip -n n1 addr show dynamic
#> 3: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
ip -n n1 -4 addr show -tentative
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> inet 127.0.0.2/8 scope host lo
#> inet 127.0.0.1/8 scope host secondary lo
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000 link-netns n2
#> inet 10.1.0.99/32 scope link v1
#> inet 10.1.0.1/24 scope global v1
ip -n n1 addr show to 10.1.0.0/24
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000 link-netns n2
#> inet 10.1.0.99/32 scope link v1
#> inet 10.1.0.1/24 scope global v1
#> inet 10.1.0.11/24 scope global secondary v1
ip -n n1 addr show to 10.1.0.11
#> 2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000 link-netns n2
#> inet 10.1.0.11/24 scope global secondary v1
ip -n n1 addr show label v1:x secondary
ip -n n1 -o addr show secondary
#> 2: v1    inet 10.1.0.11/24 scope global secondary v1\       valid_lft forever preferred_lft forever
ip -n n1 -br addr show scope link
#> v1@if2           DOWN           10.1.0.99/32
#> br0              DOWN
ip -n n1 -j -4 addr show secondary
#> [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"addr_info":[{},{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","secondary":true,"label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295}]},{"ifindex":2,"link_index":2,"ifname":"v1","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"mtu":1500,"qdisc":"noqueue","operstate":"DOWN","group":"default","txqlen":1000,"link_netnsid":0,"addr_info":[{},{},{},{"family":"inet","local":"10.1.0.11","prefixlen":24,"scope":"global","secondary":true,"label":"v1","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
ip -n n1 addr show scope bogus
#> Error: argument "bogus" is wrong: invalid "scope"
ip -n n1 addr show to bogus
#> Error: any valid prefix is expected rather than "bogus".
ip -n n1 -4 addr show to fe80::/64
ip -n n1 addr show dev v1 bogus
#> Error: either "dev" is duplicate, or "bogus" is a garbage.

ip -n n2 link set v2 up
ip -n n1 -6 addr show dev v1
#> 2: v1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netns n2
ip -n n1 addr flush
#> Flush requires arguments.
ip -n n1 addr flush dev v1 secondary
ip -n n1 -4 addr show dev v1
#> 2: v1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netns n2
#> inet 10.1.0.99/32 scope link v1
#> inet 10.1.0.1/24 scope global v1
#> inet 10.2.0.1/16 scope global v1:x
ip -n n1 addr flush dev v1 scope link
ip -n n1 addr show dev v1
#> 2: v1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#> inet 10.1.0.1/24 scope global v1
#> inet 10.2.0.1/16 scope global v1:x
ip -n n1 addr flush to 10.1.0.0/24
ip -n n1 addr add 10.3.0.1/24 dev br0
ip -n n1 addr show dev v1
#> 2: v1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#> inet 10.2.0.1/16 scope global v1:x
ip -n n1 -4 addr flush label 'v1*'
ip -n n1 addr flush scope global
ip -n n1 addr
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#> link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
#> inet 127.0.0.2/8 scope host lo
#> inet 127.0.0.1/8 scope host secondary lo
#> inet6 ::1/128 scope host
#> 2: v1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
