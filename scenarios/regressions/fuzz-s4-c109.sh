# Found by `pathsim-verify fuzz --seed 4` (case 109), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns1/vh0: 5 frames on the kernel, 8 in pathsim; 0 only on the kernel, 3 only in pathsim:
#     + frame 6 rx at 0.031 s: ARP, Request who-has 10.0.1.1 tell 10.0.1.1, length 28    (pathsim)
#     + frame 7 rx at 1.056 s: ARP, Request who-has 10.0.1.1 tell 10.0.1.1, length 28    (pathsim)
#   ns2/veth0: 5 frames on the kernel, 8 in pathsim; 0 only on the kernel, 3 only in pathsim:
#     + frame 5 tx at 0.031 s: ARP, Request who-has 10.0.1.1 tell 10.0.1.1, length 28    (pathsim)
#     + frame 7 tx at 1.056 s: ARP, Request who-has 10.0.1.1 tell 10.0.1.1, length 28    (pathsim)
#   namespace "ns2" neighbours:
#     + {"dev":"veth0","dst":"10.0.1.1","lladdr":null,"state":1,"proxy":false,"router":false}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns2 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02 netns ns1
ip -n ns2 link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns2 addr add 10.0.1.1/24 dev veth0
ip -n ns1 addr add 10.0.1.10/24 dev vh0
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip -n ns2 route add default via 10.0.1.10
ip -n ns1 route add default via 10.0.1.1
ip netns exec ns2 ping -c 1 -W 1 10.0.0.1
