# Bridge MAC learning. IPv6 is switched off in every namespace so the kernel sends no frames
# by itself (no MLD reports, DAD or router solicitations, which would otherwise teach the
# bridge every MAC before any ping). Every veth end has a fixed MAC, the namespace ends
# 02:00:00:00:00:0N and the bridge ports 02:00:00:00:0b:0N, so FDB lines can be checked
# (br0 takes the lowest port MAC, veth1-br's, and has no local entry of its own).
#
# Before any traffic br0 only has local entries ("permanent": each port's own MAC) and the
# multicast "self" entries. ns1 pings ns2: the ARP request is broadcast, so br0 FLOODS it to
# every port (ns3 receives it too) and learns ns1's MAC on veth1-br; the reply teaches it
# ns2's MAC on veth2-br. Learned entries print no state word. ns3 sent nothing: no entry.

sysctl -w net.ipv6.conf.all.disable_ipv6=1
#> net.ipv6.conf.all.disable_ipv6 = 1
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
#> net.ipv6.conf.all.disable_ipv6 = 1
ip netns exec ns2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns3 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add br0 type bridge
ip link add veth1-br address 02:00:00:00:0b:01 type veth peer name eth0 netns ns1 address 02:00:00:00:00:01
ip link add veth2-br address 02:00:00:00:0b:02 type veth peer name eth0 netns ns2 address 02:00:00:00:00:02
ip link add veth3-br address 02:00:00:00:0b:03 type veth peer name eth0 netns ns3 address 02:00:00:00:00:03
ip link set veth1-br master br0
ip link set veth2-br master br0
ip link set veth3-br master br0
ip link set br0 up
ip link set veth1-br up
ip link set veth2-br up
ip link set veth3-br up
ip -n ns1 addr add 10.0.0.1/24 dev eth0
ip -n ns2 addr add 10.0.0.2/24 dev eth0
ip -n ns3 addr add 10.0.0.3/24 dev eth0
ip -n ns1 link set eth0 up
ip -n ns2 link set eth0 up
ip -n ns3 link set eth0 up

# Only local entries so far.
bridge fdb show br br0
#> 33:33:00:00:00:01 dev br0 self permanent
#> 01:00:5e:00:00:01 dev br0 self permanent
#> 02:00:00:00:0b:01 dev veth1-br master br0 permanent
#> 01:00:5e:00:00:01 dev veth1-br self permanent
#> 02:00:00:00:0b:02 dev veth2-br master br0 permanent
#> 02:00:00:00:0b:03 dev veth3-br master br0 permanent
bridge fdb get 02:00:00:00:00:01 br br0
#> Error: Fdb entry not found.

ip netns exec ns1 ping -c 2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
bridge fdb show br br0
#> 33:33:00:00:00:01 dev br0 self permanent
#> 02:00:00:00:00:01 dev veth1-br master br0
#> 02:00:00:00:0b:01 dev veth1-br master br0 permanent
#> 02:00:00:00:00:02 dev veth2-br master br0
#> 02:00:00:00:0b:02 dev veth2-br master br0 permanent
#> 02:00:00:00:0b:03 dev veth3-br master br0 permanent
bridge fdb show br br0 brport veth2-br
#> 02:00:00:00:00:02 master br0
#> 02:00:00:00:0b:02 master br0 permanent
#> 33:33:00:00:00:01 self permanent
bridge fdb get 02:00:00:00:00:01 br br0
#> 02:00:00:00:00:01 dev veth1-br master br0
bridge fdb get 02:00:00:00:00:03 br br0
#> Error: Fdb entry not found.

# Turning learning off on a port: ns3's frames are forwarded but its MAC is not learned.
bridge link set dev veth3-br learning off
bridge -d link show dev veth3-br
#> 5: veth3-br@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
#>     hairpin off guard off root_block off fastleave off learning off flood on mcast_flood on bcast_flood on
ip netns exec ns3 ping -c 1 10.0.0.1
#> 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64
#> 1 packets transmitted, 1 received, 0% packet loss
bridge fdb get 02:00:00:00:00:03 br br0
#> Error: Fdb entry not found.
