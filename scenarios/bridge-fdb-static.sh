# Static FDB entries added by hand, and what "bridge fdb show" prints for each kind:
# "master static" -> "static"; "master" alone -> "permanent" (a LOCAL entry: frames to that
# MAC are delivered to the bridge itself); "master dynamic" -> no state word (ages like a
# learned entry); no master/self -> "self permanent" (the port device's own address list).
# A static entry is NOT sticky: when the MAC shows up as the source of a frame on another
# port, learning moves the entry there (it keeps "static"). With "sticky" it does not
# move, and frames for that MAC keep going to the wrong port.
# IPv6 is off so only the pings teach the bridge (see bridge-learning-flooding.sh).
#
#   ns1 (10.0.0.1) --- veth1-br  br0  veth2-br --- ns2 (10.0.0.2)

sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns add ns1
ip netns add ns2
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link set veth1-br address 02:00:00:00:0b:01
ip link set veth2-br address 02:00:00:00:0b:02
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up

bridge fdb add 02:00:00:00:00:aa dev veth1-br master static
bridge fdb add 02:00:00:00:00:bb dev veth1-br master
bridge fdb add 02:00:00:00:00:cc dev veth1-br master dynamic
bridge fdb add 02:00:00:00:00:dd dev veth1-br
bridge fdb show br br0 brport veth1-br
#> 02:00:00:00:00:cc master br0
#> 02:00:00:00:00:bb master br0 permanent
#> 02:00:00:00:00:aa master br0 static
#> 02:00:00:00:0b:01 master br0 permanent
#> 02:00:00:00:00:dd self permanent
bridge fdb add 02:00:00:00:00:aa dev veth1-br master static
#> RTNETLINK answers: File exists
bridge fdb replace 02:00:00:00:00:aa dev veth2-br master static
bridge fdb get 02:00:00:00:00:aa br br0
#> 02:00:00:00:00:aa dev veth2-br master br0 static
bridge fdb del 02:00:00:00:00:ee dev veth1-br master
#> RTNETLINK answers: No such file or directory

# ns2's MAC put statically on the WRONG port: the first frames go to veth1-br, but ns2's
# ARP reply moves the entry to veth2-br and the ping works.
bridge fdb add 02:00:00:00:00:02 dev veth1-br master static
ip netns exec ns1 ping -c 1 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
bridge fdb get 02:00:00:00:00:02 br br0
#> 02:00:00:00:00:02 dev veth2-br master br0 static

# The same with "sticky": the entry stays on veth1-br and the echo requests never reach ns2.
bridge fdb del 02:00:00:00:00:02 dev veth2-br master
bridge fdb add 02:00:00:00:00:02 dev veth1-br master static sticky
ip -n ns1 neigh flush dev eth0
ip netns exec ns1 ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
bridge fdb get 02:00:00:00:00:02 br br0
#> 02:00:00:00:00:02 dev veth1-br sticky master br0 static
