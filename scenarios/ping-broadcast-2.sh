# When the pinging host itself answers broadcasts, its own reply arrives first: ip_mc_output
# (the output of a broadcast route on any device but lo) loops a copy of the broadcast echo
# request back to the local stack (ip_mc_finish_output -> dev_loopback_xmit, PACKET_LOOPBACK,
# output route kept: ip_local_deliver), which answers through lo before any other host. The
# copy is not counted on eth0 and AF_PACKET does not see it; the reply shows on lo.
# (The rest of the broadcast behaviour is in scenarios/ping-broadcast.sh.) MACs are fixed so
# the bridge's address (its lowest port MAC) is the same on both sides.
#
#   x 10.9.0.1 --+
#   y 10.9.0.2 --+-- br0 (in h)
#   z 10.9.0.3 --+

ip netns add h
ip netns add x
ip netns add y
ip netns add z
ip -n h link add br0 type bridge
ip link add eth0 address 02:00:00:00:00:01 netns x type veth peer name px netns h address 02:00:00:00:0b:01
ip link add eth0 address 02:00:00:00:00:02 netns y type veth peer name py netns h address 02:00:00:00:0b:02
ip link add eth0 address 02:00:00:00:00:03 netns z type veth peer name pz netns h address 02:00:00:00:0b:03
ip -n h link set px master br0
ip -n h link set py master br0
ip -n h link set pz master br0
ip -n h link set br0 up
ip -n h link set px up
ip -n h link set py up
ip -n h link set pz up
ip -n x addr add 10.9.0.1/24 dev eth0
ip -n y addr add 10.9.0.2/24 dev eth0
ip -n z addr add 10.9.0.3/24 dev eth0
ip -n x link set eth0 up
ip -n y link set eth0 up
ip -n z link set eth0 up
ip -n x link set lo up

ip netns exec y sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec z sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec x sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec x ping -c 1 -b -W 1 10.9.0.255
#> WARNING: pinging broadcast address
#> 64 bytes from 10.9.0.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec x ping -c 1 -b -W 1 -I eth0 10.9.0.255
#> PING 10.9.0.255 (10.9.0.255) from 10.9.0.1 eth0: 56(84) bytes of data.
#> 64 bytes from 10.9.0.1: icmp_seq=1 ttl=64
