# Every modelled match and target as -S and -L (-n) print it.

iptables -N USER
iptables -A INPUT -p tcp --sport :1024 --dport 5: -j ACCEPT
iptables -A INPUT ! -p tcp -j ACCEPT
iptables -A INPUT -p 47 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type 3/4 -j ACCEPT
iptables -A INPUT -p icmp ! --icmp-type 8 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type any -j ACCEPT
iptables -A INPUT -p tcp --syn -j ACCEPT
iptables -A INPUT -p tcp --tcp-flags SYN,ACK,FIN ACK -j ACCEPT
iptables -A INPUT -m conntrack ! --ctstate INVALID -j ACCEPT
iptables -A INPUT -m state --state NEW,ESTABLISHED -j ACCEPT
iptables -A INPUT -m mark ! --mark 0x10/0xf0 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT
iptables -A INPUT -p udp -m multiport ! --sports 53,67 -j ACCEPT
iptables -A INPUT -m addrtype ! --src-type LOCAL,BROADCAST --limit-iface-in -j ACCEPT
iptables -A INPUT -m comment --comment "hello world" -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0.333 -j ACCEPT
iptables -A INPUT -m statistic --mode nth --every 3 --packet 1 -j ACCEPT
iptables -A INPUT -f -j DROP
iptables -A INPUT -g USER
iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
iptables -A INPUT -j REJECT --reject-with icmp-host-prohibited
iptables -A INPUT -j LOG --log-prefix "IN: " --log-level debug
iptables -A INPUT -j MARK --set-mark 0x1
iptables -A INPUT -j MARK --and-mark 0x4
iptables -A INPUT -j CONNMARK --save-mark --mask 0xff
iptables -A INPUT -j CONNMARK --restore-mark
iptables -A FORWARD ! -i eth0 -o veth+ -j ACCEPT
iptables -A FORWARD -m physdev --physdev-in veth0 --physdev-out veth1 -j ACCEPT
iptables -A FORWARD -m physdev ! --physdev-is-in --physdev-is-out -j ACCEPT
iptables -A USER -j RETURN
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.10:1000-2000 --random --persistent
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80
iptables -t nat -A OUTPUT -p udp -j REDIRECT --to-ports 53
iptables -S
#> -P INPUT ACCEPT
#> -P FORWARD ACCEPT
#> -P OUTPUT ACCEPT
#> -N USER
#> -A INPUT -p tcp -m tcp --sport 0:1024 --dport 5:65535 -j ACCEPT
#> -A INPUT ! -p tcp -j ACCEPT
#> -A INPUT -p gre -j ACCEPT
#> -A INPUT -p icmp -m icmp --icmp-type 3/4 -j ACCEPT
#> -A INPUT -p icmp -m icmp ! --icmp-type 8 -j ACCEPT
#> -A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT
#> -A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT
#> -A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,ACK ACK -j ACCEPT
#> -A INPUT -m conntrack ! --ctstate INVALID -j ACCEPT
#> -A INPUT -m state --state NEW,ESTABLISHED -j ACCEPT
#> -A INPUT -m mark ! --mark 0x10/0xf0 -j ACCEPT
#> -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT
#> -A INPUT -p udp -m multiport ! --sports 53,67 -j ACCEPT
#> -A INPUT -m addrtype ! --src-type LOCAL,BROADCAST --limit-iface-in -j ACCEPT
#> -A INPUT -m comment --comment "hello world" -j ACCEPT
#> -A INPUT -m statistic --mode random --probability 0.33300000010 -j ACCEPT
#> -A INPUT -m statistic --mode nth --every 3 --packet 1 -j ACCEPT
#> -A INPUT -f -j DROP
#> -A INPUT -g USER
#> -A INPUT -p tcp -j REJECT --reject-with tcp-reset
#> -A INPUT -j REJECT --reject-with icmp-host-prohibited
#> -A INPUT -j LOG --log-prefix "IN: " --log-level 7
#> -A INPUT -j MARK --set-xmark 0x1/0xffffffff
#> -A INPUT -j MARK --set-xmark 0x0/0xfffffffb
#> -A INPUT -j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff
#> -A INPUT -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff
#> -A FORWARD ! -i eth0 -o veth+ -j ACCEPT
#> -A FORWARD -m physdev --physdev-in veth0 --physdev-out veth1 -j ACCEPT
#> -A FORWARD -m physdev ! --physdev-is-in --physdev-is-out -j ACCEPT
#> -A USER -j RETURN
iptables -L
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> ACCEPT     tcp  --  anywhere             anywhere             tcp spts:0:1024 dpts:5:65535
#> ACCEPT    !tcp  --  anywhere             anywhere
#> ACCEPT     gre  --  anywhere             anywhere
#> ACCEPT     icmp --  anywhere             anywhere             icmp fragmentation-needed
#> ACCEPT     icmp --  anywhere             anywhere             icmp !echo-request
#> ACCEPT     icmp --  anywhere             anywhere             icmp any
#> ACCEPT     tcp  --  anywhere             anywhere             tcp flags:FIN,SYN,RST,ACK/SYN
#> ACCEPT     tcp  --  anywhere             anywhere             tcp flags:FIN,SYN,ACK/ACK
#> ACCEPT     all  --  anywhere             anywhere             ! ctstate INVALID
#> ACCEPT     all  --  anywhere             anywhere             state NEW,ESTABLISHED
#> ACCEPT     all  --  anywhere             anywhere             mark match ! 0x10/0xf0
#> ACCEPT     tcp  --  anywhere             anywhere             multiport dports http,https,8000:http-alt
#> ACCEPT     udp  --  anywhere             anywhere             multiport sports  !domain,bootps
#> ACCEPT     all  --  anywhere             anywhere             ADDRTYPE match src-type !LOCAL,BROADCAST limit-in
#> ACCEPT     all  --  anywhere             anywhere             /* hello world */
#> ACCEPT     all  --  anywhere             anywhere             statistic mode random probability 0.33300000010
#> ACCEPT     all  --  anywhere             anywhere             statistic mode nth every 3 packet 1
#> DROP       all  -f  anywhere             anywhere
#> USER       all  --  anywhere             anywhere            [goto]
#> REJECT     tcp  --  anywhere             anywhere             reject-with tcp-reset
#> REJECT     all  --  anywhere             anywhere             reject-with icmp-host-prohibited
#> LOG        all  --  anywhere             anywhere             LOG level debug prefix "IN: "
#> MARK       all  --  anywhere             anywhere             MARK set 0x1
#> MARK       all  --  anywhere             anywhere             MARK and 0x4
#> CONNMARK   all  --  anywhere             anywhere             CONNMARK save mask 0xff
#> CONNMARK   all  --  anywhere             anywhere             CONNMARK restore
#> Chain FORWARD (policy ACCEPT)
#> target     prot opt source               destination
#> ACCEPT     all  --  anywhere             anywhere
#> ACCEPT     all  --  anywhere             anywhere             PHYSDEV match --physdev-in veth0 --physdev-out veth1
#> ACCEPT     all  --  anywhere             anywhere             PHYSDEV match ! --physdev-is-in --physdev-is-out
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain USER (1 references)
#> target     prot opt source               destination
#> RETURN     all  --  anywhere             anywhere
iptables -L -n -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp spts:0:1024 dpts:5:65535
#>     0     0 ACCEPT    !6    --  *      *       0.0.0.0/0            0.0.0.0/0
#>     0     0 ACCEPT     47   --  *      *       0.0.0.0/0            0.0.0.0/0
#>     0     0 ACCEPT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 3 code 4
#>     0     0 ACCEPT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmp !type 8
#>     0     0 ACCEPT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 255
#>     0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp flags:0x17/0x02
#>     0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp flags:0x13/0x10
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ! ctstate INVALID
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            state NEW,ESTABLISHED
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            mark match ! 0x10/0xf0
#>     0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            multiport dports 80,443,8000:8080
#>     0     0 ACCEPT     17   --  *      *       0.0.0.0/0            0.0.0.0/0            multiport sports  !53,67
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ADDRTYPE match src-type !LOCAL,BROADCAST limit-in
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* hello world */
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            statistic mode random probability 0.33300000010
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            statistic mode nth every 3 packet 1
#>     0     0 DROP       0    -f  *      *       0.0.0.0/0            0.0.0.0/0
#>     0     0 USER       0    --  *      *       0.0.0.0/0            0.0.0.0/0           [goto]
#>     0     0 REJECT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            reject-with tcp-reset
#>     0     0 REJECT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            reject-with icmp-host-prohibited
#>     0     0 LOG        0    --  *      *       0.0.0.0/0            0.0.0.0/0            LOG flags 0 level 7 prefix "IN: "
#>     0     0 MARK       0    --  *      *       0.0.0.0/0            0.0.0.0/0            MARK set 0x1
#>     0     0 MARK       0    --  *      *       0.0.0.0/0            0.0.0.0/0            MARK and 0x4
#>     0     0 CONNMARK   0    --  *      *       0.0.0.0/0            0.0.0.0/0            CONNMARK save mask 0xff
#>     0     0 CONNMARK   0    --  *      *       0.0.0.0/0            0.0.0.0/0            CONNMARK restore
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 ACCEPT     0    --  !eth0  veth+   0.0.0.0/0            0.0.0.0/0
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            PHYSDEV match --physdev-in veth0 --physdev-out veth1
#>     0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            PHYSDEV match ! --physdev-is-in --physdev-is-out
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain USER (1 references)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0
iptables -t nat -S
#> -P PREROUTING ACCEPT
#> -P INPUT ACCEPT
#> -P OUTPUT ACCEPT
#> -P POSTROUTING ACCEPT
#> -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80
#> -A OUTPUT -p udp -j REDIRECT --to-ports 53
#> -A POSTROUTING -o eth0 -j MASQUERADE
#> -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000 --random
#> -A POSTROUTING -p tcp -j SNAT --to-source 1.2.3.4-1.2.3.10:1000-2000 --random --persistent
iptables -t nat -L
#> Chain PREROUTING (policy ACCEPT)
#> target     prot opt source               destination
#> DNAT       tcp  --  anywhere             anywhere             to:10.0.0.1:80
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
#> REDIRECT   udp  --  anywhere             anywhere             redir ports 53
#> Chain POSTROUTING (policy ACCEPT)
#> target     prot opt source               destination
#> MASQUERADE  all  --  anywhere             anywhere
#> MASQUERADE  tcp  --  anywhere             anywhere             masq ports: 1000-2000 random
#> SNAT       tcp  --  anywhere             anywhere             to:1.2.3.4-1.2.3.10:1000-2000 random persistent
iptables -t nat -L -n -v
#> Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 DNAT       6    --  *      *       0.0.0.0/0            0.0.0.0/0            to:10.0.0.1:80
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 REDIRECT   17   --  *      *       0.0.0.0/0            0.0.0.0/0            redir ports 53
#> Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 MASQUERADE  0    --  *      eth0    0.0.0.0/0            0.0.0.0/0
#>     0     0 MASQUERADE  6    --  *      *       0.0.0.0/0            0.0.0.0/0            masq ports: 1000-2000 random
#>     0     0 SNAT       6    --  *      *       0.0.0.0/0            0.0.0.0/0            to:1.2.3.4-1.2.3.10:1000-2000 random persistent
