# Head-end replication and learning: a's vxlan device has no `remote` but two all-zeros
# entries (`bridge fdb append 00:00:00:00:00:00 … dst`), so a broadcast goes out once per
# remote, in the order the remotes were appended. b and c point back at a with `remote`.
# * a learns b's inner MAC behind 192.0.2.2 from b's ARP reply (a dynamic entry, printed
#   with no state word); c learns a's MAC from the flooded request it did not answer.
# * The unicast echo request then uses a's learned entry: only b gets it.
# * The device counts each copy it sends: 2 ARP requests (28 bytes each) + 1 echo = 140.

ip netns add u
ip netns add a
ip netns add b
ip netns add c
ip netns exec a sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec c sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec u sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n u link add br0 address 02:00:00:00:00:b0 type bridge
ip -n u link set br0 up
ip -n a link add eth0 address 02:00:00:00:00:01 type veth peer name pa netns u
ip -n b link add eth0 address 02:00:00:00:00:02 type veth peer name pb netns u
ip -n c link add eth0 address 02:00:00:00:00:03 type veth peer name pc netns u
ip -n u link set pa master br0
ip -n u link set pb master br0
ip -n u link set pc master br0
ip -n u link set pa up
ip -n u link set pb up
ip -n u link set pc up
ip -n a addr add 192.0.2.1/24 dev eth0
ip -n b addr add 192.0.2.2/24 dev eth0
ip -n c addr add 192.0.2.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up

ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 10 dstport 4789 dev eth0
bridge -n a fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.2
bridge -n a fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.3
ip -n b link add vx0 address 02:00:00:00:0a:02 type vxlan id 10 remote 192.0.2.1 dstport 4789 dev eth0
ip -n c link add vx0 address 02:00:00:00:0a:03 type vxlan id 10 remote 192.0.2.1 dstport 4789 dev eth0
ip -n a addr add 10.0.0.1/24 dev vx0
ip -n b addr add 10.0.0.2/24 dev vx0
ip -n c addr add 10.0.0.3/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip -n c link set vx0 up

ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
sleep 1
bridge -n a fdb show dev vx0
#> 00:00:00:00:00:00 dst 192.0.2.2 self permanent
#> 00:00:00:00:00:00 dst 192.0.2.3 self permanent
bridge -n b fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.1 self 
bridge -n c fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.1 self 
ip -n a -s link show vx0
#>     140       3      0       0       0       0 
ip -n c -s link show vx0
#>      28       1      0       0       0       0 
