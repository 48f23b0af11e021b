# Found by `pathsim-verify fuzz --seed 1` (case 13), shrunk to a minimal script.
# The kernel and pathsim differed:
#   line 20: `ip -n ns1 neigh`
#     - 10.0.0.3 dev veth1 lladdr 02:00:00:00:00:01 PERMANENT     (kernel)
#     - 10.0.0.2 dev veth1 lladdr 02:00:00:00:00:02 PERMANENT     (kernel)
#     + 10.0.0.2 dev veth1 lladdr 02:00:00:00:00:02 PERMANENT     (pathsim)
#     + 10.0.0.3 dev veth1 lladdr 02:00:00:00:00:01 PERMANENT     (pathsim)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns1 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip -n ns1 link add veth1 address 02:00:00:00:00:03 type veth peer name vh1 address 02:00:00:00:00:04
ip -n ns1 link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns1 link set dev vh1 up
ip -n ns1 addr add 10.0.1.3/30 dev veth0
ip -n ns1 addr add 10.0.1.3/30 dev vh0
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 route add default via 10.0.1.3
ip -n ns1 neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 nud permanent dev veth1
ip netns exec ns1 sysctl -w net.ipv4.conf.default.forwarding=1
ip netns exec ns1 sysctl -w net.ipv4.conf.lo.arp_ignore=1
ip -n ns1 addr add 10.0.0.2/24 dev veth0
ip -n ns1 addr add 10.0.0.3/32 dev veth1
ip -n ns1 neigh add 10.0.0.3 lladdr 02:00:00:00:00:01 nud permanent dev veth1
ip route
ip -n ns1 neigh
