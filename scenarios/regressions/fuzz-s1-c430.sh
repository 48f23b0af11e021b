# Found by `pathsim-verify fuzz --seed 1` (case 430), shrunk to a minimal script.
# The kernel and pathsim differed:
#   init/br0: 0 frames on the kernel, 3 in pathsim; 0 only on the kernel, 3 only in pathsim:
#     + frame 1 tx at 1.759 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.10, length 28    (pathsim)
#     + frame 2 tx at 2.784 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.10, length 28    (pathsim)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link set dev br0 up
ip addr add 10.0.0.10/24 dev br0
ping -c 1 -W 1 10.0.0.1
