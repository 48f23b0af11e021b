# ping to a subnet broadcast address (iputils + icmp_echo_ignore_broadcasts); the pinging
# host's own looped-back reply is in tests/known-gaps/ping-broadcast-2.sh.
# * 255.255.255.255 without a route to it fails in connect(): "Network is unreachable".
# * The network address 10.9.0.0 is an ordinary unicast neighbour for a /24 host: ARP for it
#   fails after 3 s and ping reports "From 10.9.0.1 ... Destination Host Unreachable".
# * Without -b iputils refuses a broadcast destination (connect() gives EACCES because the
#   socket lacks SO_BROADCAST): "Do you want to ping broadcast? Then -b. ...".
# * With -b iputils prints "WARNING: pinging broadcast address" (stderr) before the PING line.
# * icmp_echo_ignore_broadcasts=1 is the default: nobody answers (icmp_echo drops echo
#   requests to broadcast/multicast in icmp_rcv).
# * Once y and z answer, replies arrive from both; the bridge floods to its ports newest-first
#   (br_add_if list_add_rcu at the head of port_list), so z (10.9.0.3) answers first. The
#   second reply to the same icmp_seq is a duplicate: it does not count as received, the summary
#   says "+1 duplicates", and with -c 2 ping stops as soon as it has 2 distinct replies.
#
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

ip netns exec x ping -c 1 -W 1 10.9.0.255
#> ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules
ip netns exec x ping -c 1 -b -W 1 10.9.0.255
#> WARNING: pinging broadcast address
#> PING 10.9.0.255 (10.9.0.255) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss

ip netns exec y sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
#> net.ipv4.icmp_echo_ignore_broadcasts = 0
ip netns exec z sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec x ping -c 2 -i 0.3 -b 10.9.0.255
#> WARNING: pinging broadcast address
#> PING 10.9.0.255 (10.9.0.255) 56(84) bytes of data.
#> 64 bytes from 10.9.0.3: icmp_seq=1 ttl=64
#> 64 bytes from 10.9.0.2: icmp_seq=1 ttl=64
#> 64 bytes from 10.9.0.3: icmp_seq=2 ttl=64
#> 2 packets transmitted, 2 received, +1 duplicates, 0% packet loss

ip netns exec x ping -c 1 -b -W 1 255.255.255.255
#> ping: connect: Network is unreachable

ip netns exec x ping -c 1 10.9.0.0
#> From 10.9.0.1 icmp_seq=1 Destination Host Unreachable
