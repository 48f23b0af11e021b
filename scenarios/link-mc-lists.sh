# A device's own multicast address list (`bridge fdb show` `self permanent` entries) across
# down/up, carrier and disable_ipv6, as Linux 6.18 keeps it:
# * Registration joins IPv6 all-nodes (33:33:00:00:00:01, ipv6_add_dev), even with
#   disable_ipv6. NETDEV_UP joins IPv4 all-hosts (01:00:5e:00:00:01, ip_mc_up); a bridge
#   first joins the snooping groups (224.0.0.106, ff02::6a: br_multicast_open).
# * IPv6 waits for a ready link (addrconf_dev_config -> ipv6_find_idev -> ipv6_mc_up): it
#   (re)loads all-nodes, then the link-local address joins its solicited-node group
#   (33:33:ff:..). Ready means operstate UP or UNKNOWN: an up veth without carrier, or a
#   bridge with its own address and no port, is not.
# * Going down drops the IPv4 groups (ip_mc_down) and, only if the device had been ready
#   (IF_READY), the IPv6 ones (addrconf_ifdown -> ipv6_mc_down): up without carrier then down
#   keeps all-nodes; up with carrier then down leaves nothing. Carrier loss drops nothing.
# * disable_ipv6=1 on a ready device withdraws the IPv6 groups; =0 while up loads them again,
#   after all-hosts.

ip netns add a
ip netns add b
ip link add va netns a address 02:00:00:00:00:0a type veth peer name vb netns b address 02:00:00:00:00:0b
bridge -n a fdb show dev va
#> 33:33:00:00:00:01 self permanent
ip -n a link set va up
ip -n a link set va down
bridge -n a fdb show dev va
#> 33:33:00:00:00:01 self permanent
ip -n a link set va up
bridge -n a fdb show dev va
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:01 self permanent
ip -n b link set vb up
sleep 0.3
bridge -n a fdb show dev va
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:01 self permanent
#> 33:33:ff:00:00:0a self permanent
ip -n b link set vb down
bridge -n a fdb show dev va
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:01 self permanent
#> 33:33:ff:00:00:0a self permanent
ip -n a link set va down
bridge -n a fdb show dev va
ip -n a link set va up
bridge -n a fdb show dev va
#> 01:00:5e:00:00:01 self permanent
ip -n b link set vb up
sleep 0.3
bridge -n a fdb show dev va
#> 01:00:5e:00:00:01 self permanent
#> 33:33:00:00:00:01 self permanent
#> 33:33:ff:00:00:0a self permanent
ip -n a link add vc address 02:00:00:00:00:0c type veth peer name vd address 02:00:00:00:00:0d
ip netns exec a sysctl -qw net.ipv6.conf.vc.disable_ipv6=1
bridge -n a fdb show dev vc
#> 33:33:00:00:00:01 self permanent
ip -n a link set vc up
ip -n a link set vd up
sleep 0.3
bridge -n a fdb show dev vc
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:01 self permanent
ip -n a link set vc down
bridge -n a fdb show dev vc
#> 33:33:00:00:00:01 self permanent
ip netns exec a sysctl -qw net.ipv6.conf.vc.disable_ipv6=0
bridge -n a fdb show dev vc
#> 33:33:00:00:00:01 self permanent
ip -n a link set vc up
sleep 0.3
bridge -n a fdb show dev vc
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:01 self permanent
#> 33:33:ff:00:00:0c self permanent
ip netns exec a sysctl -qw net.ipv6.conf.vc.disable_ipv6=1
bridge -n a fdb show dev vc
#> 01:00:5e:00:00:01 self permanent
ip netns exec a sysctl -qw net.ipv6.conf.vc.disable_ipv6=0
sleep 0.3
bridge -n a fdb show dev vc
#> 01:00:5e:00:00:01 self permanent
#> 33:33:00:00:00:01 self permanent
#> 33:33:ff:00:00:0c self permanent
ip -n a link add br0 address 02:00:00:00:00:b0 type bridge
ip -n a link set br0 up
sleep 0.3
bridge -n a fdb show dev br0
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:6a self permanent
#> 33:33:00:00:00:6a self permanent
#> 01:00:5e:00:00:01 self permanent
#> 02:00:00:00:00:b0 master br0 permanent
ip -n a link set br0 down
bridge -n a fdb show dev br0
#> 33:33:00:00:00:01 self permanent
#> 02:00:00:00:00:b0 master br0 permanent
ip -n a link set br0 up
ip -n a link set vc master br0
sleep 0.3
bridge -n a fdb show dev br0
#> 33:33:00:00:00:01 self permanent
#> 01:00:5e:00:00:6a self permanent
#> 33:33:00:00:00:6a self permanent
#> 01:00:5e:00:00:01 self permanent
#> 33:33:ff:00:00:b0 self permanent
#> 02:00:00:00:00:b0 master br0 permanent
ip -n a link set br0 down
bridge -n a fdb show dev br0
#> 02:00:00:00:00:b0 master br0 permanent
ip -n a link add br1 type bridge
ip -n a link set br1 up
sleep 0.3
bridge -n a -j fdb show dev br1
ip -n a link set br1 down
bridge -n a -j fdb show dev br1
