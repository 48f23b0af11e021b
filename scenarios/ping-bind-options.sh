# ping -I DEV / -I ADDR and option edge cases (iputils ping, this machine's version).
# * -I lo towards an address that is not on lo: iputils warns
#   "ping: Warning: source address might be selected on device other than: lo" (the source it
#   picked via a probe connect() is not on lo) and prints "from 10.0.0.1 lo:".
#   Pinging the own eth0 address bound to lo gets no reply: the local route's rt_iif is the
#   fib device eth0 (ip_route_output_key_hash_rcu sets orig_oif = FIB_RES_OIF for RTN_LOCAL),
#   so the reply's inet_iif() is eth0 and does not match the socket bound to lo. -I lo to
#   127.0.0.1 (whose local route is on lo) works.
# * -I 127.0.0.1 towards a remote address does not fail in setup (with a source address
#   iputils makes no probe connect): "from 127.0.0.1 :"; sendto() then fails with EINVAL
#   (__mkroute_output: loopback source on a non-loopback device), which iputils neither
#   prints nor counts as an error (strace: one sendto, EINVAL): 1 transmitted, 0 received.
#   -I 10.0.0.1 towards 127.0.0.1 works.
# * -I eth0 while eth0 is down: "connect: Network is unreachable"; the own address still
#   answers without -I.
# * Option parsing: -t 0 passes the range check (0..255) but setsockopt(IP_TTL, 0) fails:
#   "cannot set unicast time-to-live: Invalid argument" (exit 2); -t 256 and -t -1: "out of
#   range: 0 <= value <= 255" (strtol_or_err, exit 1). -W 0 (or below 1 ms: lingertime is
#   whole ms) arms no linger timer: ping waits for the reply. -W -1: "bad linger time: -1".
#   -i -1 (a negative interval: no probe is held back) and -w 0 (no deadline) are accepted.
#   -c 0 is rejected (exit 1).
#
#   a (10.0.0.1) eth0 ---- ra (10.0.0.254) r

ip netns add a
ip netns add r
ip link add eth0 netns a type veth peer name ra netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev ra
ip -n a link set eth0 up
ip -n r link set ra up

ip netns exec a ping -c 1 -I eth0 10.0.0.1
#> PING 10.0.0.1 (10.0.0.1) from 10.0.0.1 eth0: 56(84) bytes of data.
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -W 1 -I lo 10.0.0.1
#> ping: Warning: source address might be selected on device other than: lo
#> PING 10.0.0.1 (10.0.0.1) from 10.0.0.1 lo: 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 -W 1 -I lo 127.0.0.1
#> PING 127.0.0.1 (127.0.0.1) from 127.0.0.1 lo: 56(84) bytes of data.
#> 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -W 1 -I lo 10.0.0.254
#> ping: Warning: source address might be selected on device other than: lo
#> PING 10.0.0.254 (10.0.0.254) from 10.0.0.1 lo: 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 -W 1 -I 127.0.0.1 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) from 127.0.0.1 : 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec a ping -c 1 -W 1 -I 10.0.0.1 127.0.0.1
#> PING 127.0.0.1 (127.0.0.1) from 10.0.0.1 : 56(84) bytes of data.
#> 64 bytes from 127.0.0.1: icmp_seq=1 ttl=64
ip netns exec a ping -c 1 -W 1 -I nosuch 10.0.0.254
#> ping: SO_BINDTODEVICE nosuch: No such device

ip -n a link set eth0 down
ip netns exec a ping -c 1 -W 1 -I eth0 10.0.0.254
#> ping: connect: Network is unreachable
ip netns exec a ping -c 1 -W 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
ip -n a link set eth0 up

ip netns exec a ping -c 1 -t 0 10.0.0.254
#> ping: cannot set unicast time-to-live: Invalid argument
ip netns exec a ping -c 1 -t 256 10.0.0.254
#> ping: invalid argument: '256': out of range: 0 <= value <= 255
ip netns exec a ping -c 1 -W 0 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 0 10.0.0.254
#> ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807
ip netns exec a ping -c 1 -t -1 10.0.0.254
#> ping: invalid argument: '-1': out of range: 0 <= value <= 255
ip netns exec a ping -c 1 -W 0.0001 10.0.0.254
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -W -1 10.0.0.254
#> ping: bad linger time: -1
ip netns exec a ping -c 1 -i -1 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -w 0 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 2 -q -i 0.2 10.0.0.254
#> PING 10.0.0.254 (10.0.0.254) 56(84) bytes of data.
#> --- 10.0.0.254 ping statistics ---
#> 2 packets transmitted, 2 received, 0% packet loss
#> rtt min/avg/max/mdev =
