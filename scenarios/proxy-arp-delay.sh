# proxy_delay: a proxy ARP answer to a BROADCAST request is not sent at once but queued for
# a random time up to neigh.DEV.proxy_delay (in 1/100 s; default 80 = 0.8 s). The exact
# delay is random, so only the outcome is checked: the ping still succeeds (its packet
# waits in the ARP queue), with proxy_delay 80 and with 0 (what Calico sets). (Unicast
# requests, e.g. the probes that refresh a STALE entry, are answered without delay.)
#
#   a (10.0.0.1/16) ---- (10.0.0.254/24) r-a  r  r-b (10.0.1.254/24) ---- (10.0.1.2/24) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name r-a netns r
ip link add eth0 netns b type veth peer name r-b netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/16 dev eth0
ip -n r addr add 10.0.0.254/24 dev r-a
ip -n r addr add 10.0.1.254/24 dev r-b
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set r-a up
ip -n r link set r-b up
ip -n b link set eth0 up
ip -n b route add default via 10.0.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl -w net.ipv4.conf.r-a.proxy_arp=1
#> net.ipv4.conf.r-a.proxy_arp = 1

ip netns exec r sysctl net.ipv4.neigh.r-a.proxy_delay net.ipv4.neigh.r-a.proxy_qlen
#> net.ipv4.neigh.r-a.proxy_delay = 80
#> net.ipv4.neigh.r-a.proxy_qlen = 64
ip netns exec a ping -c 1 -W 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show 10.0.1.2
#> 10.0.1.2 dev eth0 lladdr

ip netns exec r sysctl -w net.ipv4.neigh.r-a.proxy_delay=0
#> net.ipv4.neigh.r-a.proxy_delay = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 -W 2 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show 10.0.1.2
#> 10.0.1.2 dev eth0 lladdr
