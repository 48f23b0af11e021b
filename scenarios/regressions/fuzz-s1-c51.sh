# Found by `pathsim-verify fuzz --seed 1` (case 51), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns2" links:
#     - {"ifindex":4,"name":"vh1","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:05"}    (kernel only)
#     + {"ifindex":4,"name":"vh1","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:05"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns2 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip -n ns1 link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05 netns ns2
ip -n ns1 link set dev br0 up
ip -n ns2 link set dev veth0 up
ip -n ns2 link set dev vh0 up
ip -n ns2 link set dev vh1 up
ip -n ns1 addr add 10.0.0.1/24 dev br0
ip -n ns1 addr add 192.168.1.254/24 dev veth1
ip -n ns2 addr add 192.168.1.5/24 dev vh1
ip -n ns2 route add default via 192.168.1.254
