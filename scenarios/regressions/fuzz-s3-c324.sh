# Found by `pathsim-verify fuzz --seed 3` (case 324), shrunk to a minimal script.
# The kernel and pathsim differed:
#   line 18: `ip netns exec ns1 ping -c 1 -W 1 10.0.0.3`
#       PING 10.0.0.3 (10.0.0.3) 56(84) bytes of data.
#     - 64 bytes from 10.0.0.3: icmp_seq=1 ttl=64 time=T ms    (kernel)
#     -     (kernel)
#     - --- 10.0.0.3 ping statistics ---    (kernel)
#     +     (pathsim)
#     + --- 10.0.0.3 ping statistics ---    (pathsim)
#     + 1 packets transmitted, 0 received, 100% packet loss, time Tms    (pathsim)
#     (6 lines on the kernel, 5 in pathsim)
#     exit status: kernel 0, pathsim 1
#   init/veth0: 4 frames on the kernel, 4 in pathsim; 1 only on the kernel, 1 only in pathsim:
#     - frame 4 tx at 0.066 s: IP 10.0.0.3 > 10.0.0.2: ICMP echo reply, id 73, seq 1, length 64    (kernel)
#     + frame 4 tx at 0.064 s: IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id 45245, seq 1, length 64    (pathsim)
#   ns1/vh0: 4 frames on the kernel, 4 in pathsim; 1 only on the kernel, 1 only in pathsim:
#     - frame 4 rx at 0.066 s: IP 10.0.0.3 > 10.0.0.2: ICMP echo reply, id 73, seq 1, length 64    (kernel)
#     + frame 4 rx at 0.064 s: IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id 45245, seq 1, length 64    (pathsim)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03 netns ns1
ip link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05
ip link set dev vh1 netns ns1
ip -n ns1 link set dev vh1 master br0
ip -n ns1 link set dev br0 up
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns1 link set dev vh1 up
ip -n ns1 addr add 10.0.0.1/32 dev br0
ip addr add 10.0.0.1/24 dev veth0
ip -n ns1 addr add 10.0.0.2/24 dev vh0
ip addr add 10.0.0.3/30 dev veth1
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns1 ping -c 1 -W 1 10.0.0.3
