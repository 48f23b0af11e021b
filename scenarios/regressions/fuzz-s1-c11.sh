# Found by `pathsim-verify fuzz --seed 1` (case 11), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns2" links:
#     - {"ifindex":6,"name":"veth2","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:06"}    (kernel only)
#     + {"ifindex":6,"name":"veth2","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:06"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns2 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link set dev vh0 netns ns1
ip -n ns2 link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05
ip -n ns2 link add veth2 address 02:00:00:00:00:06 type veth peer name vh2 address 02:00:00:00:00:07
ip -n ns2 link set dev vh2 netns ns1
ip -n ns2 link set dev vh1 master br0
ip -n ns2 link set dev br0 up
ip -n ns2 link set dev vh1 up
ip -n ns2 link set dev veth2 up
ip -n ns2 addr add 203.0.113.2/24 dev br0
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip -n ns2 route add default via 203.0.113.2
