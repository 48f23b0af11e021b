# `ip rule ... fwmark MARK[/MASK]` as the kernel stores it (net/core/fib_rules.c fib_nl2rule):
# without a mask a non-zero mark compares every bit, but mark 0 gets mask 0, so
# `fwmark 0` matches every packet and is dumped without a fwmark (rules 100 and 102).
# Mark 0 with an explicit non-zero mask is kept (`fwmark 0/0xff`; `0/0xffffffff` prints as
# `fwmark 0` and matches only unmarked packets); `5/0` matches every mark. iproute2 prints
# marks with %#x, so zero is `0`, not `0x0`.
# Deleting (rule_find): the request's mark and mask narrow the search only when non-zero,
# so `del fwmark 0 table 101` finds the 0/0xff rule and `del fwmark 0x10/0` the 0x10 rule.

ip netns add a
ip link add va netns a type veth peer name vb
ip -n a link set va up
ip -n a addr add 10.1.0.1/24 dev va
ip -n a rule add fwmark 0 table 100 pref 100
ip -n a rule add fwmark 0/0xff table 101 pref 101
ip -n a rule add fwmark 0x0/0 table 102 pref 102
ip -n a rule add fwmark 5/0 table 103 pref 103
ip -n a rule add fwmark 0/0xffffffff table 104 pref 104
ip -n a rule add fwmark 0x10 table 105 pref 105
ip -n a rule add fwmark 0 table 100 pref 100
#> RTNETLINK answers: File exists
ip -n a rule
#> 0:	from all lookup local
#> 100:	from all lookup 100
#> 101:	from all fwmark 0/0xff lookup 101
#> 102:	from all lookup 102
#> 103:	from all fwmark 0x5/0 lookup 103
#> 104:	from all fwmark 0 lookup 104
#> 105:	from all fwmark 0x10 lookup 105
#> 32766:	from all lookup main
#> 32767:	from all lookup default
ip -n a -j rule
#> [{"priority":0,"src":"all","table":"local"},{"priority":100,"src":"all","table":"100"},{"priority":101,"src":"all","fwmark":"0","fwmask":"0xff","table":"101"},{"priority":102,"src":"all","table":"102"},{"priority":103,"src":"all","fwmark":"0x5","fwmask":"0","table":"103"},{"priority":104,"src":"all","fwmark":"0","table":"104"},{"priority":105,"src":"all","fwmark":"0x10","table":"105"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]
ip -n a route add 10.9.0.0/16 dev va table 100
ip -n a route get 10.9.0.1 mark 7
#> 10.9.0.1 dev va table 100 src 10.1.0.1 mark 7 uid 0
ip -n a rule del fwmark 0 table 100 pref 100
ip -n a route add 10.9.0.0/16 dev va table 103
ip -n a route get 10.9.0.1 mark 7
#> 10.9.0.1 dev va table 103 src 10.1.0.1 mark 7 uid 0
ip -n a rule del fwmark 0 table 103
ip -n a route add 10.9.0.0/16 dev va table 104
ip -n a route get 10.9.0.1 mark 7
#> RTNETLINK answers: Network is unreachable
ip -n a route get 10.9.0.1
#> 10.9.0.1 dev va table 104 src 10.1.0.1 uid 0
ip -n a rule del fwmark 0 table 101
ip -n a rule del fwmark 0x10/0 pref 105
ip -n a rule del fwmark 0x10 pref 105
#> RTNETLINK answers: No such file or directory
ip -n a rule
#> 0:	from all lookup local
#> 102:	from all lookup 102
#> 104:	from all fwmark 0 lookup 104
#> 32766:	from all lookup main
#> 32767:	from all lookup default
