# Operstate (RFC 2863) as Linux 6.18 keeps it. linkwatch stores it when a device's carrier
# changes (net/core/link_watch.c linkwatch_do_dev -> rfc2863_policy -> default_operstate) and
# `ip link` shows DOWN for a device that is not up, the stored state otherwise:
# * Without carrier: DOWN if the device's iflink is its own index or names no device,
#   LOWERLAYERDOWN if that device has no carrier either, DOWN if it has. A veth's iflink is
#   its peer's index, looked up in the veth's OWN namespace: pa's peer pb has index 2 in b,
#   and 2 in a is pa itself (DOWN); za's peer zb has index 3 in b, and 3 in a is f2.
# * Nothing recomputes it but za's own carrier changes: f2 coming up, or za down/up without
#   carrier, leave LOWERLAYERDOWN; zb up and down again (two events) make it DOWN.
# * A bridge's carrier comes from br_port_state_selection (a forwarding port), which first
#   runs when the bridge id changes: an address set by the user or a first port. Before that
#   an empty bridge up keeps the new device's carrier: UNKNOWN, LOWER_UP (br0, br2); with
#   its own address it is NO-CARRIER, DOWN (br1, br2 after `address`).

ip netns add a
ip netns add b
ip link add pa netns a type veth peer name pb netns b
ip -n a link add f1 type veth peer name f2
ip link add za netns a type veth peer name zb netns b
ip -n a link add br0 type bridge
ip -n a link show br0
#> 6: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip -n a link set za up
ip -n a -br link show za
#> za@if3           LOWERLAYERDOWN
ip -n a link set pa up
ip -n a -br link show pa
#> pa@if2           DOWN
ip -n a link set f1 up
ip -n a -br link show f1
#> f1@f2            LOWERLAYERDOWN
ip -n a link set f2 up
ip -n a -br link show f1
#> f1@f2            UP
ip -n a -br link show za
#> za@if3           LOWERLAYERDOWN
ip -n a link set za down
ip -n a link set za up
ip -n a -br link show za
#> za@if3           LOWERLAYERDOWN
ip -n b link set zb up
ip -n a -br link show za
#> za@if3           UP
ip -n b link set zb down
ip -n a -br link show za
#> za@if3           DOWN
ip -n a link set f2 down
ip -n a -br link show za
#> za@if3           DOWN
ip -n a -br link show f1
#> f1@f2            LOWERLAYERDOWN
ip -n a link set br0 up
ip -n a link show br0
#> 6: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
ip -n a link set f1 master br0
ip -n a link set f2 up
ip -n a link show br0
#> 6: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip -n a link set f2 down
ip -n a link show br0
#> 6: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
ip -n a link set br0 down
ip -n a link show br0
#> 6: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
ip -n a link add br1 address 02:00:00:00:00:b1 type bridge
ip -n a link set br1 up
ip -n a link show br1
#> 7: br1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
ip -n a link add br2 type bridge
ip -n a link set br2 up
ip -n a -br link show br2
#> br2              UNKNOWN
ip -n a link set br2 address 02:00:00:00:00:b2
ip -n a -br link show br2
#> br2              DOWN
