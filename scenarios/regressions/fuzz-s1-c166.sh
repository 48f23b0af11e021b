# Found by `pathsim-verify fuzz --seed 1` (case 166), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns3" fdb:
#     + {"dev":"vh0","mac":"02:00:00:00:00:02","master":"br0","vlan":null,"state":2,"is_self":false}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns1 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip -n ns1 link set dev vh0 netns ns3
ip -n ns3 link set dev vh0 master br0
ip -n ns3 link set dev br0 up
ip -n ns1 link set dev veth0 up
ip -n ns3 link set dev vh0 up
ip -n ns1 link
