# Port forwarding and source NAT on a router, and a TCP reset from a firewall rule.
# "inside" (10.0.1.2) runs a listener on 8080; the router forwards its outside port 80 to it
# (DNAT with a port), rewrites inside sources to its fixed outside address (SNAT
# --to-source), and rejects forwarded connections to port 22 with a TCP reset
# (REJECT --reject-with tcp-reset, sent by nf_send_reset from the address the SYN was for).

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
ip -n inside link set eth0 up
ip -n inside link set lo up
ip -n outside link set eth0 up
ip -n inside route add default via 10.0.1.1
ip -n outside route add 10.0.1.0/24 via 203.0.113.1
ip netns exec router sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec router iptables -t nat -A PREROUTING -i eth2 -p tcp --dport 80 -j DNAT --to-destination 10.0.1.2:8080
ip netns exec router iptables -t nat -A POSTROUTING -o eth2 -s 10.0.1.0/24 -j SNAT --to-source 203.0.113.1
ip netns exec router iptables -A FORWARD -i eth2 -p tcp --dport 22 -j REJECT --reject-with tcp-reset
ip netns exec inside setsid -f nc -l -k -p 8080
sleep 0.2
ip netns exec outside nc -z -v -w 2 203.0.113.1 80
#> Connection to 203.0.113.1 80 port [tcp/http] succeeded!
ip netns exec outside nc -z -v -w 2 10.0.1.2 22
#> nc: connect to 10.0.1.2 port 22 (tcp) failed: Connection refused
ip netns exec inside ping -c 1 -W 1 203.0.113.9
sleep 1.5
ip netns exec router conntrack -L -p icmp
#> conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.
#> src=10.0.1.2 dst=203.0.113.9 type=8 code=0 id=
ip netns exec router iptables -t nat -L -n -v
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    60 DNAT       6    --  eth2   *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80 to:10.0.1.2:8080
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     2   124 SNAT       0    --  *      eth2    10.0.1.0/24          0.0.0.0/0            to:203.0.113.1
ip netns exec router iptables -L FORWARD -n -v
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    60 REJECT     6    --  eth2   *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22 reject-with tcp-reset
ip netns exec router iptables -t nat -S
#> -P PREROUTING ACCEPT
#> -P INPUT ACCEPT
#> -P OUTPUT ACCEPT
#> -P POSTROUTING ACCEPT
#> -A PREROUTING -i eth2 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.1.2:8080
#> -A POSTROUTING -s 10.0.1.0/24 -o eth2 -j SNAT --to-source 203.0.113.1
