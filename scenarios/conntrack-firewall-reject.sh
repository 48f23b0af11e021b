# A stateful firewall on a host: INPUT policy DROP, but packets of connections the host
# opened (ESTABLISHED) and ICMP errors about them (RELATED) come back in. A ping from the
# peer is dropped by the policy; one from the host goes out and its replies are accepted by
# the conntrack rule. A REJECT rule answers instead of dropping: icmp-port-unreachable by
# default, or another ICMP error with --reject-with.

ip netns add host
ip netns add peer
ip -n host link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns peer
ip -n host addr add 10.0.0.1/24 dev eth0
ip -n peer addr add 10.0.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n peer link set eth0 up
ip -n host link set lo up
ip netns exec host iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec host iptables -A INPUT -i lo -j ACCEPT
ip netns exec host iptables -P INPUT DROP
ip netns exec peer ping -c 1 -W 1 10.0.0.1
ip netns exec host ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec host conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.
#> src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=
ip netns exec host iptables -L INPUT -n -v --line-numbers
#> Chain INPUT (policy DROP 1 packets, 84 bytes)
#> num   pkts bytes target     prot opt in     out     source               destination
#> 1        2   168 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
#> 2        0     0 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0
ip netns exec host iptables -I INPUT 2 -s 10.0.0.2 -p icmp --icmp-type echo-request -j REJECT
ip netns exec peer ping -c 1 -W 1 10.0.0.1
#> From 10.0.0.1 icmp_seq=1 Destination Port Unreachable
ip netns exec host iptables -R INPUT 2 -s 10.0.0.2 -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec peer ping -c 1 -W 1 10.0.0.1
#> From 10.0.0.1 icmp_seq=1 Destination Host Prohibited
ip netns exec host iptables -L INPUT -n -v --line-numbers
#> Chain INPUT (policy DROP 1 packets, 84 bytes)
#> num   pkts bytes target     prot opt in     out     source               destination
#> 1        2   168 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
#> 2        1    84 REJECT     1    --  *      *       10.0.0.2             0.0.0.0/0            reject-with icmp-host-prohibited
#> 3        0     0 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0
ip netns exec host iptables -S INPUT
#> -P INPUT DROP
#> -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
#> -A INPUT -s 10.0.0.2/32 -p icmp -j REJECT --reject-with icmp-host-prohibited
#> -A INPUT -i lo -j ACCEPT
