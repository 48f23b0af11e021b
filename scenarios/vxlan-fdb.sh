# bridge fdb on a vxlan device: the device's own table (vxlan_fdb_add / vxlan_fdb_delete).
# * `add` of a MAC that has an entry is EEXIST whatever the dst; `append` adds a remote only
#   to the all-zeros (or a multicast) entry, twice the same remote is a no-op; `replace`
#   changes the first remote of a unicast entry.
# * A remote needs `dst` (EINVAL without); `master` on a vxlan device is EOPNOTSUPP.
# * The dump follows the kernel's hash buckets (a random salt): only the remotes of one
#   entry keep their order, so the full listing is compared sorted by the verifier, e.g.
#   "02:00:00:00:00:02 dev vx0 dst 192.0.2.8 port 5000 vni 7 self permanent",
#   "02:00:00:00:00:03 dev vx0 dst 192.0.2.9 self " (dynamic), "… self static".
# * Lines: `MAC dev DEV dst IP [port P] [vni N] [via DEV] self STATE`; port and vni only when
#   not the device's; default state permanent, `static`, `dynamic` (no word).
# * `del` with a dst removes that remote (the entry with its last one); a dst the entry
#   does not have is no error, and nothing goes; without a dst the entry goes.
# * Moved to another namespace, the device keeps its table and its socket's namespace:
#   `vx0@if4 … link-netns a`, `dev if3` in `ip -d link`, "via ifindex 3 link-netnsid 0".

ip netns add a
ip netns add b
ip -n a link add veth0 type veth peer name veth1
ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dev veth0 dstport 4789
bridge -n a fdb add 02:00:00:00:00:01 dev vx0 dst 192.0.2.3
bridge -n a fdb add 02:00:00:00:00:01 dev vx0 dst 192.0.2.4
#> RTNETLINK answers: File exists
bridge -n a fdb append 02:00:00:00:00:01 dev vx0 dst 192.0.2.4
bridge -n a fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.7
bridge -n a fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.7
bridge -n a fdb add 02:00:00:00:00:02 dev vx0 dst 192.0.2.8 port 5000 vni 7 self permanent
bridge -n a fdb add 02:00:00:00:00:03 dev vx0 dst 192.0.2.9 dynamic
bridge -n a fdb add 02:00:00:00:00:04 dev vx0 dst 192.0.2.9 static
bridge -n a fdb add 02:00:00:00:00:05 dev vx0
#> RTNETLINK answers: Invalid argument
bridge -n a fdb add 02:00:00:00:00:06 dev vx0 dst 192.0.2.9 master
#> RTNETLINK answers: Operation not supported
bridge -n a fdb add 02:00:00:00:00:07 dev vx0 dst 192.0.2.9 port 4789 vni 42
bridge -n a fdb show
#> 00:00:00:00:00:00 dev vx0 dst 192.0.2.2 via veth0 self permanent
#> 00:00:00:00:00:00 dev vx0 dst 192.0.2.7 self permanent
bridge -n a fdb replace 02:00:00:00:00:01 dev vx0 dst 192.0.2.10
bridge -n a fdb replace 00:00:00:00:00:00 dev vx0 dst 192.0.2.10
bridge -n a -j fdb show dev vx0
bridge -n a fdb del 02:00:00:00:00:01 dev vx0 dst 192.0.2.99
bridge -n a fdb del 02:00:00:00:00:01 dev vx0 dst 192.0.2.10
bridge -n a fdb del 02:00:00:00:00:04 dev vx0
bridge -n a fdb del 02:00:00:00:00:99 dev vx0
#> RTNETLINK answers: No such file or directory
bridge -n a fdb del 00:00:00:00:00:00 dev vx0 dst 192.0.2.7
bridge -n a fdb show dev vx0
#> 00:00:00:00:00:00 dst 192.0.2.2 via veth0 self permanent

ip -n a link set vx0 netns b
ip -n b -d link show vx0
#> 4: vx0@if4: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns a
#>     vxlan id 42 remote 192.0.2.2 dev if3 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum
bridge -n b fdb show
#> 00:00:00:00:00:00 dev vx0 dst 192.0.2.2 via ifindex 3 link-netnsid 0 self permanent
