# iprange, pkttype, length, ttl, mac, limit; NOTRACK and CT --notrack: parse errors, -L/-S
# texts, and pings whose counters show each rule hitting or missing (rules without -j only count).
ip netns add a
ip netns add b
ip -n a link add va address 02:00:00:00:00:0a type veth peer name vb address 02:00:00:00:00:0b netns b
ip -n a addr add 10.1.0.1/24 dev va
ip -n b addr add 10.1.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m iprange --src-range 10.1.0.1-10.1.0.9
ip netns exec b iptables -A INPUT -p icmp -m iprange ! --src-range 10.1.0.1-10.1.0.9
ip netns exec b iptables -A INPUT -p icmp -m iprange --dst-range 10.1.0.3-10.1.0.255
ip netns exec b iptables -A INPUT -p icmp -m pkttype --pkt-type unicast
ip netns exec b iptables -A INPUT -p icmp -m pkttype ! --pkt-type broadcast
ip netns exec b iptables -A INPUT -p icmp -m pkttype --pkt-type broadcast
ip netns exec b iptables -A INPUT -p icmp -m length --length 84
ip netns exec b iptables -A INPUT -p icmp -m length ! --length :100
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-eq 64
ip netns exec b iptables -A INPUT -p icmp -m ttl ! --ttl-eq 64
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-lt 10
ip netns exec b iptables -A INPUT -p icmp -m mac --mac-source 2:0:0:0:0:A
ip netns exec b iptables -A INPUT -p icmp -m mac ! --mac-source 02:00:00:00:00:0a
ip netns exec b iptables -A OUTPUT -p icmp -m mac --mac-source 02:00:00:00:00:0a
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain OUTPUT
ip netns exec b iptables -A OUTPUT -m iprange --dst-range 10.1.0.9-10.1.0.1
#> xt_iprange: range 10.1.0.9-10.1.0.1 is reversed and will never match
ip netns exec b iptables -A OUTPUT -m iprange --dst-range 10.1.0.1-
#> iptables v1.8.9 (nf_tables): iprange: Bad value for "--dst-range" option: ""
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec b iptables -A OUTPUT -m pkttype --pkt-type outgoing
#> iptables v1.8.9 (nf_tables): Bad packet type 'outgoing'
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec b iptables -A OUTPUT -m length --length 70000
#> iptables v1.8.9 (nf_tables): length: bad value for option "--length" near "70000", or out of range (0-65535).
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec b iptables -A OUTPUT -m ttl ! --ttl-gt 5
#> iptables v1.8.9 (nf_tables): ttl: option "--ttl-gt" cannot be inverted.
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec b iptables -A OUTPUT -m mac --mac-source 02:00:00:00:00
#> iptables v1.8.9 (nf_tables): Invalid MAC address specified.
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec b iptables -S
#> -P INPUT ACCEPT
#> -P FORWARD ACCEPT
#> -P OUTPUT ACCEPT
#> -A INPUT -p icmp -m iprange --src-range 10.1.0.1-10.1.0.9
#> -A INPUT -p icmp -m iprange ! --src-range 10.1.0.1-10.1.0.9
#> -A INPUT -p icmp -m iprange --dst-range 10.1.0.3-10.1.0.255
#> -A INPUT -p icmp -m pkttype --pkt-type unicast
#> -A INPUT -p icmp -m pkttype ! --pkt-type broadcast
#> -A INPUT -p icmp -m pkttype --pkt-type broadcast
#> -A INPUT -p icmp -m length --length 84
#> -A INPUT -p icmp -m length ! --length 0:100
#> -A INPUT -p icmp -m ttl --ttl-eq 64
#> -A INPUT -p icmp -m ttl ! --ttl-eq 64
#> -A INPUT -p icmp -m ttl --ttl-lt 10
#> -A INPUT -p icmp -m mac --mac-source 02:00:00:00:00:0a
#> -A INPUT -p icmp -m mac ! --mac-source 02:00:00:00:00:0a
#> -A OUTPUT -m iprange --dst-range 10.1.0.9-10.1.0.1
ip netns exec b iptables -L INPUT -n
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#>            1    --  0.0.0.0/0            0.0.0.0/0            source IP range 10.1.0.1-10.1.0.9
#>            1    --  0.0.0.0/0            0.0.0.0/0            source IP range ! 10.1.0.1-10.1.0.9
#>            1    --  0.0.0.0/0            0.0.0.0/0            destination IP range 10.1.0.3-10.1.0.255
#>            1    --  0.0.0.0/0            0.0.0.0/0            PKTTYPE = unicast
#>            1    --  0.0.0.0/0            0.0.0.0/0            PKTTYPE != broadcast
#>            1    --  0.0.0.0/0            0.0.0.0/0            PKTTYPE = broadcast
#>            1    --  0.0.0.0/0            0.0.0.0/0            length 84
#>            1    --  0.0.0.0/0            0.0.0.0/0            length !0:100
#>            1    --  0.0.0.0/0            0.0.0.0/0            TTL match TTL == 64
#>            1    --  0.0.0.0/0            0.0.0.0/0            TTL match TTL != 64
#>            1    --  0.0.0.0/0            0.0.0.0/0            TTL match TTL < 10
#>            1    --  0.0.0.0/0            0.0.0.0/0            MAC 02:00:00:00:00:0a
#>            1    --  0.0.0.0/0            0.0.0.0/0            MAC ! 02:00:00:00:00:0a
ip netns exec a ping -c 1 -W 1 10.1.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -W 1 -s 200 10.1.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -W 1 -t 5 10.1.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -b -c 1 -W 1 10.1.0.255
#> WARNING: pinging broadcast address
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec b iptables -L INPUT -n -v -x
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        4      480            1    --  *      *       0.0.0.0/0            0.0.0.0/0            source IP range 10.1.0.1-10.1.0.9
#>        0        0            1    --  *      *       0.0.0.0/0            0.0.0.0/0            source IP range ! 10.1.0.1-10.1.0.9
#>        1       84            1    --  *      *       0.0.0.0/0            0.0.0.0/0            destination IP range 10.1.0.3-10.1.0.255
#>        3      396            1    --  *      *       0.0.0.0/0            0.0.0.0/0            PKTTYPE = unicast
#>        3      396            1    --  *      *       0.0.0.0/0            0.0.0.0/0            PKTTYPE != broadcast
#>        1       84            1    --  *      *       0.0.0.0/0            0.0.0.0/0            PKTTYPE = broadcast
#>        3      252            1    --  *      *       0.0.0.0/0            0.0.0.0/0            length 84
#>        1      228            1    --  *      *       0.0.0.0/0            0.0.0.0/0            length !0:100
#>        3      396            1    --  *      *       0.0.0.0/0            0.0.0.0/0            TTL match TTL == 64
#>        1       84            1    --  *      *       0.0.0.0/0            0.0.0.0/0            TTL match TTL != 64
#>        1       84            1    --  *      *       0.0.0.0/0            0.0.0.0/0            TTL match TTL < 10
#>        4      480            1    --  *      *       0.0.0.0/0            0.0.0.0/0            MAC 02:00:00:00:00:0a
#>        0        0            1    --  *      *       0.0.0.0/0            0.0.0.0/0            MAC ! 02:00:00:00:00:0a
ip netns exec b iptables -L OUTPUT -n -v -x
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        0        0            0    --  *      *       0.0.0.0/0            0.0.0.0/0            destination IP range 10.1.0.9-10.1.0.1

