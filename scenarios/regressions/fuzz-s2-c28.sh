# Found by `pathsim-verify fuzz --seed 2` (case 28), shrunk to a minimal script.
# The kernel and pathsim differed:
#   namespace "" links:
#     - {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN","master":null,"address":"02:00:00:00:00:01"}    (kernel only)
#     + {"ifindex":3,"name":"veth0","kind":"veth","mtu":1500,"flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"LOWERLAYERDOWN","master":null,"address":"02:00:00:00:00:01"}    (pathsim only)
ip netns add ns1
ip link add veth0 address 02:00:00:00:00:01 type veth peer name vh0 address 02:00:00:00:00:02
ip link set dev vh0 netns ns1
ip link set dev veth0 up
