# iptables listing formats on a fresh namespace and after a few rules: -L with and without
# -v -n -x --line-numbers, -S, iptables-save (v1.8.9 nf_tables; -n prints the protocol as a number).

# A fresh namespace: filter shows its chains, but no table exists yet, so iptables-save prints nothing.
iptables -L
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain FORWARD (policy ACCEPT)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
iptables -L -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
iptables -L -n -v -x --line-numbers
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#> num      pkts      bytes target     prot opt in     out     source               destination
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#> num      pkts      bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#> num      pkts      bytes target     prot opt in     out     source               destination
iptables -S
#> -P INPUT ACCEPT
#> -P FORWARD ACCEPT
#> -P OUTPUT ACCEPT
iptables -t nat -L
#> Chain PREROUTING (policy ACCEPT)
#> target     prot opt source               destination
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
#> Chain POSTROUTING (policy ACCEPT)
#> target     prot opt source               destination
iptables -t raw -S
#> -P PREROUTING ACCEPT
#> -P OUTPUT ACCEPT
iptables-save

# The seed-001 rule: the address is masked to its /24, the port gets -m tcp.
iptables -A INPUT -s 10.20.30.40/24 -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp --sport 53 -j DROP
iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
iptables -A INPUT -p tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -P FORWARD DROP
iptables -L
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> ACCEPT     tcp  --  10.20.30.0/24        anywhere             tcp dpt:ssh
#> ACCEPT     all  --  anywhere             anywhere
#> DROP       udp  -- !10.0.0.0/8          !192.168.1.1          udp spt:domain
#> ACCEPT     icmp --  anywhere             anywhere             icmp echo-request
#> ACCEPT     tcp  --  anywhere             anywhere             tcp dpts:!1000:cisco-sccp ctstate RELATED,ESTABLISHED
#> Chain FORWARD (policy DROP)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
iptables -L -n
#> Chain INPUT (policy ACCEPT)
#> target     prot opt source               destination
#> ACCEPT     6    --  10.20.30.0/24        0.0.0.0/0            tcp dpt:22
#> ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0
#> DROP       17   -- !10.0.0.0/8          !192.168.1.1          udp spt:53
#> ACCEPT     1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8
#> ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp dpts:!1000:2000 ctstate RELATED,ESTABLISHED
#> Chain FORWARD (policy DROP)
#> target     prot opt source               destination
#> Chain OUTPUT (policy ACCEPT)
#> target     prot opt source               destination
iptables -L -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 ACCEPT     tcp  --  any    any     10.20.30.0/24        anywhere             tcp dpt:ssh
#>     0     0 ACCEPT     all  --  lo     any     anywhere             anywhere
#>     0     0 DROP       udp  --  any    any    !10.0.0.0/8          !192.168.1.1          udp spt:domain
#>     0     0 ACCEPT     icmp --  any    any     anywhere             anywhere             icmp echo-request
#>     0     0 ACCEPT     tcp  --  any    any     anywhere             anywhere             tcp dpts:!1000:cisco-sccp ctstate RELATED,ESTABLISHED
#> Chain FORWARD (policy DROP 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
iptables -L -n -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 ACCEPT     6    --  *      *       10.20.30.0/24        0.0.0.0/0            tcp dpt:22
#>     0     0 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0
#>     0     0 DROP       17   --  *      *      !10.0.0.0/8          !192.168.1.1          udp spt:53
#>     0     0 ACCEPT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 8
#>     0     0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpts:!1000:2000 ctstate RELATED,ESTABLISHED
#> Chain FORWARD (policy DROP 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
iptables -L -v -x
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#>        0        0 ACCEPT     tcp  --  any    any     10.20.30.0/24        anywhere             tcp dpt:ssh
#>        0        0 ACCEPT     all  --  lo     any     anywhere             anywhere
#>        0        0 DROP       udp  --  any    any    !10.0.0.0/8          !192.168.1.1          udp spt:domain
#>        0        0 ACCEPT     icmp --  any    any     anywhere             anywhere             icmp echo-request
#>        0        0 ACCEPT     tcp  --  any    any     anywhere             anywhere             tcp dpts:!1000:cisco-sccp ctstate RELATED,ESTABLISHED
#> Chain FORWARD (policy DROP 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>     pkts      bytes target     prot opt in     out     source               destination
iptables -L INPUT -n --line-numbers
#> Chain INPUT (policy ACCEPT)
#> num  target     prot opt source               destination
#> 1    ACCEPT     6    --  10.20.30.0/24        0.0.0.0/0            tcp dpt:22
#> 2    ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0
#> 3    DROP       17   -- !10.0.0.0/8          !192.168.1.1          udp spt:53
#> 4    ACCEPT     1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8
#> 5    ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp dpts:!1000:2000 ctstate RELATED,ESTABLISHED
iptables -L INPUT 2
#> ACCEPT     all  --  anywhere             anywhere
iptables -S
#> -P INPUT ACCEPT
#> -P FORWARD DROP
#> -P OUTPUT ACCEPT
#> -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
#> -A INPUT -i lo -j ACCEPT
#> -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp -m udp --sport 53 -j DROP
#> -A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
#> -A INPUT -p tcp -m tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -S INPUT
#> -P INPUT ACCEPT
#> -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
#> -A INPUT -i lo -j ACCEPT
#> -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp -m udp --sport 53 -j DROP
#> -A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
#> -A INPUT -p tcp -m tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -S INPUT 1
#> -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
iptables -S -v
#> -P INPUT ACCEPT -c 0 0
#> -P FORWARD DROP -c 0 0
#> -P OUTPUT ACCEPT -c 0 0
#> -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -c 0 0 -j ACCEPT
#> -A INPUT -i lo -c 0 0 -j ACCEPT
#> -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp -m udp --sport 53 -c 0 0 -j DROP
#> -A INPUT -p icmp -m icmp --icmp-type 8 -c 0 0 -j ACCEPT
#> -A INPUT -p tcp -m tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -c 0 0 -j ACCEPT
iptables-save
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *filter
#> :INPUT ACCEPT [0:0]
#> :FORWARD DROP [0:0]
#> :OUTPUT ACCEPT [0:0]
#> -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
#> -A INPUT -i lo -j ACCEPT
#> -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp -m udp --sport 53 -j DROP
#> -A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
#> -A INPUT -p tcp -m tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
#> COMMIT
#> # Completed on
iptables-save -c
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *filter
#> :INPUT ACCEPT [0:0]
#> :FORWARD DROP [0:0]
#> :OUTPUT ACCEPT [0:0]
#> [0:0] -A INPUT -s 10.20.30.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
#> [0:0] -A INPUT -i lo -j ACCEPT
#> [0:0] -A INPUT ! -s 10.0.0.0/8 ! -d 192.168.1.1/32 -p udp -m udp --sport 53 -j DROP
#> [0:0] -A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
#> [0:0] -A INPUT -p tcp -m tcp ! --dport 1000:2000 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
#> COMMIT
#> # Completed on
# -t names a table that does not exist yet: iptables-save prints it anyway.
iptables-save -t nat
#> # Generated by iptables-save v1.8.9 (nf_tables) on
#> *nat
#> :PREROUTING ACCEPT [0:0]
#> :INPUT ACCEPT [0:0]
#> :OUTPUT ACCEPT [0:0]
#> :POSTROUTING ACCEPT [0:0]
#> COMMIT
#> # Completed on
