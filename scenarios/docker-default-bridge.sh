# Docker's default bridge network, as dockerd leaves a host: docker0 with 172.17.0.1/16, a
# container at 172.17.0.2 listening on port 80 and published as the host's port 8080, and
# the ruleset dockerd installs (iptables-save of a real host, loaded with iptables-restore):
# FORWARD policy DROP with the DOCKER-USER / DOCKER-ISOLATION / DOCKER chains, MASQUERADE
# for the bridge subnet, and a DNAT from 8080 to the container. The "host" and the "client"
# on the outside network are namespaces.
# docker0's multicast snooping is off here: with it on, an open bridge with an address joins
# 224.0.0.106 and sends IGMP reports at random moments (igmp_ifc_start_timer), which
# conntrack tracks and the nat OUTPUT chain counts; pathsim does not model IGMP.

ip netns add host
ip netns add c1
ip netns add client
ip -n host link add docker0 address 02:42:00:00:00:01 type bridge mcast_snooping 0
ip -n host addr add 172.17.0.1/16 dev docker0
ip -n host link add veth1 address 02:42:00:00:00:99 type veth peer name eth0 address 02:42:ac:11:00:02 netns c1
ip -n host link set veth1 master docker0
ip -n host link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns client
ip -n host addr add 192.0.2.1/24 dev eth0
ip -n client addr add 192.0.2.2/24 dev eth0
ip -n c1 addr add 172.17.0.2/16 dev eth0
ip -n host link set docker0 up
ip -n host link set veth1 up
ip -n host link set eth0 up
ip -n c1 link set eth0 up
ip -n c1 link set lo up
ip -n client link set eth0 up
ip -n c1 route add default via 172.17.0.1
ip netns exec host sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec host iptables-restore iptables/docker.rules
ip netns exec c1 setsid -f nc -l -k -p 80
sleep 0.2
ip netns exec client nc -z -v -w 2 192.0.2.1 8080
#> Connection to 192.0.2.1 8080 port [tcp/http-alt] succeeded!
ip netns exec c1 ping -c 1 -W 1 192.0.2.2
ip netns exec client nc -z -w 1 192.0.2.1 8081
sleep 1.5
ip netns exec host conntrack -L
#> conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
#> TIME_WAIT src=192.0.2.2 dst=192.0.2.1 sport=
ip netns exec host iptables -L FORWARD -n -v
#> Chain FORWARD (policy DROP 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     8   496 DOCKER-USER  0    --  *      *       0.0.0.0/0            0.0.0.0/0
#>     8   496 DOCKER-ISOLATION-STAGE-1  0    --  *      *       0.0.0.0/0            0.0.0.0/0
#>     4   240 ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
#>     1    60 DOCKER     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0
#>     3   196 ACCEPT     0    --  docker0 !docker0  0.0.0.0/0            0.0.0.0/0
#>     0     0 ACCEPT     0    --  docker0 docker0  0.0.0.0/0            0.0.0.0/0
ip netns exec host iptables -L DOCKER -n -v
#> Chain DOCKER (1 references)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    60 ACCEPT     6    --  !docker0 docker0  0.0.0.0/0            172.17.0.2           tcp dpt:80
ip netns exec host iptables -t nat -L -n -v
#> Chain PREROUTING (policy ACCEPT 2 packets, 144 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     2   120 DOCKER     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL
#> Chain INPUT (policy ACCEPT 1 packets, 60 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 DOCKER     0    --  *      *       0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL
#> Chain POSTROUTING (policy ACCEPT 1 packets, 60 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     1    84 MASQUERADE  0    --  *      !docker0  172.17.0.0/16        0.0.0.0/0
#>     0     0 MASQUERADE  6    --  *      *       172.17.0.2           172.17.0.2           tcp dpt:80
#> Chain DOCKER (2 references)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0 RETURN     0    --  docker0 *       0.0.0.0/0            0.0.0.0/0
#>     1    60 DNAT       6    --  !docker0 *       0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.17.0.2:80
