# Neighbour entries the kernel makes without ARP (net/ipv4/arp.c arp_constructor, keyed by
# __ipv4_neigh_lookup_noref / ip_neigh_gw4), all in state NOARP, which plain `ip neigh` and
# `arp -n` hide (`nud all` / `nud noarp` show them):
# * Everything sent through lo uses ONE entry keyed 0.0.0.0 (loopback and point-to-point
#   devices key by INADDR_ANY), with lo's address 00:00:00:00:00:00. `ip neigh add X dev lo`
#   writes that same entry (PERMANENT); `del X dev lo` does not find it, `del 0.0.0.0` does.
# * A subnet broadcast (the local table's broadcast route on that device) and
#   255.255.255.255 get ff:ff:ff:ff:ff:ff.
# * A multicast destination gets the mapped MAC (arp_mc_map: 01:00:5e + low 23 bits).
# * On an IFF_NOARP device (`arp off`, which flushes the device's entries) a unicast entry
#   holds the device's OWN address.
#
#   a: va 10.1.0.1/24 02:00:00:00:00:0a ---- b: vb 10.1.0.2/24 02:00:00:00:00:0b

ip netns add a
ip netns add b
ip link add va netns a address 02:00:00:00:00:0a type veth peer name vb netns b address 02:00:00:00:00:0b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb
ip -n a route add 239.0.0.0/8 dev va
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0

ip netns exec a ping -c 1 -W 1 127.0.0.1
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show dev lo
ip -n a neigh show nud all dev lo
#> 0.0.0.0 lladdr 00:00:00:00:00:00 NOARP
ip -n a -j neigh show nud noarp dev lo
#> [{"dst":"0.0.0.0","lladdr":"00:00:00:00:00:00","state":["NOARP"]}]
ip netns exec a arp -n -i lo
#> arp: in 0 entries no match found.
ip netns exec a ping -c 1 -W 1 10.1.0.1
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show nud all dev lo
#> 0.0.0.0 lladdr 00:00:00:00:00:00 NOARP

ip netns exec a ping -b -c 1 -W 1 10.1.0.255
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show nud all 10.1.0.255
#> 10.1.0.255 dev va lladdr ff:ff:ff:ff:ff:ff NOARP
ip netns exec a ping -c 1 -W 1 239.1.2.3
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show nud all 239.1.2.3
#> 239.1.2.3 dev va lladdr 01:00:5e:01:02:03 NOARP
ip -n a neigh show nud noarp 10.1.0.0/24
#> 10.1.0.255 dev va lladdr ff:ff:ff:ff:ff:ff NOARP
ip -n a neigh show 10.1.0.255
ip netns exec a arp -n 10.1.0.255
#> 10.1.0.255 (10.1.0.255) -- no entry
ip netns exec a ping -b -c 1 -W 1 -I va 255.255.255.255
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show nud all 255.255.255.255
#> 255.255.255.255 dev va lladdr ff:ff:ff:ff:ff:ff NOARP
ip -n a neigh show nud all 10.1.0.2
#> 10.1.0.2 dev va lladdr 02:00:00:00:00:0b STALE

ip -n a link set va arp off
ip -n a neigh show nud all 10.1.0.0/24
ip netns exec a ping -c 1 -W 1 10.1.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show nud all 10.1.0.2
#> 10.1.0.2 dev va lladdr 02:00:00:00:00:0a NOARP

ip -n a neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev lo
ip -n a neigh show nud all dev lo
#> 0.0.0.0 lladdr 02:00:00:00:00:07 PERMANENT
ip -n a neigh del 10.1.0.7 dev lo
#> RTNETLINK answers: No such file or directory
ip -n a neigh del 0.0.0.0 dev lo
ip -n a neigh show nud all dev lo
ip netns exec a ping -c 1 -W 1 127.0.0.1
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show nud all dev lo
#> 0.0.0.0 lladdr 00:00:00:00:00:00 NOARP
