# brctl (bridge-utils), the old tool still found in tutorials: addbr, addif, show, showmacs,
# delif, delbr and their error messages. brctl reads /sys/class/net; in a namespace entered
# with "ip netns exec" sysfs is remounted for that namespace, so every brctl command runs
# through "ip netns exec sw". Output columns are TAB-separated: an empty bridge shows the
# id 8000.000000000000 and no interface; with ports the id is 8000.<lowest port MAC>.
# Port numbers follow the order of addif (p2 is port 1); showmacs lists by MAC. A bridge
# that is up cannot be deleted; with no bridge left, "brctl show" prints nothing at all
# (not even the header). Deleting the bridge releases its ports.

ip netns add sw
ip -n sw link add p1 type veth peer name p1-peer address 02:00:00:00:0c:01
ip -n sw link add p2 type veth peer name p2-peer address 02:00:00:00:0c:02
ip -n sw link set p1 address 02:00:00:00:0b:01
ip -n sw link set p2 address 02:00:00:00:0b:02

ip netns exec sw brctl addbr br0
ip netns exec sw brctl show
#> bridge name	bridge id		STP enabled	interfaces
#> br0		8000.000000000000	no
ip netns exec sw brctl addbr br0
#> device br0 already exists; can't create bridge with the same name
ip netns exec sw brctl addif br0 p2
ip netns exec sw brctl addif br0 p1
ip netns exec sw brctl show
#> br0		8000.020000000b01	no		p1
#> 							p2
ip netns exec sw brctl addif br0 p9
#> interface p9 does not exist!
ip netns exec sw brctl addif br0 p1
#> device p1 is already a member of a bridge; can't add it to bridge br0.
ip netns exec sw brctl showmacs br0
#> port no	mac addr		is local?	ageing timer
#>   2	02:00:00:00:0b:01	yes		   0.00
#>   1	02:00:00:00:0b:02	yes		   0.00
ip -n sw link show p1
#> master br0 state DOWN

ip netns exec sw brctl delif br0 p1
ip netns exec sw brctl show br0
#> br0		8000.020000000b02	no		p2
ip netns exec sw brctl delif br0 p1
#> device p1 is not a port of br0
ip -n sw link set br0 up
ip netns exec sw brctl delbr br0
#> bridge br0 is still up; can't delete it
ip -n sw link set br0 down
ip netns exec sw brctl delbr br0
ip netns exec sw brctl delbr br0
#> bridge br0 doesn't exist; can't delete it
ip netns exec sw brctl show
ip -n sw link show p2
#> p2@p2-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
