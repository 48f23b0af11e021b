# Found by `pathsim-verify fuzz --seed 2` (case 193), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "" links:
#     - {"ifindex":4,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:02"}    (kernel only)
#     + {"ifindex":4,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:02"}    (pathsim only)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link set dev vh0 netns ns1
ip link set dev br0 up
ip link set dev veth0 up
ip addr add 10.0.0.1/24 dev veth0
ip -n ns1 addr add 10.0.0.2/24 dev vh0
ip route add default via 10.0.0.2
