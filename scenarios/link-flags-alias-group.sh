# `ip link set DEV promisc|allmulticast on|off`, `alias TEXT`, `txqueuelen N`, `group N` and
# `ip link show group N`. PROMISC/ALLMULTI show the flags the user set (dev->gflags); -d
# counts them with the bridge port's own promiscuous/allmulti reference (br_add_if). On a
# veth they change what is shown, not what is received (no address filter to open).

ip netns add a
ip -n a link add br0 address 02:00:00:00:00:b0 type bridge
ip -n a link add v1 address 02:00:00:00:00:01 type veth peer name v2 address 02:00:00:00:00:02
ip -n a link set v1 master br0
ip -n a -d link show v1
#> 4: v1@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop master br0 state DOWN mode DEFAULT group default qlen 1000
#> promiscuity 1  allmulti 1
#> veth
#> bridge_slave state disabled priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 designated_bridge 8000.2:0:0:0:0:b0 designated_root 8000.2:0:0:0:0:b0 hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536
ip -n a link set v1 promisc on
ip -n a -d link show v1
#> 4: v1@v2: <BROADCAST,MULTICAST,PROMISC,M-DOWN> mtu 1500 qdisc noop master br0 state DOWN mode DEFAULT group default qlen 1000
#> promiscuity 2  allmulti 1
#> veth
#> bridge_slave state disabled priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 designated_bridge 8000.2:0:0:0:0:b0 designated_root 8000.2:0:0:0:0:b0 hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536
ip -n a link set v1 nomaster
ip -n a -d link show v1
#> 4: v1@v2: <BROADCAST,MULTICAST,PROMISC,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> promiscuity 1  allmulti 0
#> veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536
ip -n a link set v1 promisc on
ip -n a link set v1 promisc off
ip -n a -d link show v1
#> 4: v1@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> promiscuity 0  allmulti 0
#> veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536
ip -n a link set v1 allmulticast on
ip -n a link set v1 up
ip -n a link show v1
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
ip -n a -j link show v1
#> [{"ifindex":4,"link":"v2","ifname":"v1","flags":["NO-CARRIER","BROADCAST","MULTICAST","ALLMULTI","UP","M-DOWN"],"mtu":1500,"qdisc":"noqueue","operstate":"LOWERLAYERDOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff"}]
ip -n a link set v1 alias "x y"
ip -n a -j link show v1
#> [{"ifindex":4,"link":"v2","ifname":"v1","flags":["NO-CARRIER","BROADCAST","MULTICAST","ALLMULTI","UP","M-DOWN"],"mtu":1500,"qdisc":"noqueue","operstate":"LOWERLAYERDOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff","ifalias":"x y"}]
ip -n a link show v1
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
#> alias x y
ip -n a -d link show v1
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
#> promiscuity 0  allmulti 1
#> veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536
#> alias x y
ip -n a link set v1 txqueuelen abc
#> Error: argument "abc" is wrong: Invalid "txqueuelen" value
ip -n a link set v1 group abc
#> Error: argument "abc" is wrong: Invalid "group" value
ip -n a link set v1 promisc maybe
#> Error: argument of "promisc" must be "on" or "off", not "maybe"
ip -n a link set v1 group 300 txqueuelen 500
ip -n a link show v1
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group 300 qlen 500
#> alias x y
ip -n a link show group 300
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group 300 qlen 500
#> alias x y
ip -n a -br link show group 300
#> v1@v2            LOWERLAYERDOWN 02:00:00:00:00:01 <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN>
ip -n a link show group default
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
#> 2: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip -n a link set v1 group default alias ""
ip -n a link show v1
#> 4: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,ALLMULTI,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 500
ip -n a link set v2 promisc on qlen 10
ip -n a link show v2
#> 3: v2@v1: <BROADCAST,MULTICAST,PROMISC> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 10
