# bridge(8) link / fdb commands: errors, flags, add/replace/del semantics, show filters.
# * `bridge link show` lists only bridge ports; `dev X` of a non-port prints nothing, of an
#   unknown device "Cannot find device". A veth peer in another namespace is printed as
#   "px@br0" when the peer's ifindex happens to name br0 here (iproute2 ignores link-netnsid).
# * `bridge link set` on a non-port / the bridge itself: "RTNETLINK answers: Operation not
#   supported"; unknown device: 'Cannot find bridge device "X"'; bad on/off word: 'Error:
#   argument of "learning" must be one of "off", "on", not "maybe"'.
# * `bridge -d link show` prints the port flags line; each `bridge link set` flag flips there.
# * fdb add with NLM_F_EXCL: an entry that exists (even a learned one on another port) ->
#   "RTNETLINK answers: File exists"; `replace` overwrites it and moves it. No state keyword
#   means "permanent" (NUD_PERMANENT, br_fdb_add default), `static` shows "static",
#   `dynamic` shows no state word. 00:00:00:00:00:00 is "Invalid argument"
#   (is_valid_ether_addr in __br_fdb_add); a broadcast MAC is accepted as a static entry.
# * fdb del of a missing entry: "RTNETLINK answers: No such file or directory"; without
#   `master` the port's own (self) table is addressed, so the bridge entry is not found.
# * `dynamic` from user space works on a forwarding port, but on a disabled port (admin down)
#   only permanent/static entries may be added: "RTNETLINK answers: Operation not permitted"
#   (fdb_add_entry: a port that cannot learn accepts only local and static entries).
# * `fdb add ... dev br0 self` / no flag on the bridge device shows as "dev br0 master br0
#   permanent". On a non-port veth: "Operation not supported".
# * Learned entries: ping x->y learns 02:00:00:00:01:01 on px; `learning off` stops learning.
#   ageing_time 0 makes learned entries expire at once.
# * Port admin-down (br_stp_disable_port -> br_fdb_delete_by_port(.., 0, 0)) drops learned
#   entries but keeps static/permanent ones. While px is down its "self" multicast entries
#   are gone too (IPv4/IPv6 mc lists dropped on NETDEV_DOWN: ipv6_mc_down, ip_mc_down) and
#   only the three master entries remain.
# * nomaster removes all of the port's master entries. After px went down and up, its self
#   entries come back in the order the stacks re-join them: IPv4 01:00:5e:00:00:01 first,
#   then IPv6 33:33:00:00:00:01.
# * show filters: `br nosuch` -> 'Cannot find bridge device "nosuch"', `dev nosuch` ->
#   'Cannot find device "nosuch"', `br <port>` prints nothing; `-j` prints JSON.
#
#   x eth0 02:00:00:00:01:01 -- px --+
#                                    br0 (in h)
#   y eth0 02:00:00:00:01:02 -- py --+        plus a lone veth pair q1/q1p in h
#   (px 02:00:00:00:0b:01, py 02:00:00:00:0b:02: fixed, so both sides' MACs pair up)

ip netns add h
ip netns add x
ip netns add y
ip -n h link add br0 type bridge
ip link add eth0 netns x address 02:00:00:00:01:01 type veth peer name px netns h address 02:00:00:00:0b:01
ip link add eth0 netns y address 02:00:00:00:01:02 type veth peer name py netns h address 02:00:00:00:0b:02
ip -n h link add q1 address 02:00:00:00:0c:01 type veth peer name q1p address 02:00:00:00:0c:02
ip -n h link set px master br0
ip -n h link set py master br0
ip -n h link set br0 up
ip -n h link set px up
ip -n h link set py up
ip -n h link set q1 up
ip -n x addr add 10.9.0.1/24 dev eth0
ip -n y addr add 10.9.0.2/24 dev eth0
ip -n x link set eth0 up
ip -n y link set eth0 up

ip netns exec h bridge link show
#> px@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#> py@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
ip netns exec h bridge link show dev q1
ip netns exec h bridge link show dev nosuch
#> Cannot find device "nosuch"
ip netns exec h bridge link set dev q1 learning off
#> RTNETLINK answers: Operation not supported
ip netns exec h bridge link set dev br0 learning off
#> RTNETLINK answers: Operation not supported
ip netns exec h bridge link set dev nosuch learning off
#> Cannot find bridge device "nosuch"
ip netns exec h bridge link set dev px learning maybe
#> Error: argument of "learning" must be one of "off", "on", not "maybe"
ip netns exec h bridge link set dev py hairpin on
ip netns exec h bridge link set dev py isolated on
ip netns exec h bridge link set dev py bcast_flood off
ip netns exec h bridge -d link show dev py
#> hairpin on guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood off mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated on locked off
ip netns exec h bridge link set dev py hairpin off
ip netns exec h bridge link set dev py isolated off
ip netns exec h bridge link set dev py bcast_flood on

