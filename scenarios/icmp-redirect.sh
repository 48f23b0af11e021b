# ICMP redirect. a, r1 and r2 share one LAN (bridge br0 in the host namespace). a's default
# gateway is r1, but the network 10.0.9.0/24 (host d) is behind r2, and r1 knows it. r1
# forwards a's packet back out of the interface it came in on, to a next hop on the same
# subnet as a: so it also sends a "Redirect Host" to a (send_redirects=1 by default), and a
# (accept_redirects=1) caches the better next hop 10.0.0.253 for 10.0.9.2. The following
# packets go straight to r2 and are no longer redirected. (r1 may print the redirect for
# more than one early packet; only the first is checked.)
#
#   a (10.0.0.1) ---+                        
#   r1 (10.0.0.254) +-- br0    r2 (10.0.0.253 | 10.0.9.254) --- d (10.0.9.2)
#   r2 (10.0.0.253) +

ip link add br0 type bridge
ip link set br0 up
ip netns add a
ip netns add r1
ip netns add r2
ip netns add d
ip link add a-br address 02:00:00:00:0b:01 master br0 type veth peer name eth0 netns a address 02:00:00:00:00:01
ip link add r1-br address 02:00:00:00:0b:fe master br0 type veth peer name eth0 netns r1 address 02:00:00:00:00:fe
ip link add r2-br address 02:00:00:00:0b:fd master br0 type veth peer name eth0 netns r2 address 02:00:00:00:00:fd
ip link add d0 address 02:00:00:00:09:02 netns d type veth peer name eth1 netns r2 address 02:00:00:00:09:fe
ip link set a-br up
ip link set r1-br up
ip link set r2-br up
ip -n a link set lo up
ip -n r1 link set lo up
ip -n r2 link set lo up
ip -n d link set lo up
ip -n a link set eth0 up
ip -n r1 link set eth0 up
ip -n r2 link set eth0 up
ip -n r2 link set eth1 up
ip -n d link set d0 up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r1 addr add 10.0.0.254/24 dev eth0
ip -n r2 addr add 10.0.0.253/24 dev eth0
ip -n r2 addr add 10.0.9.254/24 dev eth1
ip -n d addr add 10.0.9.2/24 dev d0
ip -n a route add default via 10.0.0.254
ip -n r1 route add 10.0.9.0/24 via 10.0.0.253
ip -n d route add default via 10.0.9.254
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec r1 sysctl net.ipv4.conf.eth0.send_redirects
#> net.ipv4.conf.eth0.send_redirects = 1
ip netns exec a sysctl net.ipv4.conf.eth0.accept_redirects
#> net.ipv4.conf.eth0.accept_redirects = 1

ip -n a route get 10.0.9.2
#> 10.0.9.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
ip netns exec a ping -c 3 10.0.9.2
#> From 10.0.0.254: icmp_seq=1 Redirect Host(New nexthop: 10.0.0.253)
#> 64 bytes from 10.0.9.2: icmp_seq=1 ttl=63
#> 64 bytes from 10.0.9.2: icmp_seq=3 ttl=63
#> 3 packets transmitted, 3 received, 0% packet loss
# The redirect lives in the route cache (an exception of the default route), not in the table.
ip -n a route get 10.0.9.2
#> 10.0.9.2 via 10.0.0.253 dev eth0 src 10.0.0.1 uid 0
#>     cache <redirected> expires
ip -n a route
#> default via 10.0.0.254 dev eth0
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1
ip netns exec a ping -c 2 10.0.9.2
#> 64 bytes from 10.0.9.2: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss
ip -n a route flush cache
ip -n a route get 10.0.9.2
#> 10.0.9.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0

# With accept_redirects=0 a ignores the redirect: the route stays via r1.
ip netns exec a sysctl -w net.ipv4.conf.all.accept_redirects=0
ip netns exec a sysctl -w net.ipv4.conf.eth0.accept_redirects=0
#> net.ipv4.conf.eth0.accept_redirects = 0
ip netns exec a ping -c 1 10.0.9.2
#> From 10.0.0.254: icmp_seq=1 Redirect Host(New nexthop: 10.0.0.253)
#> 64 bytes from 10.0.9.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a route get 10.0.9.2
#> 10.0.9.2 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
