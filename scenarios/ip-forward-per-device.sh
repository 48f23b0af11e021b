# Forwarding is decided per INGRESS device: a packet is forwarded if
# conf.<incoming device>.forwarding is 1 (IN_DEV_FORWARD), whatever ip_forward and the
# outgoing device say. Here r turns forwarding on for r-a only: a's echo request (in on
# r-a) is forwarded to b, but b's reply comes in on r-b, where forwarding is off, and is
# dropped: 100% loss, and "ip route get ... iif" shows the two directions differently.
# With r-b on too, it works while ip_forward still reads 0.
#
#   a (10.0.0.1) ---- (10.0.0.254) r-a  r  r-b (10.0.1.254) ---- (10.0.1.2) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name r-a netns r
ip link add eth0 netns b type veth peer name r-b netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.0.254/24 dev r-a
ip -n r addr add 10.0.1.254/24 dev r-b
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set r-a up
ip -n r link set r-b up
ip -n b link set eth0 up
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.0.1.254

ip netns exec r sysctl -w net.ipv4.conf.r-a.forwarding=1
#> net.ipv4.conf.r-a.forwarding = 1
ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.r-b.forwarding
#> net.ipv4.ip_forward = 0
#> net.ipv4.conf.r-b.forwarding = 0
ip -n r route get 10.0.1.2 from 10.0.0.1 iif r-a
#> 10.0.1.2 from 10.0.0.1 dev r-b
#>     cache iif r-a
ip -n r route get 10.0.0.1 from 10.0.1.2 iif r-b
#> RTNETLINK answers: No route to host
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# b did get the request: it learned a's router from it and answered.
ip -n b neigh show 10.0.1.254
#> 10.0.1.254 dev eth0 lladdr

ip netns exec r sysctl -w net.ipv4.conf.r-b.forwarding=1
#> net.ipv4.conf.r-b.forwarding = 1
ip netns exec r sysctl net.ipv4.ip_forward
#> net.ipv4.ip_forward = 0
ip netns exec a ping -c 1 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss

# Only the ingress device counts: r-a off again breaks a -> b, not b -> r-a's address.
ip netns exec r sysctl -w net.ipv4.conf.r-a.forwarding=0
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip netns exec b ping -c 1 10.0.0.254
#> 64 bytes from 10.0.0.254: icmp_seq=1 ttl=64
