# Found by `pathsim-verify fuzz --seed 1` (case 109), shrunk to a minimal script.
# The kernel and pathsim differed:
#   line 18: `ip -n ns2 route`
#     - 10.0.0.0/30 dev veth0 proto kernel scope link src 10.0.0.3     (kernel)
#     + 10.0.0.0/30 dev veth0 proto kernel scope link src 10.0.0.3 linkdown     (pathsim)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns4 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns2 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns3
ip link set dev br0 up
ip -n ns2 link set dev veth0 up
ip -n ns3 link set dev vh0 up
ip addr add 203.0.113.254/30 dev br0
ip -n ns2 addr add 10.0.0.3/30 dev veth0
ip -n ns3 addr add 10.0.0.5/30 dev vh0
ip -n ns3 link set dev vh0 down
ip -n ns2 route
