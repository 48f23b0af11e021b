# Interface indexes and how ip link names a veth peer.
# * A veth pair takes two indexes, the PEER first: "2: veth1@veth0", "3: veth0@veth1".
# * Indexes are per namespace and never reused: after deleting 2/3 the next pair gets 4/5.
# * With "peer name X netns NS" the peer is created in NS with NS's next index.
# * A peer in another namespace prints as "@ifN" (its index there) plus "link-netns NAME"
#   (the other namespace has a name) or "link-netnsid N" (seen from inside the namespace,
#   the host namespace has no name, only the id it was given).
# * A moved device keeps its index when that index is free in the target namespace.

ip link add veth0 type veth peer name veth1
ip link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 2: veth1@veth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 3: veth0@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link del veth0
ip link add veth0 type veth peer name veth1
ip link show veth0
#> 5: veth0@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip link show veth1
#> 4: veth1@veth0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000

ip netns add ns1
ip netns add ns2
ip link add veth-a type veth peer name eth0 netns ns1
ip link show veth-a
#> 6: veth-a@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns ns1
ip -n ns1 link show eth0
#> 2: eth0@if6: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netnsid 0
ip netns list
#> ns2
#> ns1 (id: 0)

# Moving veth1 (index 4) to ns2: index 4 is free there, so it keeps it.
ip link set veth1 netns ns2
ip -n ns2 link show veth1
#> 4: veth1@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netnsid 0
ip link show veth0
#> 5: veth0@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns ns2

# Moving ns1's eth0 (index 2) to ns2 too: ns2 does not have index 2 yet, it keeps 2.
ip -n ns1 link set eth0 netns ns2
ip -n ns2 link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 2: eth0@if6: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netnsid 0
#> 4: veth1@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netnsid 0
ip link show veth-a
#> 6: veth-a@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netns ns2

# A bridge cannot change namespace.
ip link add br0 type bridge
ip link set br0 netns ns1
#> Error: The interface netns is immutable.
ip link show br0
#> 7: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
