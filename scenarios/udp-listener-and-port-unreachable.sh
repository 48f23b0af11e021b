# UDP to a listener and to a closed port. nc -z -u -v writes "X" twice at once and once more
# after each second of -w; a closed port answers with ICMP port unreachable, which makes nc's
# next write fail (ECONNREFUSED): status 1 and no message. nc -l -u connects to the sender
# of its first datagram, so datagrams from any other port find no socket afterwards.
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
#> net.ipv4.ip_forward = 1

ip netns exec b setsid -f nc -l -u 9000
ip netns exec a nc -z -u -v -n -w 1 10.0.1.2 9000
#> Connection to 10.0.1.2 9000 port [udp/*] succeeded!
ip netns exec a nc -z -u -v -n -w 1 10.0.1.2 9001
# Without -v, -z -u sends nothing at all.
ip netns exec a nc -z -u -w 1 10.0.1.2 9001
# A second probe of the listener comes from a new source port: refused now.
ip netns exec a nc -z -u -v -n -w 1 10.0.1.2 9000
# Without -n the service name comes from /etc/services.
ip netns exec a nc -z -u -v -w 1 10.0.1.2 53
