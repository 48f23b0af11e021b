# Connection tracking stays off in a namespace until a rule needs it (nf_ct_netns_get from
# -m conntrack, -m state, and the NAT and CONNMARK targets): traffic before that, or with only
# plain filter rules, leaves no entries. Listing the nat table does not turn it on; a NAT rule
# does, and flushing that rule turns it off again (entries already made stay until they
# time out or are flushed).

ip netns add a
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec a iptables -A INPUT -p icmp -j ACCEPT
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec a iptables -t nat -L -n
#> Chain PREROUTING (policy ACCEPT)
#> target     prot opt source               destination
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain POSTROUTING (policy ACCEPT)
#> target     prot opt source               destination
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec a iptables -t nat -A POSTROUTING -o eth9 -j MASQUERADE
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.
#> src=127.0.0.1 dst=127.0.0.1 type=8 code=0 id=
ip netns exec a conntrack -F
#> conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.
ip netns exec a iptables -t nat -F
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec a iptables -A OUTPUT -m state --state NEW,ESTABLISHED
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a conntrack -C
#> 1
ip netns exec a iptables -L OUTPUT -n -v
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     2   168            0    --  *      *       0.0.0.0/0            0.0.0.0/0            state NEW,ESTABLISHED