ip netns exec x ping -c 1 10.9.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec h bridge fdb show dev px
#> 02:00:00:00:01:01 master br0
ip netns exec h bridge fdb add 02:00:00:00:01:01 dev px master static
#> RTNETLINK answers: File exists
ip netns exec h bridge fdb add 02:00:00:00:01:02 dev px master
#> RTNETLINK answers: File exists
ip netns exec h bridge fdb replace 02:00:00:00:01:01 dev px master static
ip netns exec h bridge fdb add 02:00:00:00:00:aa dev px master static
ip netns exec h bridge fdb add 02:00:00:00:00:bb dev px master
ip netns exec h bridge fdb add 02:00:00:00:00:cc dev py master dynamic
ip netns exec h bridge fdb add 00:00:00:00:00:00 dev px master static
#> RTNETLINK answers: Invalid argument
ip netns exec h bridge fdb add ff:ff:ff:ff:ff:ff dev py master static
ip netns exec h bridge fdb add zz:00:00:00:00:ee dev px master
#> Invalid mac address zz:00:00:00:00:ee
ip netns exec h bridge fdb add 02:00:00:00:00:ee dev q1 master
#> RTNETLINK answers: Operation not supported
ip netns exec h bridge fdb add 02:00:00:00:00:ff dev br0 self
ip netns exec h bridge fdb show br br0
#> 02:00:00:00:00:ff dev br0 master br0 permanent
#> 02:00:00:00:00:bb dev px master br0 permanent
#> 02:00:00:00:00:aa dev px master br0 static
#> 02:00:00:00:01:01 dev px master br0 static
#> ff:ff:ff:ff:ff:ff dev py master br0 static
#> 02:00:00:00:00:cc dev py master br0
ip netns exec h bridge -j fdb show dev px
#> [{"mac":"02:00:00:00:00:bb","flags":[],"master":"br0","state":"permanent"},{"mac":"02:00:00:00:00:aa","flags":[],"master":"br0","state":"static"},{"mac":"02:00:00:00:01:01","flags":[],"master":"br0","state":"static"}
ip netns exec h bridge fdb show br nosuch
#> Cannot find bridge device "nosuch"
ip netns exec h bridge fdb show dev nosuch
#> Cannot find device "nosuch"
ip netns exec h bridge fdb show br px

ip netns exec h bridge fdb del 02:00:00:00:01:01 dev px
#> RTNETLINK answers: No such file or directory
ip netns exec h bridge fdb del 02:00:00:00:01:01 dev px master
ip netns exec h bridge fdb del 02:00:00:00:01:01 dev px master
#> RTNETLINK answers: No such file or directory

ip netns exec h bridge link set dev px learning off
ip netns exec x ping -c 1 10.9.0.2
ip netns exec h bridge fdb show dev px
#> 02:00:00:00:00:bb master br0 permanent
#> 02:00:00:00:00:aa master br0 static
#> self permanent
ip netns exec h bridge link set dev px learning on
ip netns exec x ping -c 1 10.9.0.2
ip netns exec h bridge fdb show dev px
#> 02:00:00:00:01:01 master br0
#> 02:00:00:00:00:bb master br0 permanent
ip -n h link set px down
ip netns exec h bridge link show dev px
#> px@br0: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2
ip netns exec h bridge -j fdb show dev px
#> [{"mac":"02:00:00:00:00:bb","flags":[],"master":"br0","state":"permanent"},{"mac":"02:00:00:00:00:aa","flags":[],"master":"br0","state":"static"},{"mac":"
#> ","flags":[],"master":"br0","state":"permanent"}]
ip netns exec h bridge fdb add 02:00:00:00:00:dd dev px master dynamic
#> RTNETLINK answers: Operation not permitted
ip netns exec h bridge fdb add 02:00:00:00:00:dd dev px master static
ip -n h link set px up
ip -n h link set br0 type bridge ageing_time 0
ip netns exec x ping -c 1 10.9.0.2
ip netns exec h bridge fdb show dev py
#> master br0 permanent
ip -n h link set px nomaster
ip netns exec h bridge fdb show dev px
#> 01:00:5e:00:00:01 self permanent
#> 33:33:00:00:00:01 self permanent
