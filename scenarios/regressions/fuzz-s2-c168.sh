# Found by `pathsim-verify fuzz --seed 2` (case 168), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns3" links:
#     - {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:02"}    (kernel only)
#     + {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:02"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns2 link add br0 address 02:00:00:00:00:01 type bridge
ip -n ns3 link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip -n ns3 link set dev vh0 netns ns1
ip -n ns2 link set dev br0 up
ip -n ns3 link set dev veth0 up
ip -n ns3 addr add 10.0.0.1/24 dev veth0
ip -n ns1 addr add 10.0.0.1/24 dev vh0
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
