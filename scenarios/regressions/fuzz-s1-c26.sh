# Found by `pathsim-verify fuzz --seed 1` (case 26), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" fdb:
#     + {"dev":"br0","mac":"33:33:ff:00:00:01","master":null,"vlan":null,"state":128,"is_self":true}    (pathsim only)
#     + {"dev":"vh0","mac":"33:33:ff:00:00:03","master":null,"vlan":null,"state":128,"is_self":true}    (pathsim only)
ip netns add ns1
ip -n ns1 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link set dev vh0 netns ns1
ip -n ns1 link set dev vh0 master br0
ip -n ns1 link set dev br0 up
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns1 addr add 10.0.0.2/24 dev br0
ip link set dev veth0 down
