# Found by `pathsim-verify fuzz --seed 1` (case 90), shrunk to a minimal script.
# The kernel and pathsim differed:
#   init/br0: 0 frames on the kernel, 2 in pathsim; 0 only on the kernel, 2 only in pathsim:
#     + frame 1 tx at 0.036 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.3, length 28    (pathsim)
#     + frame 2 tx at 1.056 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.3, length 28    (pathsim)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link set dev br0 up
ip addr add 10.0.0.3/24 dev br0
ping -c 1 -W 1 10.0.0.1
