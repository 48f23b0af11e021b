# A router with forwarding off. r has addresses on both links, so a can ping both of r's
# addresses (local delivery does not need forwarding), but a packet for b is dropped
# silently: no ICMP error, just 100% loss. "ip route get ... iif" shows the input route
# lookup failing with "No route to host" while forwarding is off.
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

ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.ra.forwarding
#> net.ipv4.ip_forward = 0
#> net.ipv4.conf.ra.forwarding = 0
ip netns exec a ping -c 1 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 1 10.0.1.254
#> 64 bytes from 10.0.1.254: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 2 -W 1 10.0.1.2
#> PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
#> 2 packets transmitted, 0 received, 100% packet loss
ip -n r route get 10.0.1.2 from 10.0.0.1 iif ra
#> RTNETLINK answers: No route to host
# A route lookup for r's own traffic is fine: r itself can reach b.
ip netns exec r ping -c 1 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss

ip netns exec r sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip -n r route get 10.0.1.2 from 10.0.0.1 iif ra
#> 10.0.1.2 from 10.0.0.1 dev rb
#>     cache iif ra
ip netns exec a ping -c 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 2 packets transmitted, 2 received, 0% packet loss

# Forwarding is decided by the INCOMING device: ra.forwarding=0 stops every packet that
# enters r through ra: a's requests, and also a's replies to b's requests (b's requests,
# entering through rb, are still forwarded to a).
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=0
#> net.ipv4.conf.ra.forwarding = 0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec b ping -c 1 -W 1 10.0.0.1
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n r route get 10.0.1.2 from 10.0.0.1 iif ra
#> RTNETLINK answers: No route to host
ip -n r route get 10.0.0.1 from 10.0.1.2 iif rb
#> 10.0.0.1 from 10.0.1.2 dev ra
#>     cache iif rb
