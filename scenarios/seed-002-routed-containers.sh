# Seed 002 (Calico "veth、网桥与路由"), experiment steps 1-5: two "containers" (namespaces),
# each joined to the host by a veth pair; the host-side ends carry the gateway addresses and
# the host routes between them (ip_forward=1).
#
# Out of scope here: step 6 (iptables MASQUERADE and pinging 8.8.8.8 / curl on the internet)
# needs iptables NAT and a real uplink.

ip netns add container1
ip netns add container2
ip netns list
#> container2
#> container1

ip link add veth-c1 type veth peer name eth0 netns container1
ip link add veth-c2 type veth peer name eth0 netns container2
# The seed runs "ip link | grep veth"; these are the host-side lines it would show.
ip link show veth-c1
#> 2: veth-c1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns container1
ip link show veth-c2
#> 3: veth-c2@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns container2

ip netns exec container1 ip addr add 10.0.1.2/24 dev eth0
ip netns exec container1 ip link set eth0 up
ip netns exec container1 ip link set lo up
ip netns exec container2 ip addr add 10.0.2.2/24 dev eth0
ip netns exec container2 ip link set eth0 up
ip netns exec container2 ip link set lo up

ip addr add 10.0.1.1/24 dev veth-c1
ip addr add 10.0.2.1/24 dev veth-c2
ip link set veth-c1 up
ip link set veth-c2 up

ip netns exec container1 ip route add default via 10.0.1.1
ip netns exec container2 ip route add default via 10.0.2.1
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

ip netns exec container1 ping -c 3 10.0.2.2
#> 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec container2 ping -c 3 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
# Each container also reaches the host's far-side address.
ip netns exec container1 ping -c 1 10.0.2.1
#> 64 bytes from 10.0.2.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss

ip netns exec container1 ip route
#> default via 10.0.1.1 dev eth0
#> 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2
ip route
#> 10.0.1.0/24 dev veth-c1 proto kernel scope link src 10.0.1.1
#> 10.0.2.0/24 dev veth-c2 proto kernel scope link src 10.0.2.1
ip netns exec container1 ip addr show eth0
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#> link-netnsid 0
#>     inet 10.0.1.2/24 scope global eth0
#> valid_lft forever preferred_lft forever

ip netns del container1
ip netns del container2
