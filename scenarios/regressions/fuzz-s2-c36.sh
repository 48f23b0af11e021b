# Found by `pathsim-verify fuzz --seed 2` (case 36), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns1/vh1: 3 frames on the kernel, 2 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 3 tx at 2.264 s: ARP, Request who-has 10.0.1.10 tell 10.0.1.5, length 28    (kernel)
#   ns2/veth1: 3 frames on the kernel, 2 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 3 rx at 2.264 s: ARP, Request who-has 10.0.1.10 tell 10.0.1.5, length 28    (kernel)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns4 link set dev lo up
ip -n ns4 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns1 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip -n ns1 link set dev vh0 netns ns2
ip -n ns2 link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05 netns ns1
ip -n ns4 link set dev br0 up
ip -n ns1 link set dev veth0 up
ip -n ns2 link set dev vh0 up
ip -n ns2 link set dev veth1 up
ip -n ns1 link set dev vh1 up
ip -n ns1 addr add 10.0.1.1/30 dev veth0
ip -n ns2 addr add 10.0.1.10/30 dev vh0
ip -n ns2 addr add 10.0.1.5/24 dev veth1
ip -n ns1 addr add 10.0.1.5/24 dev vh1
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns4 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 addr add 10.0.0.3/24 dev veth0
ip netns exec ns1 ping -c 1 -W 1 -m 1 10.0.1.10
