# REDIRECT and ICMP errors through NAT.
# A router masquerades its inside network; a UDP probe from inside to a closed port on the
# outside host gets ICMP port unreachable, which the router translates back (the error's own
# destination and the datagram it quotes, nf_nat_icmp_reply_translation), so the sender's
# socket sees ECONNREFUSED. On the router, a REDIRECT sends datagrams for port 53 to its own
# UDP listener on 8053.

ip netns add inside
ip netns add router
ip netns add outside
ip -n router link add eth1 address 02:00:00:00:01:01 type veth peer name eth0 address 02:00:00:00:01:02 netns inside
ip -n router link add eth2 address 02:00:00:00:02:01 type veth peer name eth0 address 02:00:00:00:02:02 netns outside
ip -n router addr add 10.0.1.1/24 dev eth1
ip -n router addr add 203.0.113.1/24 dev eth2
ip -n inside addr add 10.0.1.2/24 dev eth0
ip -n outside addr add 203.0.113.9/24 dev eth0
ip -n router link set eth1 up
ip -n router link set eth2 up
ip -n router link set lo up
ip -n inside link set eth0 up
ip -n outside link set eth0 up
ip -n inside route add default via 10.0.1.1
ip netns exec router sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec router iptables -t nat -A POSTROUTING -s 10.0.1.0/24 -o eth2 -j MASQUERADE
ip netns exec router iptables -t nat -A PREROUTING -i eth1 -p udp --dport 53 -j REDIRECT --to-ports 8053
ip netns exec router setsid -f nc -l -u -p 8053
sleep 0.2
ip netns exec inside nc -u -z -v -w 1 203.0.113.9 9999
ip netns exec inside nc -u -z -v -w 1 198.51.100.7 53
#> Connection to 198.51.100.7 53 port [udp/domain] succeeded!
sleep 1.5
ip netns exec router conntrack -L -p udp
#> conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
ip netns exec router iptables -t nat -L -n -v
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    29 REDIRECT   17   --  eth1   *       0.0.0.0/0            0.0.0.0/0            udp dpt:53 redir ports 8053
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    29 MASQUERADE  0    --  *      eth2    10.0.1.0/24          0.0.0.0/0
