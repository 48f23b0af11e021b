# Found by `pathsim-verify fuzz --seed 1` (case 124), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "" links:
#     - {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:01"}    (kernel only)
#     + {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:01"}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link set dev vh0 netns ns1
ip -n ns1 link add veth1 address 02:00:00:00:00:03 type veth peer name vh1 address 02:00:00:00:00:04
ip link set dev veth0 up
ip -n ns1 link set dev vh1 up
ip -n ns1 addr add 10.0.0.2/30 dev veth1
ip -n ns1 addr add 10.0.0.10/30 dev vh1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 route add default via 10.0.0.2
