# Found by `pathsim-verify fuzz --seed 1` (case 3), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" fdb:
#     + {"dev":"vh0","mac":"02:00:00:00:00:02","master":"br0","vlan":null,"state":2,"is_self":false}    (pathsim only)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link set dev vh0 netns ns1
ip -n ns1 link set dev vh0 master br0
ip -n ns1 link set dev br0 up
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip addr add 203.0.113.254/24 dev veth0
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 route add default via 203.0.113.254
ping -c 1 -W 1 203.0.113.254
ip link
ip -n ns1 rule
