# Error messages of ip for common mistakes (what the kernel / iproute2 print, rc aside).

ip netns add ns1
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up

# File exists: the same route, link, namespace or address twice.
ip route add 10.9.0.0/16 via 10.0.0.2
ip route add 10.9.0.0/16 via 10.0.0.2
#> RTNETLINK answers: File exists
ip route add 10.9.0.0/16 via 10.0.0.3
#> RTNETLINK answers: File exists
ip link add veth0 type veth peer name veth9
#> RTNETLINK answers: File exists
ip netns add ns1
#> Cannot create namespace file "/run/netns/ns1": File exists
ip addr add 10.0.0.1/24 dev veth0
#> Error: ipv4: Address already assigned.
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0
#> RTNETLINK answers: File exists
ip rule add pref 100 from 10.0.0.0/24 table 100
ip rule add pref 100 from 10.0.0.0/24 table 100
#> RTNETLINK answers: File exists

# Cannot find device / does not exist.
ip link set veth9 up
#> Cannot find device "veth9"
ip addr add 10.0.5.1/24 dev veth9
#> Cannot find device "veth9"
ip route add 10.7.0.0/16 dev veth9
#> Cannot find device "veth9"
ip link show veth9
#> Device "veth9" does not exist.

# Nexthop has invalid gateway: the gateway is not on any connected subnet.
ip route add 10.6.0.0/16 via 192.0.2.1
#> Error: Nexthop has invalid gateway.
# ... unless declared on-link.
ip route add 10.6.0.0/16 via 192.0.2.1 dev veth0 onlink
ip route show 10.6.0.0/16
#> 10.6.0.0/16 via 192.0.2.1 dev veth0 onlink

# A down device: its subnet has no prefix route, so a gateway on it is "invalid"; a
# device route says the device is not up; onlink says so too, in other words.
ip link set veth1 down
ip addr add 10.1.0.1/24 dev veth1
ip route add 10.5.0.0/16 via 10.1.0.2 dev veth1
#> Error: Nexthop has invalid gateway.
ip route add 10.5.0.0/16 dev veth1
#> Error: Device for nexthop is not up.
ip route add 10.5.0.0/16 via 10.1.0.2 dev veth1 onlink
#> Error: Nexthop device is not up.

# No such process: deleting a route that does not exist.
ip route del 10.4.0.0/16
#> RTNETLINK answers: No such process
ip route del 10.9.0.0/16 via 10.0.0.99
#> RTNETLINK answers: No such process

# Address errors.
ip addr del 10.0.0.99/24 dev veth0
#> Error: ipv4: Address not found.
ip addr add 10.0.0.300/24 dev veth0
#> Error: any valid prefix is expected rather than "10.0.0.300/24".

# Neighbour / netns errors.
ip neigh del 10.0.0.8 dev veth0
#> RTNETLINK answers: No such file or directory
ip netns del ns9
#> Cannot remove namespace file "/run/netns/ns9": No such file or directory
ip netns exec ns9 ip link
#> Cannot open network namespace "ns9": No such file or directory
ip -n ns9 link
#> Cannot open network namespace "ns9": No such file or directory

# Unknown object / command.
ip foo
#> Object "foo" is unknown, try "ip help".
ip link frob
#> Command "frob" is unknown, try "ip link help".
ip route get 10.200.0.1
#> RTNETLINK answers: Network is unreachable
