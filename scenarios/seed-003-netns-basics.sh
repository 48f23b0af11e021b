# Seed 003 (网络架构师学习手册 第10章), experiment 1: create, list, inspect and delete
# network namespaces. A new namespace has only lo, DOWN, without addresses.

ip netns add ns1
ip netns add ns2
ip netns list
#> ns2
#> ns1
ip netns exec ns1 ip addr show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
#>     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
ip netns exec ns2 ip addr show
#> 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
ip netns exec ns1 ip route show
ip netns del ns1
ip netns del ns2
ip netns list
# Deleting it again fails.
ip netns del ns1
#> Cannot remove namespace file "/run/netns/ns1": No such file or directory
