# The forward path works but the reply cannot come back: b has no route to a's subnet
# (no default route). r forwards a's echo request to b; b receives it, but finding no route
# for the echo reply it drops it. a sees plain 100% loss. Adding the return route fixes it.
#
#   a (10.0.0.1) ---- (10.0.0.254) r (10.0.1.254) ---- (10.0.1.2) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev ra
ip -n r addr add 10.0.1.254/24 dev rb
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set eth0 up
ip -n a route add default via 10.0.0.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

ip -n a route get 10.0.1.2
#> 10.0.1.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
ip -n b route
#> 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2
ip -n b route get 10.0.0.1
#> RTNETLINK answers: Network is unreachable
ip netns exec a ping -c 2 -W 1 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
#> 2 packets transmitted, 0 received, 100% packet loss
# r did forward the requests: to do so it resolved b by ARP, and b learned r's address from
# that ARP request (the only traffic b has seen from r so far).
ip -n b neigh show 10.0.1.254
#> 10.0.1.254 dev eth0 lladdr
# r itself reaches b: b answers r on the connected subnet.
ip netns exec r ping -c 1 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss

ip -n b route add 10.0.0.0/24 via 10.0.1.254
ip -n b route get 10.0.0.1
#> 10.0.0.1 via 10.0.1.254 dev eth0 src 10.0.1.2 uid 0
ip netns exec a ping -c 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss
