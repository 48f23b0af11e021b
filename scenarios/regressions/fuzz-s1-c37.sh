# Found by `pathsim-verify fuzz --seed 1` (case 37), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" routes:
#     + {"table":254,"dst":"10.0.0.0","prefix_len":24,"tos":0,"metric":0,"kind":1,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh1","flags":["linkdown"],"nexthops":[]}    (pathsim only)
#     + {"table":255,"dst":"10.0.0.255","prefix_len":32,"tos":0,"metric":0,"kind":3,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh1","flags":["linkdown"],"nexthops":[]}    (pathsim only)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link set dev vh0 netns ns1
ip -n ns1 link add veth1 address 02:00:00:00:00:03 type veth peer name vh1 address 02:00:00:00:00:04
ip -n ns1 link set dev vh0 up
ip -n ns1 link set dev vh1 up
ip addr add 10.0.0.1/30 dev veth0
ip -n ns1 addr add 10.0.0.1/30 dev vh0
ip -n ns1 addr add 10.0.0.5/24 dev veth1
ip -n ns1 addr add 10.0.0.3/24 dev vh1
