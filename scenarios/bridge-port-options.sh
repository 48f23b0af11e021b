# Bridge port options, set with `bridge link set` or `ip link set DEV type bridge_slave`:
# cost, priority (the port id is the priority above the port number, br_make_port_id),
# hairpin, learning, flood, … and guard, root_block, fastleave, mcast_to_unicast, vlan_tunnel,
# which act on STP/multicast snooping/VLANs (kept and shown only in pathsim). Refusals come
# from br_setport: a device that is no port, a cost or priority out of range (exit 2 from ip,
# 255 from bridge).

ip netns add h
ip -n h link add br0 type bridge
ip -n h link add v1 type veth peer name v1p
ip -n h link add v2 type veth peer name v2p
ip -n h link set v1 master br0
ip -n h link set v2 master br0
ip -n h link set br0 address 02:00:00:00:00:b0
ip -n h link set v1 address 02:00:00:00:00:01
ip -n h link set v2 address 02:00:00:00:00:02
ip -n h link set br0 up
ip -n h link set v1 up
ip -n h link set v2 up
ip -n h link set v1p up
ip -n h link set v2p up
ip -n h link show master br0
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
#> 6: v2@v2p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
ip -n h -br link show master br0
#> v1@v1p           UP             02:00:00:00:00:01 <BROADCAST,MULTICAST,UP,LOWER_UP>
#> v2@v2p           UP             02:00:00:00:00:02 <BROADCAST,MULTICAST,UP,LOWER_UP>
ip -n h link show type bridge
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n h link show type bridge_slave
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
#> 6: v2@v2p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
ip -n h -d link show br0
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n h -d link show v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
#> veth
ip -n h -j link show br0
bridge -n h link
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> 6: v2@v2p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
bridge -n h link show dev v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
bridge -n h -d link show dev v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off
bridge -n h -j link
#> [{"ifindex":4,"link":"v1p","ifname":"v1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"master":"br0","state":"forwarding","priority":32,"cost":2},{"ifindex":6,"link":"v2p","ifname":"v2","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"master":"br0","state":"forwarding","priority":32,"cost":2}]
bridge -n h fdb show br br0
#> 01:00:5e:00:00:6a dev br0 self permanent
bridge -n h fdb show dev v1
#> 02:00:00:00:00:01 master br0 permanent
bridge -n h fdb add 02:00:00:00:00:99 dev v1 master static
bridge -n h fdb add 02:00:00:00:00:98 dev v1 master
bridge -n h fdb add 02:00:00:00:00:97 dev v1 master dynamic
bridge -n h fdb append 02:00:00:00:00:96 dev v1 master static
bridge -n h fdb show dev v1
#> 02:00:00:00:00:96 master br0 static
bridge -n h fdb show br br0 brport v1
#> 02:00:00:00:00:96 master br0 static
bridge -n h fdb show br br0 state static
#> 02:00:00:00:00:96 dev v1 master br0 static
bridge -n h fdb del 02:00:00:00:00:99 dev v1 master
bridge -n h fdb del 02:00:00:00:00:99 dev v1 master
#> RTNETLINK answers: No such file or directory
bridge -n h fdb get 02:00:00:00:00:98 br br0
#> 02:00:00:00:00:98 dev v1 master br0 permanent
bridge -n h fdb get 02:00:00:00:00:01 dev v1 self
#> Error: Fdb get operation not supported by device.
bridge -n h link set dev v1 learning off
bridge -n h link set dev v1 cost 5 priority 7
bridge -n h link set dev v1 guard on
bridge -n h -d link show dev v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 7 cost 5
#> hairpin off guard on root_block off fastleave off learning off flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off
bridge -n h vlan show
#> port              vlan-id
ip -n h link set br0 type bridge ageing_time 1000
ip -n h -d link show br0
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n h link set v1 type bridge_slave cost 9
ip -n h -d link show v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
#> veth
ip -n h link set v2 nomaster
ip -n h link show v2
#> 6: v2@v2p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n h link del br0
ip -n h link show v1
#> 4: v1@v1p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n h link add br1 address 02:00:00:00:00:b1 type bridge
ip -n h link add v5 type veth peer name v5p
ip -n h link set v5 master br1
ip -n h link set v5 type bridge_slave cost 9 priority 5 hairpin on guard on
ip -n h link set v5 type bridge_slave cost x
#> Error: argument "x" is wrong: cost is invalid
ip -n h link set v5 type bridge_slave priority 70
#> RTNETLINK answers: Numerical result out of range
ip -n h link set v5 type bridge_slave hairpin maybe
#> Error: argument of "hairpin" must be one of "off", "on", not "maybe"
ip -n h link set v5 type bridge_slave bogus 1
#> bridge_slave: unknown option "bogus"?
#> Usage: ... bridge_slave [ fdb_flush ]
ip -n h link set v5p type bridge_slave cost 3
#> RTNETLINK answers: Operation not supported
ip -n h link set v5 type bridge_slave learning off flood off fastleave on root_block on mcast_to_unicast on vlan_tunnel on
ip -n h -d link show v5
#> 9: v5@v5p: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop master br1 state DOWN mode DEFAULT group default qlen 1000
#> veth
bridge -n h -d link show dev v5
#> 9: v5@v5p: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br1 state disabled priority 5 cost 9
#> hairpin on guard on root_block on fastleave on learning off flood off mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast on neigh_suppress off vlan_tunnel on isolated off locked off
bridge -n h -j -d link show dev v5
#> [{"ifindex":9,"link":"v5p","ifname":"v5","flags":["BROADCAST","MULTICAST","M-DOWN"],"mtu":1500,"master":"br1","state":"disabled","priority":5,"cost":9,"hairpin":true,"guard":true,"root_block":true,"fastleave":true,"learning":false,"flood":false,"mcast_flood":true,"bcast_flood":true,"mcast_router":1,"mcast_to_unicast":true,"neigh_suppress":false,"vlan_tunnel":true,"isolated":false,"locked":false}]
bridge -n h link set dev v5 guard maybe
#> Error: argument of "guard" must be one of "off", "on", not "maybe"
ip -n h link set v5 type bridge_slave cost 0
#> RTNETLINK answers: Numerical result out of range
ip -n h link set v5 type bridge_slave cost 70000
#> RTNETLINK answers: Numerical result out of range
