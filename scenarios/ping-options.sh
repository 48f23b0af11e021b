# ping (iputils) options and the lines they change.
# * -s N: N data bytes, "PING ... N(N+28) bytes", replies "N+8 bytes from". Below 16 data
#   bytes (sizeof struct timeval) there is no room for the send timestamp: no "time=", and
#   the rtt line is replaced by an empty line.
# * -I with an address that is not local fails in bind().
# * -I ADDR / -I DEV: "PING dst (dst) from SRC : ..." / "from SRC DEV: ...".
# * -t TTL: through the router with -t 1 the packet dies there: "Time to live exceeded".
# * -q: only the summary. -c with -i: spacing. -w DEADLINE: stop after that many seconds,
#   whatever -c says.
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
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1

ip netns exec a ping -c 1 -s 100 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 100(128) bytes of data.
#> 108 bytes from 10.0.1.2: icmp_seq=1 ttl=63 time=
#> 1 packets transmitted, 1 received, 0% packet loss
#> rtt min/avg/max/mdev =
ip netns exec a ping -c 1 -s 8 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 8(36) bytes of data.
#> 16 bytes from 10.0.1.2: icmp_seq=1 ttl=63
ip netns exec a ping -c 1 -s 0 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 0(28) bytes of data.
#> 8 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss, time 0ms
ip netns exec a ping -c 1 -I 10.0.0.1 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) from 10.0.0.1 : 56(84) bytes of data.
ip netns exec a ping -c 1 -I eth0 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) from 10.0.0.1 eth0: 56(84) bytes of data.
ip netns exec a ping -c 1 -I 10.0.0.9 10.0.1.2
#> ping: bind: Cannot assign requested address
ip netns exec a ping -c 1 -t 1 10.0.1.2
#> From 10.0.0.254 icmp_seq=1 Time to live exceeded
#> 1 packets transmitted, 0 received, +1 errors, 100% packet loss
ip netns exec a ping -c 1 -t 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
ip netns exec a ping -c 3 -i 0.2 -q 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
#> --- 10.0.1.2 ping statistics ---
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec a ping -c 10 -i 0.4 -w 1 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=3 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
ip netns exec a ping -c 1 -W 1 10.0.1.99
#> 1 packets transmitted, 0 received, 100% packet loss
# Let r's last resolution finish (FAILED after its 3 probes) before the final state: its
# third probe would otherwise leave right around the moment the state is taken.
sleep 3
