# Seed 000 (Calico "Linux 网络基础"), experiment 1: two network namespaces joined by a veth pair.
# Both ends live in the same /24, so the kernel prefix route is all that is needed.

ip netns add ns1
ip netns add ns2
ip link add veth1 type veth peer name veth2
ip link set veth1 netns ns1
ip link set veth2 netns ns2
ip netns exec ns1 ip addr add 10.0.0.1/24 dev veth1
ip netns exec ns2 ip addr add 10.0.0.2/24 dev veth2
ip netns exec ns1 ip link set veth1 up
ip netns exec ns2 ip link set veth2 up
ip netns exec ns1 ip link set lo up
ip netns exec ns2 ip link set lo up

ip netns exec ns1 ping -c 3 10.0.0.2
#> PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 64 bytes from 10.0.0.2: icmp_seq=3 ttl=64
#> --- 10.0.0.2 ping statistics ---
#> 3 packets transmitted, 3 received, 0% packet loss

# Each namespace has only the prefix route the address created.
ip netns exec ns1 ip route
#> 10.0.0.0/24 dev veth1 proto kernel scope link src 10.0.0.1
ip netns exec ns2 ip route
#> 10.0.0.0/24 dev veth2 proto kernel scope link src 10.0.0.2

# ns1 learned ns2's MAC through ARP while pinging (one entry only, so the order is stable).
ip netns exec ns1 ip neigh
#> 10.0.0.2 dev veth1 lladdr

# Deleting a namespace destroys the veth end inside it, and with it the peer.
ip netns del ns1
ip netns del ns2
ip netns list
ip link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
