# Found by `pathsim-verify fuzz --seed 2` (case 68), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns1/vh0: 3 frames on the kernel, 2 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 3 tx at 2.113 s: ARP, Request who-has 10.0.0.3 tell 10.0.0.10, length 28    (kernel)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link set dev vh0 netns ns1
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip addr add 10.0.0.2/24 dev veth0
ip -n ns1 addr add 10.0.0.10/24 dev vh0
ip route add default via 10.0.0.10
ip netns exec ns1 ping -c 1 -W 1 10.0.0.3
