# Bridge FDB ageing: a learned entry disappears ageing_time after the bridge last saw a
# frame from that MAC (default 300 s). Set it to 3 s (ageing_time is in 1/100 s), ping, and
# sleep past it. After the ping, ns2 refreshes its ARP entry for ns1 with a unicast probe
# about 5 s later, which refreshes the FDB entries too, so we sleep 15 s.
# IPv6 is off (no background frames) and every veth end has a fixed MAC, see
# bridge-learning-flooding.sh.

sysctl -w net.ipv6.conf.all.disable_ipv6=1
#> net.ipv6.conf.all.disable_ipv6 = 1
ip netns add ns1
ip netns add ns2
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up

ip -d link show br0
#> 2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
#> bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0
ip link set br0 type bridge ageing_time 300
ip -d link show br0
#> ageing_time 300 stp_state 0

ip netns exec ns1 ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
bridge fdb show br br0 brport veth1-br
#> 02:00:00:00:00:01 master br0
#> 02:00:00:00:0b:01 master br0 permanent
bridge fdb get 02:00:00:00:00:02 br br0
#> 02:00:00:00:00:02 dev veth2-br master br0
sleep 15
bridge fdb get 02:00:00:00:00:01 br br0
#> Error: Fdb entry not found.
bridge fdb get 02:00:00:00:00:02 br br0
#> Error: Fdb entry not found.
# The local entries never age.
bridge fdb show br br0 brport veth1-br
#> 02:00:00:00:0b:01 master br0 permanent
#> 33:33:00:00:00:01 self permanent

# Traffic again: relearned.
ip netns exec ns1 ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss
bridge fdb get 02:00:00:00:00:01 br br0
#> 02:00:00:00:00:01 dev veth1-br master br0
