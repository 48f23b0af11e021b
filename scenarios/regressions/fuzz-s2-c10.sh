# Found by `pathsim-verify fuzz --seed 2` (case 10), shrunk to a minimal script.
# The kernel and pathsim differed:
#   init/br0: 0 frames on the kernel, 3 in pathsim; 0 only on the kernel, 3 only in pathsim:
#     + frame 1 tx at 0.018 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.1, length 28    (pathsim)
#     + frame 2 tx at 1.024 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.1, length 28    (pathsim)
ip netns add ns1
ip -n ns1 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link set dev br0 up
ip addr add 10.0.0.1/24 dev br0
ping -c 1 -W 1 10.0.0.5
