# Seed 002's NAT experiment: containers behind a router reach "the internet" (a namespace
# with an address from TEST-NET-3, 203.0.113.0/24) only once the router masquerades them.
# Without NAT the echo request gets there, but the internet has no route back to 10.0.1.0/24.
# With MASQUERADE the router rewrites the source to its own outside address (picked by
# inet_select_addr toward the next hop) on the first packet of the connection and every
# later packet, and the reply back to the container (conntrack keeps the binding).

ip netns add c1
ip netns add router
ip netns add inet
ip -n router link add eth1 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:01:02 netns c1
ip -n router link add eth2 address 02:00:00:00:02:01 type veth peer name eth0 address 02:00:00:00:02:02 netns inet
ip -n router addr add 10.0.1.1/24 dev eth1
ip -n router addr add 203.0.113.1/24 dev eth2
ip -n c1 addr add 10.0.1.2/24 dev eth0
ip -n inet addr add 203.0.113.9/24 dev eth0
ip -n router link set eth1 up
ip -n router link set eth2 up
ip -n c1 link set eth0 up
ip -n inet link set eth0 up
ip -n c1 route add default via 10.0.1.1
ip netns exec router sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec c1 ping -c 1 -W 1 203.0.113.9
ip netns exec router iptables -t nat -A POSTROUTING -s 10.0.1.0/24 -o eth2 -j MASQUERADE
ip netns exec c1 ping -c 2 -i 0.2 -W 1 203.0.113.9
ip netns exec router conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.
#> src=10.0.1.2 dst=203.0.113.9 type=8 code=0 id=
ip netns exec router iptables -t nat -L -n -v
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    84 MASQUERADE  0    --  *      eth2    10.0.1.0/24          0.0.0.0/0
ip netns exec router iptables -t nat -S
#> -P PREROUTING ACCEPT
#> -P INPUT ACCEPT
#> -P OUTPUT ACCEPT
#> -P POSTROUTING ACCEPT
#> -A POSTROUTING -s 10.0.1.0/24 -o eth2 -j MASQUERADE
ip netns exec router conntrack -F
#> conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.
ip netns exec router conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
