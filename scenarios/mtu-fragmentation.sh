# MTU and fragmentation. 2000 bytes of ICMP data (2028-byte datagram) on an MTU 1500 link
# are fragmented and reassembled: the reply reports 2008 bytes. With -M do (DF set, no
# local fragmentation) ping's sendmsg fails locally: "message too long, mtu=1500". 1472
# bytes of data is the largest payload that fits (1472 + 8 + 20 = 1500).
# MTU mismatch on one link: a (mtu 1400) fragments its request, but r (mtu 1500) answers
# with one 1428-byte datagram, which a veth drops on receive because it exceeds a's MTU:
# silent loss.
# Through a router whose next link has MTU 1400: ping sets DF by default (path MTU
# discovery), so r answers the too-big packet with "Frag needed" (ICMP 3/4) carrying the
# MTU; a caches it (route get shows "mtu 1400"); then -M do fails locally with mtu=1400,
# while a plain ping fragments locally and gets its answer.
# (ping writes "local error" to stderr: the expectations list stdout lines first.)
#
#   a (10.0.0.1) ---- (10.0.0.254) r (10.0.1.254) ==mtu 1400== (10.0.1.2) b

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
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1

ip -n a link show eth0
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
#> link-netns r
ip netns exec a ping -c 1 -s 2000 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 2000(2028) bytes of data.
#> 2008 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -M do -s 2000 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 2000(2028) bytes of data.
#> ping: local error: message too long, mtu=1500
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -M do -s 1472 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 1472(1500) bytes of data.
#> 1480 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -M do -s 1473 10.0.0.254
#> ping: local error: message too long, mtu=1500
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss

# A smaller MTU on a's own link.
ip -n a link set eth0 mtu 1400
ip -n a link show eth0
#> 2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP mode DEFAULT group default qlen 1000
ip netns exec a ping -c 1 -M do -s 1400 10.0.0.254
#> ping: local error: message too long, mtu=1400
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -W 1 -s 1400 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 1400(1428) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a link set eth0 mtu 1500

# Path MTU discovery through r.
ip -n r link set rb mtu 1400
ip -n b link set eth0 mtu 1400
ip netns exec a ping -c 1 -s 1400 10.0.1.2
#> From 10.0.0.254 icmp_seq=1 Frag needed and DF set (mtu = 1400)
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -M do -s 1400 10.0.1.2
#> ping: local error: message too long, mtu=1400
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip -n a route get 10.0.1.2
#> 10.0.1.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
#> mtu 1400
ip netns exec a ping -c 1 -M do -s 1400 10.0.1.2
#> ping: local error: message too long, mtu=1400
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -M do -s 1372 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 1372(1400) bytes of data.
#> 1380 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -s 1400 10.0.1.2
#> 1408 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss
