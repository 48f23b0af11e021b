# "ip link set DEV arp off" sets IFF_NOARP. The device no longer sends or answers ARP, and
# its neighbour entries are created in state NOARP without resolution; on an Ethernet
# device the kernel then uses the device's OWN MAC as destination (arp_constructor copies
# dev_addr), so the peer discards the frames (not addressed to it): 100% loss. The peer's
# ARP requests get no answer either: its entry for a goes FAILED. "arp on" again restores
# normal operation (the NOARP entries are flushed when the flag changes).
#
#   a (10.0.0.1, 02:00:00:00:00:01) ---- (10.0.0.2, 02:00:00:00:00:02) b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

ip -n a link set eth0 arp off
ip -n a link show eth0
#> eth0@if2: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500
ip netns exec a ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show nud all 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:01 NOARP
ip netns exec b ping -c 1 -W 1 10.0.0.1
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3
ip -n b neigh show 10.0.0.1
#> 10.0.0.1 dev eth0 FAILED

ip -n a link set eth0 arp on
ip -n a link show eth0
#> eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500
ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE
