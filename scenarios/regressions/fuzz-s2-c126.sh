# Found by `pathsim-verify fuzz --seed 2` (case 126), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" routes:
#     + {"table":254,"dst":"10.0.0.0","prefix_len":30,"tos":0,"metric":0,"kind":1,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh0","flags":[],"nexthops":[]}    (pathsim only)
#     + {"table":255,"dst":"10.0.0.3","prefix_len":32,"tos":0,"metric":0,"kind":3,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh0","flags":[],"nexthops":[]}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns3 link set dev lo up
ip -n ns1 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip -n ns1 link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip -n ns1 addr add 10.0.0.1/30 dev veth0
ip -n ns1 addr add 10.0.0.3/30 dev vh0
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip -n ns1 route add default via 10.0.0.1
