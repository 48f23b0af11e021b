# Seed 004 (初探容器网络), bridge part: br0 with 10.1.1.1/24 and three namespaces ns0..ns2
# whose eth0 (renamed vethN) is joined to br0 through vethN-br.
#
# Where the seed is wrong about the kernel: it says Linux disables the bridge's layer-2
# forwarding by default, so that ns0 cannot ping ns1 until "iptables -A FORWARD -i br0 -j
# ACCEPT" is added. On a fresh host that is not so: a bridge forwards between its ports at
# once (its ports are "forwarding" as soon as they have carrier, with STP off). Bridged
# traffic does pass through iptables (bridge-nf-call-iptables=1, br_netfilter), and the
# FORWARD policy of a fresh namespace is ACCEPT; the seed's machine presumably had Docker,
# which sets the FORWARD policy to DROP. So ns0 reaches ns1 and ns2 directly below.
# Note also that the seed's "ip a" shows 10.0.0.1/24 on br0 where it just added 10.1.1.1/24.
#
# Out of scope: the internet part (enslaving the physical NIC, iptables MASQUERADE,
# ping 8.8.8.8). Where the seed pings 8.8.8.8 to show "Network is unreachable", we use
# 203.0.113.8 (TEST-NET-3) instead of a real public address.

ip netns add ns0
ip netns add ns1
ip netns add ns2
ip link add br0 type bridge
ip link add veth0-br address 02:00:00:00:0b:10 type veth peer name veth0 address 02:00:00:00:00:10
ip link add veth1-br address 02:00:00:00:0b:11 type veth peer name veth1 address 02:00:00:00:00:11
ip link add veth2-br address 02:00:00:00:0b:12 type veth peer name veth2 address 02:00:00:00:00:12
ip link
#> 2: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 3: veth0@veth0-br: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 4: veth0-br@veth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 7: veth2@veth2-br: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 8: veth2-br@veth2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link set dev veth0 netns ns0
ip link set dev veth1 netns ns1
ip link set dev veth2 netns ns2
ip -n ns0 link set dev veth0 name eth0
ip -n ns1 link set dev veth1 name eth0
ip -n ns2 link set dev veth2 name eth0
ip link set dev veth0-br master br0
ip link set dev veth1-br master br0
ip link set dev veth2-br master br0

ip link set dev br0 up
ip link set veth0-br up
ip link set veth1-br up
ip link set veth2-br up
ip -n ns0 link set eth0 up
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up
ip -n ns0 link set lo up
ip -n ns1 link set lo up
ip -n ns2 link set lo up

ip addr add 10.1.1.1/24 dev br0
ip -n ns0 addr add 10.1.1.10/24 dev eth0
ip -n ns1 addr add 10.1.1.11/24 dev eth0
ip -n ns2 addr add 10.1.1.12/24 dev eth0

ip a
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.1.1.1/24 scope global br0
#> 4: veth0-br@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP group default qlen 1000
#> link-netns ns0
#> 8: veth2-br@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP group default qlen 1000
ip -n ns0 a
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#>     inet 127.0.0.1/8 scope host lo
#> 3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#> link-netnsid 0
#>     inet 10.1.1.10/24 scope global eth0
ip -n ns1 a
#> 5: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.1.1.11/24 scope global eth0
ip -n ns2 a
#> 7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.1.1.12/24 scope global eth0
bridge link
#> 4: veth0-br@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> 6: veth1-br@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> 8: veth2-br@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2

# Host to each namespace.
ping -c 1 10.1.1.10
#> 64 bytes from 10.1.1.10: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ping -c 1 10.1.1.11
#> 64 bytes from 10.1.1.11: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ping -c 1 10.1.1.12
#> 64 bytes from 10.1.1.12: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
# Each namespace to the host.
ip netns exec ns0 ping -c 1 10.1.1.1
#> 64 bytes from 10.1.1.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec ns1 ping -c 1 10.1.1.1
#> 64 bytes from 10.1.1.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec ns2 ping -c 1 10.1.1.1
#> 64 bytes from 10.1.1.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
# Namespace to namespace: works at once, no iptables rule needed (see above).
ip netns exec ns0 ping -c 1 -W 5 10.1.1.11
#> 64 bytes from 10.1.1.11: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec ns0 ping -c 3 10.1.1.12
#> 64 bytes from 10.1.1.12: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss

# No default route yet: other networks are unreachable.
ip netns exec ns0 ping -c 1 203.0.113.8
#> ping: connect: Network is unreachable
ip -n ns0 route add default via 10.1.1.1
ip -n ns1 route add default via 10.1.1.1
ip -n ns2 route add default via 10.1.1.1
ip -n ns0 route
#> default via 10.1.1.1 dev eth0
#> 10.1.1.0/24 dev eth0 proto kernel scope link src 10.1.1.10
# Now the packet goes to the host, which has no route for it and does not forward
# (ip_forward=0): it is dropped silently.
ip netns exec ns0 ping -c 1 -W 1 203.0.113.8
#> PING 203.0.113.8 (203.0.113.8) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss

ip netns del ns0
ip netns del ns1
ip netns del ns2
ip link del br0
