# TCP through a router: nc probes a listener in another namespace (three-way handshake, then
# an orderly close), and a closed port answers the SYN with RST,ACK (ECONNREFUSED). A
# listener without -k exits after its first connection; with -k it keeps listening.
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

ip netns exec b setsid -f nc -l 8080
ip netns exec b setsid -f nc -l -k 8081
ip netns exec a nc -z -v -n -w 2 10.0.1.2 8080
#> Connection to 10.0.1.2 8080 port [tcp/*] succeeded!
sleep 0.5
# The one-shot listener is gone: the same probe now gets a reset.
ip netns exec a nc -z -v -n -w 2 10.0.1.2 8080
#> nc: connect to 10.0.1.2 port 8080 (tcp) failed: Connection refused
# The -k listener stays; without -n nc names the port from /etc/services.
ip netns exec a nc -z -v -w 2 10.0.1.2 8081
#> Connection to 10.0.1.2 8081 port [tcp/tproxy] succeeded!
sleep 0.5
ip netns exec a nc -z -v -w 2 10.0.1.2 8081
#> Connection to 10.0.1.2 8081 port [tcp/tproxy] succeeded!
sleep 0.5
# Without -v nc says nothing; the exit status tells.
ip netns exec a nc -z -w 2 10.0.1.2 8082
ip netns exec a nc -z -n -w 2 10.0.1.2 8081
