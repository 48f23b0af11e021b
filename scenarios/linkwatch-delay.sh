# Link events and their delay (net/core/link_watch.c). A carrier change is visible at once
# (LOWER_UP), but the operstate, IFF_RUNNING (iproute2 prints NO-CARRIER for an UP device
# without it), the route's linkdown flag, the neighbour flush on carrier loss, bridge port
# states and IPv6 start only when the link event is handled. Urgent events are handled at
# once: a running device stacked on another index (a veth whose peer's index differs from
# its own), or a carrier that comes on while the device's qdisc is still noop. Others wait
# for the next non-urgent batch, at most one a second, machine-wide. `ip link show DEV`
# (RTM_GETLINK) handles the device's pending event first; dumps do not.
#
# Creating a veth pair runs a non-urgent batch (the ends' carrier-off events), so for a
# second after it non-urgent events wait: the checks of a pending event come right after
# one, and each part starts 2.5 s after the last event of the one before, so that the
# pair's own batch does run at once. (Link events elsewhere on the machine move the
# batches: on a busy host a check may see an event handled early.)

# Both ends get index 2: iflink == ifindex, not urgent.
ip netns add a
ip netns add b
ip link add eth0 netns a address 02:00:00:00:0a:01 type veth peer name eth0 netns b address 02:00:00:00:0b:01
ip -n a link set eth0 up
sleep 1.5
ip link add v0 type veth peer name v00
ip -n b link set eth0 up
#@ snapshot
# b's carrier is on, its event is pending (and IPv6 waits: no solicited-node group yet).
ip -n b -o link show
#> 2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state DOWN
# a's event is urgent (up, qdisc still noop when its carrier came on): handled.
ip -n a -o link show
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
sleep 2.5
ip -n b -o link show
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
bridge -n b fdb show
#> 33:33:ff:00:0b:01 dev eth0 self permanent

# Carrier loss of b (a goes down): not urgent. Until the event is handled b keeps RUNNING
# (state UP, no LOWER_UP), its prefix route has no linkdown and its neighbours stay.
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n b neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale
ip -n b neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev eth0
ip link add v1 type veth peer name v2
ip -n a link set eth0 down
#@ snapshot
ip -n b -o link show
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state UP
sleep 2.5
# Handled: NO-CARRIER, linkdown, only the permanent neighbour left.
ip -n b -o link show
#> 2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
ip -n b route
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2 linkdown
ip -n b neigh
#> 10.0.0.8 dev eth0 lladdr 02:00:00:00:00:08 PERMANENT

# a up again: b's carrier comes on while its qdisc is noop (the last event deactivated it):
# urgent. a's own event looked urgent too when it fired (reopened: qdisc noop), but
# dev_open activated the qdisc before the work ran, which checks again: it waits.
ip link add v3 type veth peer name v4
ip -n a link set eth0 up
ip -n a -o link show
#> 2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state DOWN
# RTM_GETLINK handles a's pending event.
ip -n a link show eth0
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
ip -n a -o link show
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
ip -n b -o link show
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
# b's event cleared linkdown (fib_sync_up on NETDEV_CHANGE).
ip -n b route
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2

# A bridge: its port p has another index than its peer q (urgent); the bridge itself has
# iflink == ifindex. (No state snapshot right after q comes up: whether the bridge learns
# q's first IPv6 frame races with p's own event on the kernel.)
ip netns add x
ip netns add y
ip -n x link add br0 address 02:00:00:00:00:b0 type bridge
ip -n y link add q0 address 02:00:00:00:00:01 type veth peer name q1 address 02:00:00:00:00:02
ip link add p netns x address 02:00:00:00:00:0d type veth peer name q netns y address 02:00:00:00:00:0e
ip -n x link set p master br0
ip -n x link set br0 up
ip -n x link set p up
ip -n y link set q up
ip -n x -o link show
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
#> 3: p@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP
bridge -n x link show
#> 3: p@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding
sleep 2.5
# The port loses its carrier: disabled at once; the bridge's carrier goes off with it, but
# its event is not urgent.
ip link add v5 type veth peer name v6
ip -n y link set q down
#@ snapshot
ip -n x -o link show
#> 2: br0: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state UP
#> 3: p@if4: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue master br0 state DOWN
bridge -n x link show
#> 3: p@if4: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master br0 state disabled
sleep 2.5
ip -n x -o link show
#> 2: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
# Carrier back: the port at once, and the bridge too (its qdisc went to noop: urgent).
ip -n y link set q up
ip -n x -o link show
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP
#> 3: p@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP
bridge -n x link show
#> 3: p@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding
