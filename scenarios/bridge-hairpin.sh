# Hairpin mode ("reflective relay"). A bridge never sends a frame back out of the port it
# came in on, unless that port has "hairpin on". Here an access switch sw isolates its
# ports p1, p2 (isolated ports only talk to non-isolated ones, i.e. the uplink) and has
# learning off, so everything c1 sends goes up to the uplink bridge br0 (like a VEPA
# switch). br0 has a single port dn: both c1 and c2 are behind it, so without hairpin br0
# drops every frame between them (even the broadcast ARP request is not flooded back out
# of dn). With "bridge link set dev dn hairpin on", br0 reflects the frames back down dn
# and c1 reaches c2.
#
#   c1 (10.0.0.1) --- p1 [isolated] \
#                                    sw --- upl ====== dn [hairpin] br0
#   c2 (10.0.0.2) --- p2 [isolated] /

ip netns add c1
ip netns add c2
ip link add sw type bridge
ip link add br0 type bridge
ip link add p1 address 02:00:00:00:0b:01 type veth peer name eth0 netns c1
ip link add p2 address 02:00:00:00:0b:02 type veth peer name eth0 netns c2
ip link add upl address 02:00:00:00:0b:03 type veth peer name dn address 02:00:00:00:0c:01
ip -n c1 link set eth0 address 02:00:00:00:00:01
ip -n c2 link set eth0 address 02:00:00:00:00:02
ip link set p1 master sw
ip link set p2 master sw
ip link set upl master sw
ip link set dn master br0
bridge link set dev p1 isolated on learning off
bridge link set dev p2 isolated on learning off
bridge link set dev upl learning off
ip link set sw up
ip link set br0 up
ip link set p1 up
ip link set p2 up
ip link set upl up
ip link set dn up
ip -n c1 addr add 10.0.0.1/24 dev eth0
ip -n c2 addr add 10.0.0.2/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up

bridge -d link show dev dn
#> master br0 state forwarding priority 32 cost 2
#>     hairpin off
ip netns exec c1 ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 0 received, 100% packet loss
sleep 3
ip -n c1 neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 FAILED

bridge link set dev dn hairpin on
bridge -d link show dev dn
#>     hairpin on
ip netns exec c1 ping -c 2 10.0.0.2
#> 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64
#> 2 packets transmitted, 2 received, 0% packet loss
# br0 learned both MACs on the same port.
bridge fdb show br br0 brport dn
#> 02:00:00:00:00:0
#> 02:00:00:00:00:0
