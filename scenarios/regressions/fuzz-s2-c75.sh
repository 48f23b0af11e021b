# Found by `pathsim-verify fuzz --seed 2` (case 75), shrunk to a minimal script.
# The kernel and pathsim differed:
#   line 7: `ip -n ns1 addr`
#              valid_lft forever preferred_lft forever
#     - 2: vh0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000    (kernel)
#     -     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0    (kernel)
#     + 2: vh0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000    (pathsim)
#     +     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0    (pathsim)
#     +     inet6 fe80::ff:fe00:2/64 scope link     (pathsim)
#     (8 lines on the kernel, 10 in pathsim)
ip netns add ns1
ip -n ns1 link set dev lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02 netns ns1
ip link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 addr
