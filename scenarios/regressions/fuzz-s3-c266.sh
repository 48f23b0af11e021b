# Found by `pathsim-verify fuzz --seed 3` (case 266), shrunk to a minimal script.
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
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link set dev vh0 netns ns1
ip link set dev veth0 up
ip addr add 203.0.113.10/24 dev veth0
ip -n ns1 addr add 203.0.113.2/24 dev vh0
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 rule add fwmark 0x1 table 100
ip netns exec ns1 ping -c 1 -W 1 203.0.113.10
ip neigh add 203.0.113.10 lladdr 02:00:00:00:00:ee nud permanent dev veth0
ip -n ns1 route add 192.0.2.0/24 via 203.0.113.10
ip -n ns1 link
ip -n ns1 route
