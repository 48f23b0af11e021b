# Found by `pathsim-verify fuzz --seed 1` (case 239), shrunk to a minimal script.
# The kernel and pathsim differed:
#   ns2/veth2: 3 frames on the kernel, 2 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 3 tx at 2.210 s: ARP, Request who-has 10.0.0.1 tell 10.0.0.3, length 28    (kernel)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns4 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns4 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns3
ip -n ns4 link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05
ip -n ns4 link set dev vh1 netns ns3
ip -n ns2 link add veth2 address 02:00:00:00:00:06 type veth peer name vh2 address 02:00:00:00:00:07 netns ns1
ip -n ns1 link set dev br0 up
ip -n ns4 link set dev veth0 up
ip -n ns3 link set dev vh0 up
ip -n ns4 link set dev veth1 up
ip -n ns3 link set dev vh1 up
ip -n ns2 link set dev veth2 up
ip -n ns1 link set dev vh2 up
ip -n ns1 addr add 10.0.0.2/24 dev br0
ip -n ns4 addr add 10.0.1.2/24 dev veth0
ip -n ns3 addr add 10.0.1.2/24 dev vh0
ip -n ns4 addr add 203.0.113.10/24 dev veth1
ip -n ns3 addr add 203.0.113.254/24 dev vh1
ip -n ns2 addr add 10.0.0.3/24 dev veth2
ip -n ns1 addr add 10.0.0.254/24 dev vh2
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns4 sysctl -w net.ipv4.ip_forward=1
ip -n ns4 route add default via 10.0.1.2
ip -n ns2 route add default via 10.0.0.254
ip netns exec ns2 ping -c 1 -W 1 10.0.0.1
ip -n ns3 neigh
