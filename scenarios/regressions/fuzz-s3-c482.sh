# Found by `pathsim-verify fuzz --seed 3` (case 482), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "ns1" neighbours:
#     - {"dev":"vh1","dst":"10.0.0.3","lladdr":"ff:ff:ff:ff:ff:ff","state":64,"proxy":false,"router":false}    (kernel only)
#     + {"dev":"vh1","dst":"10.0.0.3","lladdr":"02:00:00:00:00:03","state":2,"proxy":false,"router":false}    (pathsim only)
ip netns add ns1
ip link set dev lo up
ip -n ns1 link set dev lo up
ip -n ns1 link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link add veth1 address 02:00:00:00:00:03 type veth peer name vh1 address 02:00:00:00:00:04
ip link set dev vh1 netns ns1
ip -n ns1 link set dev veth0 up
ip -n ns1 link set dev vh0 up
ip link set dev veth1 up
ip -n ns1 link set dev vh1 up
ip -n ns1 addr add 10.0.0.2/30 dev veth0
ip -n ns1 addr add 10.0.0.5/30 dev vh0
ip addr add 10.0.0.3/24 dev veth1
ip -n ns1 addr add 10.0.0.2/24 dev vh1
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
ping -c 1 -W 1 10.0.0.2
