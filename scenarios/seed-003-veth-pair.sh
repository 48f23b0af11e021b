# Seed 003 (网络架构师学习手册 第10章), experiment 2: a veth pair between two namespaces.
# (The seed never brings lo up; pinging the peer does not need it.)

ip netns add ns1
ip netns add ns2
ip link add veth1 type veth peer name veth2
ip link show type veth
#> 2: veth2@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 3: veth1@veth2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link set veth1 netns ns1
ip link set veth2 netns ns2
ip netns exec ns1 ip addr add 10.0.0.1/24 dev veth1
ip netns exec ns2 ip addr add 10.0.0.2/24 dev veth2
ip netns exec ns1 ip link set veth1 up
ip netns exec ns2 ip link set veth2 up

ip netns exec ns1 ping -c 3 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec ns2 ping -c 3 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss

# "Troubleshooting" commands from the seed.
ip netns exec ns1 ip link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 3: veth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
#> link-netns ns2
ip netns exec ns1 ip addr show
#> 3: veth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
#>     inet 10.0.0.1/24 scope global veth1
ip netns exec ns1 ip route show
#> 10.0.0.0/24 dev veth1 proto kernel scope link src 10.0.0.1

ip netns del ns1
ip netns del ns2
