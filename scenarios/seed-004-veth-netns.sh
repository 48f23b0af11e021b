# Seed 004 (初探容器网络), first part: two namespaces joined by a veth pair, inspected with
# ip -n, route and arp.

ip netns list
ip netns add ns0
ip netns add ns1
ip netns ls
#> ns1
#> ns0
ip -n ns0 link
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#>     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
ip netns exec ns0 ip link
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
# Empty routing table: route prints only its headers (and exits 1); arp prints nothing.
ip netns exec ns0 route
#> Kernel IP routing table
#> Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
ip netns exec ns0 arp

ip link add veth0 type veth peer name veth1
# The peer (veth1) is created first and gets the lower ifindex.
ip link
#> 2: veth1@veth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 3: veth0@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link set veth0 netns ns0
ip link set veth1 netns ns1
ip -n ns0 link
#> 3: veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns ns1
ip -n ns1 link
#> 2: veth1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns ns0

ip -n ns0 addr add 10.0.0.100/24 dev veth0
ip -n ns1 addr add 10.0.0.101/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
ip -n ns0 addr
#> 3: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#> link-netns ns1
#>     inet 10.0.0.100/24 scope global veth0
#>        valid_lft forever preferred_lft forever
ip -n ns1 addr
#> 2: veth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.0.0.101/24 scope global veth1

ip -n ns0 route
#> 10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.100
ip -n ns1 route
#> 10.0.0.0/24 dev veth1 proto kernel scope link src 10.0.0.101
ip netns exec ns0 ping -c 1 10.0.0.101
#> 64 bytes from 10.0.0.101: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec ns1 ping -c 1 10.0.0.100
#> 64 bytes from 10.0.0.100: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec ns0 route -n
#> Kernel IP routing table
#> 10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        0 veth0
ip netns exec ns0 arp -n
#> Address                  HWtype  HWaddress           Flags Mask            Iface
#> 10.0.0.101               ether
#> C                     veth0

ip netns del ns0
ip netns del ns1