# NOTRACK and CT --notrack (raw table, PREROUTING/OUTPUT only): the echo request d receives
# and the one d sends go on untracked; the replies find no connection (INVALID).
ip netns add c
ip netns add d
ip -n c link add vc address 02:00:00:00:00:0c type veth peer name vd address 02:00:00:00:00:0d netns d
ip -n c addr add 10.2.0.1/24 dev vc
ip -n d addr add 10.2.0.2/24 dev vd
ip -n c link set vc up
ip -n d link set vd up
ip netns exec d iptables -A INPUT -j NOTRACK
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT
ip netns exec d iptables -t mangle -A PREROUTING -j CT --notrack
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING
ip netns exec d iptables -t raw -A POSTROUTING -j NOTRACK
#> iptables: No chain/target/match by that name.
ip netns exec d iptables -t raw -A OUTPUT -j CT ! --notrack
#> iptables v1.8.9 (nf_tables): CT: option "--notrack" cannot be inverted.
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -t raw -A OUTPUT -j NOTRACK --notrack
#> iptables v1.8.9 (nf_tables): unknown option "--notrack"
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -t raw -A PREROUTING -p icmp --icmp-type echo-request -j NOTRACK
ip netns exec d iptables -t raw -A OUTPUT -p icmp --icmp-type echo-request -j CT --notrack
ip netns exec d iptables -A INPUT -m conntrack --ctstate UNTRACKED
ip netns exec d iptables -A INPUT -m state --state INVALID
ip netns exec d iptables -A OUTPUT -m state --state UNTRACKED
ip netns exec d iptables -A OUTPUT -m conntrack --ctstate INVALID
ip netns exec d iptables -t raw -S
#> -P PREROUTING ACCEPT
#> -P OUTPUT ACCEPT
#> -A PREROUTING -p icmp -m icmp --icmp-type 8 -j NOTRACK
#> -A OUTPUT -p icmp -m icmp --icmp-type 8 -j CT --notrack
ip netns exec d iptables -t raw -L -n
#> Chain PREROUTING (policy ACCEPT)
#> target     prot opt source               destination
#> CT         1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8 NOTRACK
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
#> CT         1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8 CT notrack
ip netns exec c ping -c 1 -W 1 10.2.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec d ping -c 1 -W 1 10.2.0.1
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec d iptables -t raw -L -n -v -x
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        1       84 CT         1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 8 NOTRACK
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        1       84 CT         1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 8 CT notrack
ip netns exec d iptables -L -n -v -x
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        1       84            0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate UNTRACKED
#>        1       84            0    --  *      *       0.0.0.0/0            0.0.0.0/0            state INVALID
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        1       84            0    --  *      *       0.0.0.0/0            0.0.0.0/0            state UNTRACKED
#>        1       84            0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate INVALID
ip netns exec d conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec d iptables -t raw -D PREROUTING -p icmp --icmp-type echo-request -j CT --notrack
#> iptables: Bad rule (does a matching rule exist in that chain?).
ip netns exec d iptables -t raw -D OUTPUT -p icmp --icmp-type echo-request -j CT --notrack
ip netns exec d iptables-save -t raw
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *raw
#> :PREROUTING ACCEPT [0:0]
#> :OUTPUT ACCEPT [0:0]
#> -A PREROUTING -p icmp -m icmp --icmp-type 8 -j NOTRACK
#> COMMIT
#> # Completed on

