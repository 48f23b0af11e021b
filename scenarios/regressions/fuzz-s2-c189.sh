# Found by `pathsim-verify fuzz --seed 2` (case 189), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns1/veth0: 0 frames on the kernel, 2 in pathsim; 0 only on the kernel, 2 only in pathsim:
#     + frame 1 tx at 0.055 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.2, length 28    (pathsim)
#     + frame 2 tx at 1.056 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.2, length 28    (pathsim)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns1 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip -n ns1 link set dev vh0 netns ns2
ip -n ns1 link set dev veth0 up
ip -n ns2 link set dev vh0 up
ip -n ns1 addr add 10.0.0.2/24 dev veth0
ip -n ns2 addr add 10.0.0.5/24 dev vh0
ip -n ns2 link set dev vh0 down
ip netns exec ns1 ping -c 1 -W 1 10.0.0.5
