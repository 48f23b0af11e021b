# iputils ping reads -i and -W with ping_strtod (strtod in the C locale): what follows the
# number is garbage, warned about on stderr before the PING line ("option argument contains
# garbage: REST", "this will become fatal error in the future") and ignored; an argument
# with no number at all counts as 0 (-W abc: no linger timer, ping waits for the reply;
# -i abc: interval 0). An empty argument is an error ("bad linger time: ", exit 2).
#
#   a (10.0.0.1) eth0 ---- ra (10.0.0.254) r

ip netns add a
ip netns add r
ip link add eth0 netns a type veth peer name ra netns r
ip -n a link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev ra
ip -n a link set eth0 up
ip -n r link set ra up

ip netns exec a ping -c 2 -W abc 10.0.0.254
#> ping: option argument contains garbage: abc
#> ping: this will become fatal error in the future
#> PING 10.0.0.254 (10.0.0.254) 56(84) bytes of data.
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec a ping -c 2 -W 1x 10.0.0.254
#> ping: option argument contains garbage: x
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec a ping -c 2 -i 0.2x 10.0.0.254
#> ping: option argument contains garbage: x
#> 2 packets transmitted, 2 received, 0% packet loss
ip netns exec a ping -c 1 -i abc 10.0.0.254
#> ping: option argument contains garbage: abc
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 -W '' 10.0.0.254
#> ping: bad linger time: 
ip netns exec a ping -c 1 -W 1e0 10.0.0.254
#> 1 packets transmitted, 1 received, 0% packet loss
