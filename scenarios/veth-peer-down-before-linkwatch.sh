# A veth whose peer went down a moment ago. The carrier loss waits for linkwatch (a
# non-urgent event: both ends are ifindex 2, so iflink == ifindex, and the link-up batch ran
# just before), so the queue is still active and frames reach veth_xmit, where
# __is_skb_forwardable refuses them (peer not up): each is a TX drop on a (priv->dropped) and
# an RX drop on b (rx_dropped), and ENOBUFS for ping, which retries the probe every 300 ms
# (-i 0.3; oom_count * 150 ms < -W 1.5): 4 refused tries (0, .3, .6, .9 s). Then linkwatch
# handles the carrier loss (dev_deactivate: noop qdisc; neigh_carrier_down flushes 10.0.0.2);
# the try at 1.2 s is queued on a new INCOMPLETE entry, which is success for ping (no error
# line, 1 transmitted); its ARP probes die in noop_enqueue (TX drops on a only: 4 + 2 by the
# time ping ends at 2.7 s) and the entry ends FAILED. IPv6 is off so no link-up frames race
# with the counters.

ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n a link set lo up
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -i 0.3 -W 1.5 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n b link set eth0 down
ip netns exec a ping -c 1 -i 0.3 -W 1.5 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a -s link show dev eth0
#> 140       2      0       6       0       0
ip -n b -s link show dev eth0
#> 140       2      0       4       0       0
sleep 4
ip -n a neigh show
#> 10.0.0.2 dev eth0 FAILED
