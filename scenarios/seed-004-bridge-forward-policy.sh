# Seed 004's bridge puzzle, as the seed's author saw it: on a host whose FORWARD policy is
# DROP (Docker sets it so), namespaces on one bridge cannot reach each other until
# "iptables -A FORWARD -i br0 -j ACCEPT". The frames are only bridged, never routed, yet
# they meet the IPv4 FORWARD chain: br_netfilter runs it for bridged IPv4 frames while
# net.bridge.bridge-nf-call-iptables is 1 (this kernel's default), with -i and -o the
# bridge. The host's own address on br0 stays reachable (INPUT, not FORWARD).
# The "host" is a namespace here, so the script never touches the machine's own iptables.

ip netns add host
ip netns add ns0
ip netns add ns1
ip -n host link add br0 type bridge
ip -n host link add veth0-br address 02:00:00:00:0b:10 type veth peer name eth0 address 02:00:00:00:00:10 netns ns0
ip -n host link add veth1-br address 02:00:00:00:0b:11 type veth peer name eth0 address 02:00:00:00:00:11 netns ns1
ip -n host link set veth0-br master br0
ip -n host link set veth1-br master br0
ip -n host addr add 10.1.1.1/24 dev br0
ip -n ns0 addr add 10.1.1.10/24 dev eth0
ip -n ns1 addr add 10.1.1.11/24 dev eth0
ip -n host link set br0 up
ip -n host link set veth0-br up
ip -n host link set veth1-br up
ip -n ns0 link set eth0 up
ip -n ns1 link set eth0 up
ip netns exec host sysctl net.bridge.bridge-nf-call-iptables
#> net.bridge.bridge-nf-call-iptables = 1
ip netns exec host iptables -P FORWARD DROP
ip netns exec ns0 ping -c 1 -W 1 10.1.1.11
ip netns exec ns0 ping -c 1 -W 1 10.1.1.1
ip netns exec host iptables -A FORWARD -i br0 -j ACCEPT
ip netns exec ns0 ping -c 1 -W 1 10.1.1.11
ip netns exec host iptables -L FORWARD -n -v
#> Chain FORWARD (policy DROP 1 packets, 84 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     2   168 ACCEPT     0    --  br0    *       0.0.0.0/0            0.0.0.0/0
ip netns exec host iptables -L INPUT -n -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
