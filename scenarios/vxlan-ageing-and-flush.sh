# Learned entries age by a timer, not the moment they expire: `vxlan_open` arms the ageing
# timer 10 s (FDB_AGE_INTERVAL) ahead and each run re-arms it for the next expiry. With
# `ageing 3`, an entry learned right after the device came up expires at 3 s but is still
# listed at 6 s; the timer's first run at 10 s removes it.
# * `ip link set DEV down` flushes the learned (dynamic) entries at once (`vxlan_stop`),
#   keeping permanent and static ones.

ip netns add a
ip netns add b
ip netns exec a sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip netns exec b sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip -n a link add eth0 address 02:00:00:00:00:01 type veth peer name eth0 address 02:00:00:00:00:02 netns b
ip -n a addr add 192.0.2.1/24 dev eth0
ip -n b addr add 192.0.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link add vx0 address 02:00:00:00:0a:01 type vxlan id 42 remote 192.0.2.2 dstport 4789
ip -n b link add vx0 address 02:00:00:00:0a:02 type vxlan id 42 remote 192.0.2.1 dstport 4789 ageing 3
bridge -n b fdb add 02:00:00:00:00:99 dev vx0 dst 192.0.2.9 static
ip -n a addr add 10.0.0.1/24 dev vx0
ip -n b addr add 10.0.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
sleep 6
bridge -n b fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.1 self 
sleep 6
bridge -n b fdb show dev vx0
#> 00:00:00:00:00:00 dst 192.0.2.1 self permanent
ip netns exec a ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
bridge -n b fdb show dev vx0
#> 02:00:00:00:0a:01 dst 192.0.2.1 self 
ip -n b link set vx0 down
bridge -n b fdb show dev vx0
#> 02:00:00:00:00:99 dst 192.0.2.9 self static
