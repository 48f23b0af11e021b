# Found by `pathsim-verify fuzz --seed 2` (case 90), shrunk to a minimal script.
# The kernel and pathsim differed:
#   init/veth0: 7 frames on the kernel, 6 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 7 tx at 2.066 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.2, length 28    (kernel)
#   ns1/vh0: 7 frames on the kernel, 6 in pathsim; 1 only on the kernel, 0 only in pathsim:
#     - frame 7 rx at 2.066 s: ARP, Request who-has 10.0.0.5 tell 10.0.0.2, length 28    (kernel)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02 netns ns1
ip link add veth1 address 02:00:00:00:00:03 type veth peer name vh1 address 02:00:00:00:00:04 netns ns1
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip link set dev veth1 up
ip -n ns1 link set dev vh1 up
ip addr add 10.0.0.2/24 dev veth0
ip -n ns1 addr add 10.0.0.1/24 dev vh0
ping -c 1 -W 1 -m 1 10.0.0.5
ip netns exec ns1 sysctl -w net.ipv4.conf.default.proxy_arp=0
ping -c 1 -W 1 10.0.0.1
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns1 ping -c 1 -W 1 -m 1 10.0.0.1
ip route
