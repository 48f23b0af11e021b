# `ip neigh get [proxy] ADDR dev DEV` (one entry in any state; iproute2 6.1 answers in text
# even under -j) and `ip -br neigh` (address padded to 39, device to 16 unless filtered,
# then the link address). Listing order on the kernel is hash order, so each `#>` names one
# entry only.

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a ping -c 1 10.0.0.2
ip -n a neigh
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:0b:01 REACHABLE
ip -n a neigh show 10.0.0.2
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:0b:01 REACHABLE
ip -n a neigh get 10.0.0.2 dev eth0
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:0b:01 REACHABLE
ip -n a neigh get 10.0.0.9 dev eth0
#> Error: Neighbour entry not found.
ip -n a -j neigh
#> [{"dst":"10.0.0.2","dev":"eth0","lladdr":"02:00:00:00:0b:01","state":["REACHABLE"]}]
ip -n a -br neigh
#> 10.0.0.2                                eth0             02:00:00:00:0b:01
ip -n a neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0
ip -n a neigh add 10.0.0.5 lladdr 02:00:00:00:00:06 dev eth0
#> RTNETLINK answers: File exists
ip -n a neigh replace 10.0.0.5 lladdr 02:00:00:00:00:06 dev eth0 nud reachable
ip -n a neigh change 10.0.0.6 lladdr 02:00:00:00:00:06 dev eth0
#> RTNETLINK answers: No such file or directory
ip -n a neigh add 10.0.0.7 dev eth0 nud noarp
#> Error: No link layer address given.
ip -n a neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev eth0 nud stale
ip -n a neigh add 10.0.0.9 lladdr zz dev eth0
#> "zz" is invalid lladdr.
ip -n a neigh add 10.0.0.10 dev eth0
#> Error: No link layer address given.
ip -n a neigh show nud permanent
ip -n a neigh show nud stale
#> 10.0.0.8 dev eth0 lladdr 02:00:00:00:00:08 STALE
ip -n a neigh show to 10.0.0.0/29
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:0b:01 REACHABLE
ip -n a neigh del 10.0.0.5 dev eth0
ip -n a neigh del 10.0.0.5 dev eth0
#> RTNETLINK answers: No such file or directory
ip -n a neigh flush nud permanent
ip -n a neigh
#> 10.0.0.2 dev eth0 lladdr 02:00:00:00:0b:01 REACHABLE
ip -n a neigh flush all
ip -n a neigh
ip -n a neigh add proxy 10.0.0.50 dev eth0
ip -n a neigh show proxy
#> 10.0.0.50 dev eth0 proxy
ip -n a -j neigh show proxy
#> [{"dst":"10.0.0.50","dev":"eth0","proxy":null}]
ip -n a neigh del proxy 10.0.0.50 dev eth0
ip netns exec a arp -n
ip netns exec a ip neigh add 10.0.0.2 lladdr 02:00:00:00:0b:01 dev eth0 nud permanent
ip netns exec a arp -n
#> Address                  HWtype  HWaddress           Flags Mask            Iface
ip netns exec a arp -an
#> ? (10.0.0.2) at 02:00:00:00:0b:01 [ether] PERM on eth0
ip -n a neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0
ip -n a neigh add 10.0.0.4 dev eth0 nud incomplete
ip -n a -br neigh
#> 10.0.0.2                                eth0             02:00:00:00:0b:01
ip -n a -br neigh show dev eth0
#> 10.0.0.2                                02:00:00:00:0b:01
ip -n a neigh get 10.0.0.4 dev eth0
#> 10.0.0.4 dev eth0 INCOMPLETE
ip -n a neigh get 10.0.0.3
#> Device and address are required arguments.
ip -n a neigh get 10.0.0.x dev eth0
#> Error: any valid address is expected rather than "10.0.0.x".
ip -n a neigh get dev eth0
#> Device and address are required arguments.
ip -n a neigh get 10.0.0.3 dev nope
#> Cannot find device "nope"
ip -n a neigh add proxy 10.0.0.50 dev eth0
ip -n a neigh get proxy 10.0.0.50 dev eth0
#> 10.0.0.50 dev eth0 proxy
ip -n a neigh get proxy 10.0.0.51 dev eth0
#> Error: Proxy neighbour entry not found.
ip -n a -j neigh get 10.0.0.3 dev eth0
#> 10.0.0.3 dev eth0 lladdr 02:00:00:00:00:03 PERMANENT

