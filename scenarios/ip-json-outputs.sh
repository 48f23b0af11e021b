# ip -j (JSON) output: one line per command, no spaces, a JSON array. Compared whole here,
# on a setup with fixed MACs (so even the IPv6 link-local address is fixed). Details worth
# knowing: "flags":[] is always present on routes; the route source is "prefsrc"; the
# neighbour state is an array; "ip route get" has "cache":[] and "uid":0; rules print the
# table as a string; an empty result is "[]". With -4, ip -j addr leaves out the link
# layer keys (link_type, address, broadcast), as the text output leaves out link/ether;
# a local "route get" names "table":"local".
#
#   host veth0 (10.0.0.1/24, 02:00:00:00:00:01) ---- veth1 (10.0.0.2/24, 02:00:00:00:00:02) ns1

ip netns add ns1
ip link add veth0 type veth peer name veth1 netns ns1
ip link set veth0 address 02:00:00:00:00:01
ip -n ns1 link set veth1 address 02:00:00:00:00:02
ip link set lo up
ip -n ns1 link set lo up
ip addr add 10.0.0.1/24 dev veth0
ip -n ns1 addr add 10.0.0.2/24 dev veth1
ip link set veth0 up
ip -n ns1 link set veth1 up
ip route add 10.5.0.0/16 via 10.0.0.2 metric 100
ip route add blackhole 10.20.0.0/16
ip route add 10.30.0.0/16 via 10.0.0.2 table 100
ip rule add from 10.0.1.0/24 table 100 pref 1000
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev veth0
sleep 3

ip -j link show veth0
#> [{"ifindex":2,"link_index":2,"ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0}]
ip -j -n ns1 link show veth1
#> [{"ifindex":2,"link_index":2,"ifname":"veth1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:02","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0}]
ip -j addr show dev veth0
#> [{"ifindex":2,"link_index":2,"ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0,"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24,"scope":"global","label":"veth0","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::ff:fe00:1","prefixlen":64,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
ip -j -4 addr show dev veth0
#> [{"ifindex":2,"link_index":2,"ifname":"veth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"link_netnsid":0,"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24,"scope":"global","label":"veth0","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
ip -j route
#> [{"dst":"10.0.0.0/24","dev":"veth0","protocol":"kernel","scope":"link","prefsrc":"10.0.0.1","flags":[]},{"dst":"10.5.0.0/16","gateway":"10.0.0.2","dev":"veth0","metric":100,"flags":[]},{"type":"blackhole","dst":"10.20.0.0/16","flags":[]}]
ip -j route show table 100
#> [{"dst":"10.30.0.0/16","gateway":"10.0.0.2","dev":"veth0","flags":[]}]
ip -j route get 10.5.1.1
#> [{"dst":"10.5.1.1","gateway":"10.0.0.2","dev":"veth0","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}]
ip -j route get 10.0.0.1
#> [{"type":"local","dst":"10.0.0.1","dev":"lo","table":"local","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":["local"]}]
ip -j rule
#> [{"priority":0,"src":"all","table":"local"},{"priority":1000,"src":"10.0.1.0","srclen":24,"table":"100"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]
ip -j neigh show dev veth0
#> [{"dst":"10.0.0.9","lladdr":"02:00:00:00:00:09","state":["PERMANENT"]}]
ip -j route show 10.99.0.0/16
#> []
ip -j neigh show 10.0.0.77
#> []
