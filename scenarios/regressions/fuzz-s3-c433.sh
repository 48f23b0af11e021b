# Found by `pathsim-verify fuzz --seed 3` (case 433), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" fdb:
#     - {"dev":"vh1","mac":"02:00:00:00:00:04","master":"br0","vlan":null,"state":2,"is_self":false}    (kernel only)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns1
ip link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05
ip link set dev vh1 netns ns1
ip link add veth2 address 02:00:00:00:00:06 type veth peer name vh2 address 02:00:00:00:00:07
ip link set dev vh2 netns ns1
ip -n ns1 link set dev vh1 master br0
ip -n ns1 link set dev br0 up
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip link set dev veth1 up
ip -n ns1 link set dev vh1 up
ip -n ns1 link set dev vh2 up
ip -n ns1 addr add 10.0.1.1/24 dev br0
ip addr add 10.0.1.3/24 dev veth0
ip -n ns1 addr add 10.0.1.1/24 dev vh0
ip addr add 10.0.1.5/30 dev veth1
ip addr add 10.0.1.3/24 dev veth2
ip -n ns1 addr add 10.0.1.1/24 dev vh2
ip neigh
