# A veth whose peer cannot take the frame: what ping prints and where the drops are counted.
# * b's end has mtu 1000, a's end 1500. A 1228-byte echo fits a's MTU, so a sends it as one
#   frame, but veth_xmit -> __dev_forward_skb -> is_skb_forwardable() rejects a frame larger
#   than the peer's MTU: the skb is dropped, counted in a's TX "dropped" and b's RX
#   "dropped", and dev_queue_xmit's NET_XMIT_DROP becomes ENOBUFS for the sender.
# * iputils treats ENOBUFS as a full device queue (pinger(): oom_count, the probe is retried
#   every min(interval/2, 500ms) while oom_count * that < linger time -W, then given up as a
#   hard error, "ping: sendmsg: No buffer space available", and counted as transmitted).
#   Our reading of the 11 drops: 10 tries for the first probe (100 ms apart, -W 1), 1 for the
#   second (oom_count is not reset). Observed: 11 drops on both ends, 2 error lines,
#   2 transmitted, 0 received, no "+errors", about 2 s of run time.
# * Peer down: a's carrier goes away (NO-CARRIER, route "linkdown"); the neighbour entry is
#   flushed on carrier loss (arp_evict_nocarrier=1: arp_netdev_event NETDEV_CHANGE ->
#   neigh_carrier_down), so the ping re-resolves it: ARP requests are dropped in veth_xmit
#   (peer not up) and counted in a's TX "dropped" only (13), b's counters stay; the entry is
#   INCOMPLETE; ping prints no error line.
# * a's own link down: "connect: Network is unreachable", counters unchanged.

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
ip -n b link set eth0 mtu 1000
ip netns exec a ping -c 2 -i 0.2 -W 1 -s 1200 10.0.0.2
#> PING 10.0.0.2 (10.0.0.2) 1200(1228) bytes of data.
#> ping: sendmsg: No buffer space available
#> ping: sendmsg: No buffer space available
#> 2 packets transmitted, 0 received, 100% packet loss
ip -n a -s link show dev eth0
#> RX:  bytes packets errors dropped  missed   mcast
#>       0       0       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>       0      11       0       0
ip -n b -s link show dev eth0
#> RX:  bytes packets errors dropped  missed   mcast
#>       0      11       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>       0       0       0       0
ip -n b link set eth0 mtu 1500
ip -n b link set eth0 down
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
#> 2 packets transmitted, 0 received, 100% packet loss
ip -n a link show dev eth0
#> eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN
ip -n a route show
#> 10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 linkdown
ip -n a neigh show
#> 10.0.0.2 dev eth0 INCOMPLETE
ip -n a -s link show dev eth0
#> TX:  bytes packets errors dropped carrier collsns
#>       0      13       0       0
ip -n b -s link show dev eth0
#> RX:  bytes packets errors dropped  missed   mcast
#>       0      11       0       0
ip -n a link set eth0 down
ip netns exec a ping -c 1 -W 1 10.0.0.2
#> ping: connect: Network is unreachable
