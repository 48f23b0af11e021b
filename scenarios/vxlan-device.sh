# VXLAN devices: creation, iproute2's warnings and errors, the kernel's refusals, MTU,
# `ip -d link`, operstate, the `remote` FDB entry, deletion with the lower device.
# * Without `dstport` iproute2 warns (stderr, exit 0) and the kernel uses 8472; `dstport 0`
#   also means 8472, quietly. `vni` is an alias of `id`.
# * One device per VNI and destination port in a namespace ("A VXLAN device with the
#   specified VNI already exists"), whatever the local address; another port is fine.
# * MTU: the lower device's (`dev`) less 50, else 1500; with a lower device the MTU can not
#   exceed that (EINVAL, no message).
# * An up vxlan device is UNKNOWN with LOWER_UP (it never changes its carrier), even over a
#   lower device without carrier; `ip link` shows no `@lower`.
# * `remote` is the all-zeros FDB entry: "00:00:00:00:00:00 dev vx0 dst 192.0.2.2 via veth0
#   self permanent"; a vxlan device lists no multicast address entries.
# * Deleting the lower device deletes the vxlan devices over it.

ip link add veth0 type veth peer name veth1
ip link set veth0 mtu 9000
ip link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dev veth0 dstport 4789
ip link add vx1 address 02:00:00:00:0a:02 type vxlan id 43 remote 192.0.2.3
#> vxlan: destination port not specified
#> Will use Linux kernel default (non-standard value)
#> Use 'dstport 4789' to get the IANA assigned value
#> Use 'dstport 0' to get default and quiet this message
ip link add vx2 address 02:00:00:00:0a:03 type vxlan vni 44 dstport 0 local 192.0.2.1 ttl 64 tos 10 srcport 1000 2000 nolearning l2miss l3miss ageing 100 noudpcsum
ip link add vx3 type vxlan id 42 dstport 4789 local 192.0.2.5
#> Error: A VXLAN device with the specified VNI already exists.
ip link add vx3 address 02:00:00:00:0a:04 type vxlan id 42 dstport 4790
ip link add vx4 type vxlan remote 192.0.2.2 dstport 4789
#> vxlan: missing virtual network identifier
ip link add vx4 type vxlan id 16777216 dstport 4789
#> Error: argument "16777216" is wrong: invalid id
ip link add vx4 type vxlan id 5 dstport 4789 dev nosuch
#> Cannot find device "nosuch"
ip link add vx4 type vxlan id 5 dstport 4789 srcport 2000 1000
#> Error: Invalid source port range.
ip link add vx4 type vxlan id 5 remote 239.1.1.1 dstport 4789
#> Error: argument "239.1.1.1" is wrong: invalid remote address
ip link add vx4 type vxlan id 5 ttl 256 dstport 4789
#> Error: argument "256" is wrong: TTL must be <= 255
ip link add vx4 type vxlan id 5 dstport 4789 bogus
#> vxlan: unknown command "bogus"?
#> Usage: ... vxlan id VNI

ip link show vx0
#> 4: vx0: <BROADCAST,MULTICAST> mtu 8950 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link set vx0 mtu 9000
#> RTNETLINK answers: Invalid argument
ip link set vx0 mtu 67
#> Error: mtu less than device minimum.
ip link set vx0 up
ip link set vx1 up
ip link set veth0 up
ip link show
#> 4: vx0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8950 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
#> 5: vx1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
ip -d link show vx0
#>     vxlan id 42 remote 192.0.2.2 dev veth0 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
ip -d link show vx1
#>     vxlan id 43 remote 192.0.2.3 srcport 0 0 dstport 8472 ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 
ip -d link show vx2
#>     vxlan id 44 local 192.0.2.1 srcport 1000 2000 dstport 8472 nolearning l2miss l3miss tos 0x10 ttl 64 ageing 100 noudpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode
bridge fdb show
#> 00:00:00:00:00:00 dev vx0 dst 192.0.2.2 via veth0 self permanent
#> 00:00:00:00:00:00 dev vx1 dst 192.0.2.3 self permanent
bridge fdb show dev vx0
#> 00:00:00:00:00:00 dst 192.0.2.2 via veth0 self permanent

ip link del veth0
ip link show
#> 5: vx1:
#> 6: vx2:
#> 7: vx3:
ip link show vx0
#> Device "vx0" does not exist.
ip link del vx1
ip link show type vxlan
#> 6: vx2:
