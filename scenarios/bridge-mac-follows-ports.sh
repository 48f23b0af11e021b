# The bridge's own MAC address. A new bridge has a random MAC; as soon as it has ports it
# takes the numerically LOWEST port MAC, and re-evaluates that on every port add/remove and
# whenever a port changes its MAC (br_stp_recalculate_bridge_id). Once the bridge MAC is
# set by hand ("ip link set br0 address ...") it never follows the ports again. The bridge
# id (ip -d link: bridge_id) is priority 8000 + that MAC, printed without leading zeros.

ip link add br0 type bridge
ip link add p1 type veth peer name p1-peer address 02:00:00:00:0c:01
ip link add p2 type veth peer name p2-peer address 02:00:00:00:0c:02
ip link add p3 type veth peer name p3-peer address 02:00:00:00:0c:03
ip link set p1 address 02:00:00:00:0b:05
ip link set p2 address 02:00:00:00:0b:03
ip link set p3 address 02:00:00:00:0b:04

ip link set p1 master br0
ip link show br0
#> link/ether 02:00:00:00:0b:05 brd ff:ff:ff:ff:ff:ff
ip link set p2 master br0
ip link show br0
#> link/ether 02:00:00:00:0b:03 brd ff:ff:ff:ff:ff:ff
ip link set p3 master br0
ip link show br0
#> link/ether 02:00:00:00:0b:03 brd ff:ff:ff:ff:ff:ff
ip -d link show br0
#> bridge_id 8000.2:0:0:0:b:3 designated_root 8000.2:0:0:0:b:3

# Removing the lowest port: the next lowest (p3).
ip link set p2 nomaster
ip link show br0
#> link/ether 02:00:00:00:0b:04 brd ff:ff:ff:ff:ff:ff
# A port changing its MAC to a lower one: the bridge follows.
ip link set p1 address 02:00:00:00:0b:01
ip link show br0
#> link/ether 02:00:00:00:0b:01 brd ff:ff:ff:ff:ff:ff

# Set by hand: it stays, whatever the ports do.
ip link set br0 address 02:00:00:00:0b:99
ip link set p2 master br0
ip link set p1 nomaster
ip link show br0
#> link/ether 02:00:00:00:0b:99 brd ff:ff:ff:ff:ff:ff
ip -d link show br0
#> bridge_id 8000.2:0:0:0:b:99
