# `ip -s link show dev lo` after pings to 127.0.0.1.
# * lo's counters are bumped in loopback_xmit() after eth_type_trans() has pulled the 14-byte
#   Ethernet header, so each 56-byte-payload echo counts 84 bytes (IP header + ICMP), not 98:
#   a ping -c 2 (2 requests + 2 replies) adds 4 packets / 336 bytes to both RX and TX.
# * -s 1000: 1028-byte packets, 2 of them.
# * `ip -s -s` adds the "RX errors:" / "TX errors:" detail lines.
# * With lo down, a ping to 127.0.0.1 is dropped at lo's xmit: TX "dropped" becomes 1 and no
#   other counter moves (no reply).

ip netns add a
ip -n a link set lo up
ip -n a -s link show dev lo
#> RX:  bytes packets errors dropped  missed   mcast
#>           0       0      0       0       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>           0       0      0       0       0       0
ip netns exec a ping -c 2 -i 0.2 127.0.0.1
#> 2 packets transmitted, 2 received, 0% packet loss
ip -n a -s link show dev lo
#> RX:  bytes packets errors dropped  missed   mcast
#>         336       4      0       0       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>         336       4      0       0       0       0
ip netns exec a ping -c 1 -s 1000 127.0.0.1
#> 1008 bytes from 127.0.0.1: icmp_seq=1 ttl=64
ip -n a -s link show dev lo
#> RX:  bytes packets errors dropped  missed   mcast
#>        2392       6      0       0       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>        2392       6      0       0       0       0
ip -n a -s -s link show dev lo
#> RX:  bytes packets errors dropped  missed   mcast
#> RX errors:  length    crc   frame    fifo overrun
#> TX:  bytes packets errors dropped carrier collsns
#> TX errors: aborted   fifo  window heartbt transns
ip -n a link set lo down
ip netns exec a ping -c 1 -W 1 127.0.0.1
#> 1 packets transmitted, 0 received, 100% packet loss
ip -n a -s link show dev lo
#> RX:  bytes packets errors dropped  missed   mcast
#>        2392       6      0       0       0       0
#> TX:  bytes packets errors dropped carrier collsns
#>        2392       6      0       1       0       0
