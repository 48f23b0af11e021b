# Pinging one's own address. Any packet to a local address (10.0.0.1 on eth0 as well as
# 127.0.0.1) is delivered through lo. With lo DOWN, 127.0.0.1 has no route at all (the
# 127.0.0.0/8 local routes exist only while lo is up) and connect() fails; 10.0.0.1 still
# has its local route, so ping sends, but the packet dies on the down lo: silent loss.

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up

ip -n a link show lo
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
ip -n a route show table local
#> local 10.0.0.1 dev eth0 proto kernel scope host src 10.0.0.1
#> broadcast 10.0.0.255 dev eth0 proto kernel scope link src 10.0.0.1
ip -n a route get 10.0.0.1
#> local 10.0.0.1 dev lo src 10.0.0.1 uid 0
#>     cache <local>
ip netns exec a ping -c 1 -W 1 10.0.0.1
#> PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 127.0.0.1
#> ping: connect: Network is unreachable
# The neighbour works regardless of lo.
ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss

ip -n a link set lo up
ip -n a route show table local
#> local 10.0.0.1 dev eth0 proto kernel scope host src 10.0.0.1
#> broadcast 10.0.0.255 dev eth0 proto kernel scope link src 10.0.0.1
#> local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1
#> local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1
#> broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1
ip netns exec a ping -c 2 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec a ping -c 1 127.0.0.1
#> 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 127.1.2.3
#> 64 bytes from 127.1.2.3: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a addr show lo
#> 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
#>     inet 127.0.0.1/8 scope host lo
#>     inet6 ::1/128 scope host
