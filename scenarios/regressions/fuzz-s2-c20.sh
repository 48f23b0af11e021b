# Found by `pathsim-verify fuzz --seed 2` (case 20), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns2" links:
#     - {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:01"}    (kernel only)
#     + {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:01"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns2 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip -n ns2 link set dev vh0 netns ns3
ip -n ns2 link set dev veth0 up
ip -n ns2 addr add 10.0.0.254/30 dev veth0
ip -n ns3 addr add 10.0.0.2/30 dev vh0
