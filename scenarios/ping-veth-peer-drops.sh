# A veth whose peer cannot take the frame: what ping prints and where the drops are counted.
# * b's end has mtu 1280, a's end 1500. veth_xmit -> __dev_forward_skb -> __is_skb_forwardable
#   lets a frame through up to the peer's mtu + 14 (hard header) + 4 (VLAN_HLEN): a 1284-byte
#   echo (a 1298-byte frame) passes although it exceeds b's MTU, and b's 1284-byte reply
#   leaves b in two fragments. One byte more (1285) is refused: the skb is dropped, counted in
#   a's TX "dropped" (priv->dropped) and b's RX "dropped" (rx_dropped), not in a's TX packets,
#   and dev_queue_xmit's NET_XMIT_DROP becomes ENOBUFS for the sender (net_xmit_errno).
# * iputils treats ENOBUFS as a full device queue (pinger(): oom_count, nores_interval =
#   min(SCHINT(interval/2), 500ms)): the same probe is retried while oom_count * nores_interval
#   < linger time -W, then given up as a hard error, "ping: sendmsg: No buffer space
#   available", counted as transmitted (no "+errors"). The token bucket spaces the retries a
#   whole interval apart (200 ms here, seen in the kernel's capture). 11 drops: 10 tries for
#   the first probe (10 * 100 ms reaches -W 1), 1 for the second (oom_count is not reset).
# * Peer down: a's carrier goes away (NO-CARRIER, route "linkdown"); the neighbour entry is
#   flushed on carrier loss (arp_evict_nocarrier=1: arp_netdev_event NETDEV_CHANGE ->
#   neigh_carrier_down), so the ping re-resolves it: the ARP requests are dropped by the
#   noop qdisc (linkwatch's dev_deactivate ran before the ping) and counted in a's TX
#   "dropped" only (13), b's counters stay; the entry is INCOMPLETE; ping prints no error line.
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
ip -n b link set eth0 mtu 1280
ip netns exec a ping -c 1 -W 1 -s 1256 10.0.0.2
#> 1264 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
ip netns exec a ping -c 2 -i 0.2 -W 1 -s 1257 10.0.0.2
#> PING 10.0.0.2 (10.0.0.2) 1257(1285) bytes of data.
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
