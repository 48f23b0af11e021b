# A kube-proxy (iptables mode) ClusterIP service with two endpoints on two nodes, Calico-style
# routed pods (/32 addresses, default route via 169.254.1.1 answered by proxy ARP on the
# node's cali* veth, proxy_delay 0 as Calico sets it). node1 runs kube-proxy's ruleset
# (an iptables-save of a real node, loaded with iptables-restore): the client's connection to
# 10.96.0.10:80 goes KUBE-SERVICES -> KUBE-SVC-… -> one KUBE-SEP-… chosen by
# `-m statistic --mode random --probability 0.5` -> DNAT to 10.244.0.5:8080 (web-a, this
# node) or 10.244.1.7:8080 (web-b, node2); the replies are un-NATed by conntrack. web-a
# reaching the service may land on itself (hairpin): KUBE-SEP-… marks it 0x4000 and
# KUBE-POSTROUTING masquerades it. A service without endpoints is rejected.
# Which endpoint each connection gets is random on the kernel (get_random_u32), so the
# frames and neighbours differ from pathsim's seeded choice (verify/known-differences.toml);
# the outputs below do not depend on it.

ip netns add node1
ip netns add node2
ip netns add client
ip netns add web-a
ip netns add web-b
ip -n node1 link add eth0 address 02:00:00:00:0a:01 type veth peer name eth0 address 02:00:00:00:0a:02 netns node2
ip -n node1 link add cali-client address 02:00:00:00:01:03 type veth peer name eth0 address 02:00:00:00:00:03 netns client
ip -n node1 link add cali-weba address 02:00:00:00:01:05 type veth peer name eth0 address 02:00:00:00:00:05 netns web-a
ip -n node2 link add cali-webb address 02:00:00:00:02:07 type veth peer name eth0 address 02:00:00:00:00:07 netns web-b
ip -n node1 addr add 192.168.0.1/24 dev eth0
ip -n node2 addr add 192.168.0.2/24 dev eth0
ip -n client addr add 10.244.0.3/32 dev eth0
ip -n web-a addr add 10.244.0.5/32 dev eth0
ip -n web-b addr add 10.244.1.7/32 dev eth0
ip -n node1 link set eth0 up
ip -n node2 link set eth0 up
ip -n node1 link set cali-client up
ip -n node1 link set cali-weba up
ip -n node2 link set cali-webb up
ip -n client link set eth0 up
ip -n web-a link set eth0 up
ip -n web-b link set eth0 up
ip -n client route add 169.254.1.1 dev eth0
ip -n client route add default via 169.254.1.1 dev eth0
ip -n web-a route add 169.254.1.1 dev eth0
ip -n web-a route add default via 169.254.1.1 dev eth0
ip -n web-b route add 169.254.1.1 dev eth0
ip -n web-b route add default via 169.254.1.1 dev eth0
ip netns exec node1 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec node2 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec node1 sysctl -w net.ipv4.conf.cali-client.proxy_arp=1
#> net.ipv4.conf.cali-client.proxy_arp = 1
ip netns exec node1 sysctl -w net.ipv4.conf.cali-weba.proxy_arp=1
#> net.ipv4.conf.cali-weba.proxy_arp = 1
ip netns exec node2 sysctl -w net.ipv4.conf.cali-webb.proxy_arp=1
#> net.ipv4.conf.cali-webb.proxy_arp = 1
ip netns exec node1 sysctl -w net.ipv4.neigh.cali-client.proxy_delay=0
#> net.ipv4.neigh.cali-client.proxy_delay = 0
ip netns exec node1 sysctl -w net.ipv4.neigh.cali-weba.proxy_delay=0
#> net.ipv4.neigh.cali-weba.proxy_delay = 0
ip netns exec node2 sysctl -w net.ipv4.neigh.cali-webb.proxy_delay=0
#> net.ipv4.neigh.cali-webb.proxy_delay = 0
ip -n node1 route add 10.244.0.3 dev cali-client
ip -n node1 route add 10.244.0.5 dev cali-weba
ip -n node1 route add default via 192.168.0.2
ip -n node2 route add 10.244.1.7 dev cali-webb
ip -n node2 route add default via 192.168.0.1
ip netns exec node1 iptables-restore iptables/kube-proxy.rules
ip netns exec web-a setsid -f nc -l -k -p 8080
ip netns exec web-b setsid -f nc -l -k -p 8080
sleep 0.2
ip netns exec client nc -z -v -w 2 10.96.0.10 80
#> Connection to 10.96.0.10 80 port [tcp/http] succeeded!
ip netns exec web-a nc -z -v -w 2 10.96.0.10 80
#> Connection to 10.96.0.10 80 port [tcp/http] succeeded!
ip netns exec client nc -z -v -w 1 10.96.0.20 80
#> nc: connect to 10.96.0.20 port 80 (tcp) failed: Connection refused
sleep 1.5
ip netns exec node1 conntrack -C
#> 2
ip netns exec node1 iptables -t nat -L KUBE-SERVICES -n -v
#> Chain KUBE-SERVICES (2 references)
#>  pkts bytes target     prot opt in     out     source               destination
#>     2   120 KUBE-SVC-NPX46M4PTMTKRN6Y  6    --  *      *       0.0.0.0/0            10.96.0.10           /* default/web:http cluster IP */ tcp dpt:80
#>     0     0 KUBE-NODEPORTS  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL
ip netns exec node1 iptables -t filter -L KUBE-SERVICES -n -v
#> Chain KUBE-SERVICES (2 references)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    60 REJECT     6    --  *      *       0.0.0.0/0            10.96.0.20           /* default/nothing:http has no endpoints */ tcp dpt:80 reject-with icmp-port-unreachable
