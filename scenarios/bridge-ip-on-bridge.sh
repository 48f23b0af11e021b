# The host talks to the namespaces on its bridge through an address on the bridge device
# itself (br0 10.0.0.254/24): the kernel prefix route points at br0, "ip route get" picks
# br0 and its address as source, and the host's ARP entries for the namespaces are on br0,
# not on the ports. The namespaces can use br0's address as their default gateway.
# An address on a bridge PORT instead is useless: frames arriving on a port are consumed
# by the bridge, never by the port's own IP stack, so the port's address never answers.
#
#   ns1 (10.0.0.1) --- veth1-br \
#                                br0 (10.0.0.254)      veth2-br: 10.0.5.254/24 (useless)
#   ns2 (10.0.0.2) --- veth2-br /

ip netns add ns1
ip netns add ns2
ip link add br0 type bridge
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2
ip -n ns1 link set eth0 address 02:00:00:00:00:01
ip -n ns2 link set eth0 address 02:00:00:00:00:02
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set lo up
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip addr add 10.0.0.254/24 dev br0
ip -n ns1 link set lo up
ip -n ns2 link set lo up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up
ip -n ns1 route add default via 10.0.0.254

ip route show dev br0
#> 10.0.0.0/24 proto kernel scope link src 10.0.0.254
ip route get 10.0.0.1
#> 10.0.0.1 dev br0 src 10.0.0.254 uid 0
ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip neigh show 10.0.0.1
#> 10.0.0.1 dev br0 lladdr 02:00:00:00:00:01
ip neigh show dev veth1-br

# From the namespace: the gateway is br0's address.
ip -n ns1 route get 192.0.2.1
#> 192.0.2.1 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
ip netns exec ns1 ping -c 1 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64

# An address on a port: ns2 gets a second subnet, the host puts .254 on veth2-br.
ip addr add 10.0.5.254/24 dev veth2-br
ip -n ns2 addr add 10.0.5.2/24 dev eth0
ip route get 10.0.5.2
#> 10.0.5.2 dev veth2-br src 10.0.5.254 uid 0
ip netns exec ns2 ping -c 1 -W 1 10.0.5.254
#> 1 packets transmitted, 0 received, 100% packet loss
ping -c 1 -W 1 10.0.5.2
#> 1 packets transmitted, 0 received, 100% packet loss
