# Found by `pathsim-verify fuzz --seed 1` (case 120), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns2/vh1: 0 frames on the kernel, 2 in pathsim; 0 only on the kernel, 2 only in pathsim:
#     + frame 1 tx at 0.213 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.5, length 28    (pathsim)
#     + frame 2 tx at 1.216 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.5, length 28    (pathsim)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns1
ip link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05
ip link set dev vh1 netns ns2
ip link set dev br0 up
ip link set dev veth0 up
ip -n ns2 link set dev vh1 up
ip addr add 10.0.1.10/24 dev veth0
ip -n ns1 addr add 10.0.1.3/24 dev vh0
ip addr add 10.0.0.1/24 dev veth1
ip -n ns2 addr add 10.0.0.5/24 dev vh1
ip netns exec ns2 ping -c 1 -W 1 10.0.0.1
