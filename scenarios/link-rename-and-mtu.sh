# Renaming a link and changing its MTU.
# * An interface can be renamed while UP on this kernel; its addresses (label included)
#   and routes follow the new name. The name must be free and at most 15 characters.
# * MTU limits of a veth: 68..65535 ("minmtu 68 maxmtu 65535" in ip -d link); outside the
#   range the kernel refuses with an extack message. The two ends of a veth pair have
#   independent MTUs. Below 1280 the device loses IPv6 (addrconf_notify: NETDEV_CHANGEMTU
#   with mtu < IPV6_MIN_MTU -> addrconf_ifdown), IPv4 stays.
# * A bridge's MTU follows its ports: the smallest port MTU (re-evaluated on every port
#   change) until it is set by hand.

ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up

ip link set veth0 name lan0
ip addr show dev lan0
#> lan0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.0.0.1/24 scope global lan0
ip route show
#> 10.0.0.0/24 dev lan0 proto kernel scope link src 10.0.0.1
ip link show veth1
#> veth1@lan0: <BROADCAST,MULTICAST,UP,LOWER_UP>
ip link set lan0 name veth1
#> RTNETLINK answers: File exists
ip link set lan0 name averyveryverylongname
#> Error: argument "averyveryverylongname" is wrong: "name" not a valid ifname
ip link show veth0
#> Device "veth0" does not exist.

ip link set lan0 mtu 9000
ip link show lan0
#> lan0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip link show veth1
#> veth1@lan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip link set lan0 mtu 67
#> Error: mtu less than device minimum.
ip link set lan0 mtu 65536
#> Error: mtu greater than device maximum.
ip link set lan0 mtu 68
ip link show lan0
#> mtu 68 qdisc noqueue
ip addr show dev lan0
#> inet 10.0.0.1/24 scope global lan0
# Below 1280 (IPV6_MIN_MTU) IPv6 is switched off on the device: the link-local address is
# gone ("ip -6 addr" prints nothing at all for it).
ip -6 addr show dev lan0
ip -j -6 addr show dev lan0
#> []

# Bridge MTU = smallest port MTU.
ip link add br0 type bridge
ip link add p1 address 02:00:00:00:0b:01 type veth peer name p1-peer address 02:00:00:00:0c:01
ip link add p2 address 02:00:00:00:0b:02 type veth peer name p2-peer address 02:00:00:00:0c:02
ip link set p1 mtu 9000
ip link set p2 mtu 4000
ip link set p1 master br0
ip link show br0
#> br0: <BROADCAST,MULTICAST> mtu 9000
ip link set p2 master br0
ip link show br0
#> br0: <BROADCAST,MULTICAST> mtu 4000
ip link set p2 mtu 9000
ip link show br0
#> br0: <BROADCAST,MULTICAST> mtu 9000
ip link set br0 mtu 1500
ip link set p2 mtu 8000
ip link show br0
#> br0: <BROADCAST,MULTICAST> mtu 1500
ip link show p1
#> p1@p1-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 9000

# Names on `ip link add`: `name`/`peer name` are checked by iproute2 (check_ifname: < 16
# bytes, no '/'); a bare device name only for '/' and white space (check_altifname), its
# length by the kernel's netlink policy.
ip link add a/b type veth
#> Error: argument "a/b" is wrong: "dev" not a valid ifname
ip link add abcdefghijklmnop type veth
#> Error: Attribute failed policy validation.
ip link add abcdefghijklmno type veth peer name x/y
#> Error: argument "x/y" is wrong: "name" not a valid ifname
ip link add name abcdefghijklmnop type bridge
#> Error: argument "abcdefghijklmnop" is wrong: "name" not a valid ifname
ip link add abcdefghijklmno type veth
ip -br link show abcdefghijklmno
#> abcdefghijklmno@veth0
