# Seed 001 (k8s网络武道篇一), veth pair case: two ends in different subnets, first in the
# root namespace, then each end in its own namespace, where routes are needed both ways.
#
# Sandbox difference: the sandbox's own lo starts DOWN, and pinging one's own address goes
# through lo, so we bring lo up as on a normal host.

ip link set lo up
ip link add veth0 type veth peer name veth1
ip link show veth0
#> 3: veth0@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.1.100/24 dev veth0
ip addr add 10.0.2.100/24 dev veth1

# In the root namespace both addresses are local: the pings never touch the veth pair.
ping -c 1 10.0.1.100
#> 64 bytes from 10.0.1.100: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ping -c 1 10.0.2.100
#> 64 bytes from 10.0.2.100: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip route
#> 10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.100
#> 10.0.2.0/24 dev veth1 proto kernel scope link src 10.0.2.100

ip netns add netns0
ip netns add netns1
ip link set veth0 netns netns0
ip link set veth1 netns netns1

# The addresses left with the devices: the root namespace cannot reach them anymore.
ping -c 1 10.0.1.100
#> ping: connect: Network is unreachable

# Inside the namespaces the devices are DOWN and have lost their addresses (a device moved
# to another namespace loses its addresses); the route tables are empty.
ip netns exec netns0 ip link show veth0
#> 3: veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns netns1
ip netns exec netns0 ip addr show veth0
#> 3: veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
ip netns exec netns0 ip route

ip netns exec netns0 ip link set veth0 up
ip netns exec netns1 ip link set veth1 up
ip netns exec netns0 ip link set lo up
ip netns exec netns1 ip link set lo up
ip netns exec netns0 ip addr add 10.0.1.100/24 dev veth0
ip netns exec netns1 ip addr add 10.0.2.100/24 dev veth1

# No route to 10.0.2.0/24 in netns0: connect() fails before any packet is sent.
ip netns exec netns0 ping -c 1 10.0.2.100
#> ping: connect: Network is unreachable

# Route out veth0 to the other subnet: the request now reaches netns1, but netns1 has no
# route back to 10.0.1.100, so the reply is never sent.
ip netns exec netns0 ip route add 10.0.2.0/24 dev veth0
ip netns exec netns0 ping -c 1 -W 1 10.0.2.100
#> PING 10.0.2.100 (10.0.2.100) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec netns1 ip route get 10.0.1.100
#> RTNETLINK answers: Network is unreachable

# The return route makes it work.
ip netns exec netns1 ip route add 10.0.1.0/24 dev veth1
ip netns exec netns0 ping -c 2 10.0.2.100
#> 64 bytes from 10.0.2.100: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec netns1 ping -c 2 10.0.1.100
#> 64 bytes from 10.0.1.100: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec netns0 ip route
#> 10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.100
#> 10.0.2.0/24 dev veth0 scope link
ip netns exec netns1 ip route
#> 10.0.1.0/24 dev veth1 scope link
#> 10.0.2.0/24 dev veth1 proto kernel scope link src 10.0.2.100

ip netns del netns0
ip netns del netns1
