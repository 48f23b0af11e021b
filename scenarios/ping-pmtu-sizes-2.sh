# ping -s / -M against a smaller MTU further down the path, and the size limits.
# * Default PMTU mode for ping is "want" (IP_PMTUDISC_WANT would fragment locally, but sets DF):
#   the router whose egress MTU is 1000 answers "Frag needed and DF set (mtu = 1000)" and
#   the sender records a PMTU exception (__ip_rt_update_pmtu): `ip route show cache` and
#   `ip route get` both show "cache expires ...sec mtu 1000".
# * -M do with a payload over the learned PMTU fails locally on send (EMSGSIZE from
#   ip_append_data); iputils reads the error queue and prints
#   "ping: local error: message too long, mtu=1000" right after the PING line (it flushes
#   stdout before sending), then the summary with "+1 errors".
# * On the first hop: -M do -s 1473 exceeds the device MTU 1500 -> "mtu=1500"; -M want and
#   -M dont fragment locally and get the 1481-byte reply.
# * -s 65507 is the largest echo that fits 65535; -s 65508 fails on send with the same local
#   error (mtu=1500); -s 70000 is not rejected by option parsing, the send fails silently and
#   the probe just counts as lost.
# * -s 3000: the request is fragmented locally at the PMTU (1000) and gets through, but b's reply
#   is fragmented at b's MTU 1500 and those frames are dropped on entering the router's veth rb
#   (mtu 1000: veth_xmit -> __dev_forward_skb -> is_skb_forwardable), so the probe is lost
#   without any error line.
#
#   a (10.0.0.1) ---- (10.0.0.254) r (10.0.1.254, mtu 1000) ---- (10.0.1.2) b

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
ip -n r link set rb mtu 1000

ip netns exec a ping -c 1 -s 1200 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 1200(1228) bytes of data.
#> From 10.0.0.254 icmp_seq=1 Frag needed and DF set (mtu = 1000)
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip -n a route get 10.0.1.2
#> 10.0.1.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
#> mtu 1000
ip netns exec a ping -c 1 -M do -s 1200 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 1200(1228) bytes of data.
#> ping: local error: message too long, mtu=1000
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip -n a route show cache
#> 10.0.1.2 via 10.0.0.254 dev eth0
#> cache expires
#> mtu 1000
ip netns exec a ping -c 1 -M do -s 972 10.0.1.2
#> 980 bytes from 10.0.1.2: icmp_seq=1 ttl=63
ip netns exec a ping -c 1 -s 3000 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 3000(3028) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss

ip netns exec a ping -c 1 -M do -s 1473 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 1473(1501) bytes of data.
#> ping: local error: message too long, mtu=1500
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -M want -s 1473 10.0.0.254
#> 1481 bytes from 10.0.0.254: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -M dont -s 1473 10.0.0.254
#> 1481 bytes from 10.0.0.254: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -s 65507 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 65507(65535) bytes of data.
#> 65515 bytes from 10.0.0.254: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -s 65508 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 65508(65536) bytes of data.
#> ping: local error: message too long, mtu=1500
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -W 1 -s 70000 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 70000(70028) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
