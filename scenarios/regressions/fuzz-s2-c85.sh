# Found by `pathsim-verify fuzz --seed 2` (case 85), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns2/veth0: 0 frames on the kernel, 2 in pathsim; 0 only on the kernel, 2 only in pathsim:
#     + frame 1 tx at 0.069 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28    (pathsim)
#     + frame 2 tx at 1.088 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28    (pathsim)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns2 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns3
ip link set dev br0 up
ip -n ns2 link set dev veth0 up
ip -n ns2 addr add 10.0.0.2/30 dev veth0
ip -n ns3 addr add 10.0.0.254/30 dev vh0
ip netns exec ns2 ping -c 1 -W 1 10.0.0.1
