# Found by `pathsim-verify fuzz --seed 1` (case 205), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns2" routes:
#     + {"table":254,"dst":"10.0.0.0","prefix_len":24,"tos":0,"metric":0,"kind":1,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh0","flags":["linkdown"],"nexthops":[]}    (pathsim only)
#     + {"table":255,"dst":"10.0.0.255","prefix_len":32,"tos":0,"metric":0,"kind":3,"protocol":2,"scope":253,"prefsrc":"10.0.0.3","gateway":null,"dev":"vh0","flags":["linkdown"],"nexthops":[]}    (pathsim only)
ip netns add ns1
ip netns add ns2
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns2 link set dev lo up
ip -n ns2 link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:02 type veth peer name vh0 address 02:00:00:00:00:03
ip link set dev vh0 netns ns2
ip -n ns2 link set dev br0 up
ip -n ns2 link set dev vh0 up
ip -n ns2 addr add 10.0.0.2/30 dev br0
ip addr add 10.0.0.1/24 dev veth0
ip -n ns2 addr add 10.0.0.3/24 dev vh0
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
