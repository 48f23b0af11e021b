# Pinging an on-link address nobody owns. ARP sends 3 broadcast requests about one second
# apart (mcast_solicit=3, retrans_time 1 s, each rounded up by the timer wheel to 1.004-1.032 s);
# after ~3 s the neighbour entry becomes FAILED and every packet queued on it is dropped with
# a local "Destination Host Unreachable" error (neigh_invalidate -> arp_error_report), which
# reaches ping through lo: so it is shown only when lo is UP, and only if ping is still
# waiting after ~3 s ("-c 1 -W 1" shows nothing at all).
#
# The pings send at most 3 requests per resolution: ping's own 1 s interval also comes out at
# 1.004-1.032 s, so a 4th request would race with the FAILED transition (queued and reported
# with the others, or sent just after and starting a new resolution).

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up

ip netns exec a ping -c 1 -W 1 10.0.0.9
#> PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 INCOMPLETE
# FAILED after the third unanswered request; the request ping left queued gets its error.
sleep 3
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 FAILED
# A new resolution; the 3 requests wait on it and each gets its error when it fails.
ip netns exec a ping -c 3 10.0.0.9
#> From 10.0.0.1 icmp_seq=1 Destination Host Unreachable
#> From 10.0.0.1 icmp_seq=2 Destination Host Unreachable
#> From 10.0.0.1 icmp_seq=3 Destination Host Unreachable
#> 3 packets transmitted, 0 received, +3 errors, 100% packet loss
ip -n a neigh show 10.0.0.9
#> 10.0.0.9 dev eth0 FAILED

# With lo down the error never reaches ping: only 100% loss.
ip -n a link set lo down
sleep 1
ip netns exec a ping -c 3 -W 1 10.0.0.9
#> PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
#> 3 packets transmitted, 0 received, 100% packet loss

# The neighbour that does exist answers.
ip netns exec a ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr
