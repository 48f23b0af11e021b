# Seed 003 (网络架构师学习手册 第10章), experiment 3: three containers on one bridge br0.
# The ports (vethN-br) are enslaved and set up before the container ends are moved.
# The MACs are fixed (vethN 02:00:00:00:0N:01, vethN-br 02:00:00:00:0N:02); br0 takes the
# lowest port MAC, veth1-br's.
#
# Out of scope: experiment 4 (ip_forward, iptables MASQUERADE, ping 8.8.8.8, nslookup) needs
# iptables NAT and a real uplink. (Note that its "default via 10.0.0.1" would point at
# container1 itself, since the seed never gives br0 an address.)

ip netns add container1
ip netns add container2
ip netns add container3
ip link add veth1 address 02:00:00:00:01:01 type veth peer name veth1-br address 02:00:00:00:01:02
ip link add veth2 address 02:00:00:00:02:01 type veth peer name veth2-br address 02:00:00:00:02:02
ip link add veth3 address 02:00:00:00:03:01 type veth peer name veth3-br address 02:00:00:00:03:02
ip link add br0 type bridge
ip link set br0 up
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set veth3-br master br0
ip link set veth1-br up
ip link set veth2-br up
ip link set veth3-br up
ip link set veth1 netns container1
ip link set veth2 netns container2
ip link set veth3 netns container3
ip netns exec container1 ip addr add 10.0.0.1/24 dev veth1
ip netns exec container2 ip addr add 10.0.0.2/24 dev veth2
ip netns exec container3 ip addr add 10.0.0.3/24 dev veth3
ip netns exec container1 ip link set veth1 up
ip netns exec container2 ip link set veth2 up
ip netns exec container3 ip link set veth3 up

bridge link
#> 2: veth1-br@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> 4: veth2-br@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> 6: veth3-br@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
ip link show br0
#> 8: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
#>     link/ether 02:00:00:00:01:02 brd ff:ff:ff:ff:ff:ff

ip netns exec container1 ping -c 3 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec container1 ping -c 3 10.0.0.3
#> 64 bytes from 10.0.0.3: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec container2 ping -c 3 10.0.0.3
#> 64 bytes from 10.0.0.3: icmp_seq=1 ttl=64
#> 3 packets transmitted, 3 received, 0% packet loss

# Each port has a local entry for its own MAC.
bridge fdb show br br0
#> 02:00:00:00:01:02 dev veth1-br master br0 permanent
#> 01:00:5e:00:00:01 dev veth1-br self permanent
#> 02:00:00:00:02:02 dev veth2-br master br0 permanent
#> 02:00:00:00:03:02 dev veth3-br master br0 permanent
#> 33:33:00:00:00:01 dev br0 self permanent
ip netns exec container1 ip neigh show 10.0.0.2
#> 10.0.0.2 dev veth1 lladdr 02:00:00:00:02:01
ip netns exec container1 ip route
#> 10.0.0.0/24 dev veth1 proto kernel scope link src 10.0.0.1

# The host has no address on 10.0.0.0/24: it cannot reach the containers.
ping -c 1 10.0.0.1
#> ping: connect: Network is unreachable

ip netns del container1
ip netns del container2
ip netns del container3
ip link del br0
