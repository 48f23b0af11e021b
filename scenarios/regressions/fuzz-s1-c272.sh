# Found by `pathsim-verify fuzz --seed 1` (case 272), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "" links:
#     - {"ifindex":2,"name":"veth1","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:04"}    (kernel only)
#     + {"ifindex":2,"name":"veth1","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:04"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns1 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns2 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link add veth1 address 02:00:00:00:00:04 type veth peer name vh1 address 02:00:00:00:00:05 netns ns2
ip link add veth2 address 02:00:00:00:00:06 type veth peer name vh2 address 02:00:00:00:00:07
ip link set dev vh2 netns ns2
ip -n ns1 link set dev br0 up
ip -n ns2 link set dev veth0 up
ip -n ns2 link set dev vh0 up
ip link set dev veth1 up
ip link set dev veth2 up
ip -n ns2 link set dev vh2 up
ip -n ns1 addr add 10.0.1.10/24 dev br0