# -m limit (iptables-nft makes it nftables' limit: a token bucket in nanoseconds): five echo
# requests 0.2 s apart against 1/sec burst 2, 2/sec burst 1 and 2/min (burst 5).
ip netns exec d iptables -A INPUT -p icmp -m limit ! --limit 1/sec
#> iptables v1.8.9 (nf_tables): limit: option "--limit" cannot be inverted.
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -A INPUT -p icmp -m limit --limit 20000/sec
#> iptables v1.8.9 (nf_tables): Rate too fast "20000/sec"
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -A INPUT -p icmp -m limit --limit 3/week
#> iptables v1.8.9 (nf_tables): bad rate "3/week"'
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -A INPUT -p icmp -m limit --limit-burst 10001
#> iptables v1.8.9 (nf_tables): limit: bad value for option "--limit-burst", or out of range (0-10000).
#> Try `iptables -h' or 'iptables --help' for more information.
ip netns exec d iptables -A INPUT -p icmp -m limit --limit 1/sec --limit-burst 2
ip netns exec d iptables -A INPUT -p icmp -m limit --limit 2/s --limit-burst 1
ip netns exec d iptables -A INPUT -p icmp -m limit --limit 2/minute
ip netns exec d iptables -S INPUT
#> -P INPUT ACCEPT
#> -A INPUT -m conntrack --ctstate UNTRACKED
#> -A INPUT -m state --state INVALID
#> -A INPUT -p icmp -m limit --limit 1/sec --limit-burst 2
#> -A INPUT -p icmp -m limit --limit 2/sec --limit-burst 1
#> -A INPUT -p icmp -m limit --limit 2/min
ip netns exec c ping -c 5 -i 0.2 -W 1 10.2.0.2
#> 5 packets transmitted, 5 received, 0% packet loss
ip netns exec d iptables -L INPUT -n -v -x
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        6      504            0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate UNTRACKED
#>        1       84            0    --  *      *       0.0.0.0/0            0.0.0.0/0            state INVALID
#>        2      168            1    --  *      *       0.0.0.0/0            0.0.0.0/0            limit: avg 1/sec burst 2
#>        2      168            1    --  *      *       0.0.0.0/0            0.0.0.0/0            limit: avg 2/sec burst 1
#>        5      420            1    --  *      *       0.0.0.0/0            0.0.0.0/0            limit: avg 2/min burst 5

# NAT leaves an untracked packet alone: the DNAT rule never sees the echo request.
ip netns exec d iptables -t nat -A PREROUTING -p icmp -j DNAT --to-destination 10.2.0.99
ip netns exec c ping -c 1 -W 1 10.2.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec d iptables -t nat -L PREROUTING -n -v -x
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        0        0 DNAT       1    --  *      *       0.0.0.0/0            0.0.0.0/0            to:10.2.0.99
ip netns exec d conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.

# The same matches and targets through iptables-restore.
ip netns add e
ip netns exec e iptables-restore iptables/more-matches.rules
#> xt_iprange: range 10.0.0.9-10.0.0.1 is reversed and will never match
ip netns exec e iptables-save
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *raw
#> :PREROUTING ACCEPT [0:0]
#> :OUTPUT ACCEPT [0:0]
#> -A PREROUTING -p icmp -j NOTRACK
#> -A OUTPUT -j CT --notrack
#> COMMIT
#> # Completed on
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *filter
#> :INPUT ACCEPT [0:0]
#> :FORWARD ACCEPT [0:0]
#> :OUTPUT ACCEPT [0:0]
#> -A INPUT -m iprange --src-range 10.0.0.9-10.0.0.1
#> -A INPUT -m limit --limit 5/min --limit-burst 7
#> -A INPUT -m mac --mac-source 02:00:00:00:00:01 -m ttl --ttl-gt 3 -m length --length 10:20 -m pkttype --pkt-type multicast
#> COMMIT
#> # Completed on
