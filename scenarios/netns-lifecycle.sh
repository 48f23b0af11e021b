# Network namespace lifecycle.
# * "ip netns list" shows the newest first (readdir order of /run/netns); "(id: N)" appears
#   once the namespace has a peer id in the current namespace, which happens when a
#   device links the two (a veth with one end in each).
# * Deleting a namespace destroys its devices; the host end of a veth whose peer lived there
#   disappears with it. The destruction runs asynchronously (cleanup_net in a workqueue):
#   right after "ip netns del" the host end may still be listed, with "link-netnsid 0" or
#   "link-netnsid unknown", so the scenario waits a second.
# * A namespace with the same name created again is brand new: only lo, DOWN.
# * Errors: deleting or entering a missing namespace, adding an existing one.

ip netns add a
ip netns add b
ip netns list
#> b
#> a
ls /var/run/netns
#> a
#> b
ip netns add a
#> Cannot create namespace file "/run/netns/a": File exists
ip link add veth-a type veth peer name eth0 netns a
ip link add veth-b type veth peer name eth0 netns b
ip netns list
#> b (id: 1)
#> a (id: 0)
ip link show veth-a
#> veth-a@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#>     link/ether
#> link-netns a
ip -n a link add br9 type bridge
ip -n a link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> 2: eth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
#> link-netnsid 0
#> 3: br9: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000

ip netns del a
sleep 1
ip link show veth-a
#> Device "veth-a" does not exist.
ip link show veth-b
#> veth-b@if2:
ip netns list
#> b (id: 1)
ls /var/run/netns
#> b
ip netns del a
#> Cannot remove namespace file "/run/netns/a": No such file or directory
ip netns exec a ip link
#> Cannot open network namespace "a": No such file or directory
ip -n a link
#> Cannot open network namespace "a": No such file or directory

ip netns add a
ip netns list
#> a
#> b (id: 1)
ip -n a link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip -n a addr
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
#>     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00

ip netns del b
sleep 1
ip link show veth-b
#> Device "veth-b" does not exist.
ip link show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
