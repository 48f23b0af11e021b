# Found by `pathsim-verify fuzz --seed 1` (case 56), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns2/vh0: 3 frames on the kernel, 2 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 3 rx at 2.098 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.254, length 28    (kernel)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns4 link set dev lo up
ip -n ns3 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns2
ip -n ns3 link set dev br0 up
ip link set dev veth0 up
ip -n ns2 link set dev vh0 up
ip addr add 10.0.0.254/24 dev veth0
ip -n ns2 addr add 10.0.0.3/24 dev vh0
ip route add default via 10.0.0.3
ping -c 1 -W 1 10.0.0.5
