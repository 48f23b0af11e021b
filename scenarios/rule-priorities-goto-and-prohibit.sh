# Policy rules beyond "lookup": goto, prohibit, blackhole, unreachable.
# * Rules are tried by priority (pref). "goto N" jumps forward to the rule with pref N,
#   skipping the rules in between; a goto to a pref where no rule exists is shown as
#   "[unresolved]" and then does nothing.
# * Action rules end the lookup with an error: prohibit -> "Permission denied", blackhole
#   -> "Invalid argument", unreachable -> "Network is unreachable" (for a route of type
#   unreachable it would be "No route to host"). ping fails in connect() with the same
#   text, except for EACCES (prohibit), which iputils reports as "Do you want to ping
#   broadcast? Then -b. If not, check your local firewall rules".
#
#   a eth0 (10.0.0.1/24, 10.0.0.5/24) ---- (10.0.0.2) b

ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set lo up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.5/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add default via 10.0.0.2
ip -n a route add default via 10.0.0.3 table 100

ip -n a rule add pref 300 to 198.51.100.0/24 prohibit
ip -n a rule add pref 310 to 192.0.2.0/24 blackhole
ip -n a rule add pref 320 to 203.0.113.0/24 unreachable
ip -n a rule
#> 0:	from all lookup local
#> 300:	from all to 198.51.100.0/24 prohibit
#> 310:	from all to 192.0.2.0/24 blackhole
#> 320:	from all to 203.0.113.0/24 unreachable
#> 32766:	from all lookup main
ip -n a route get 198.51.100.1
#> RTNETLINK answers: Permission denied
ip -n a route get 192.0.2.1
#> RTNETLINK answers: Invalid argument
ip -n a route get 203.0.113.1
#> RTNETLINK answers: Network is unreachable
ip netns exec a ping -c 1 -W 1 198.51.100.1
#> ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules
ip netns exec a ping -c 1 -W 1 192.0.2.1
#> ping: connect: Invalid argument
ip netns exec a ping -c 1 -W 1 203.0.113.1
#> ping: connect: Network is unreachable

# goto: packets from 10.0.0.5 skip the prohibit rule (pref 300) and land in table 100.
ip -n a rule add pref 100 from 10.0.0.5 goto 400
ip -n a rule add pref 400 from 10.0.0.5 lookup 100
ip -n a rule show pref 100
#> 100:	from 10.0.0.5 goto 400
ip -n a route get 198.51.100.1 from 10.0.0.5
#> 198.51.100.1 from 10.0.0.5 via 10.0.0.3 dev eth0 table 100 uid 0
ip -n a route get 198.51.100.1 from 10.0.0.1
#> RTNETLINK answers: Permission denied

# goto to a pref without a rule: unresolved, the lookup goes on with the next rule.
ip -n a rule add pref 50 from 10.0.0.1 goto 60
ip -n a rule show pref 50
#> 50:	from 10.0.0.1 goto 60 [unresolved]
ip -n a route get 10.0.0.2 from 10.0.0.1
#> 10.0.0.2 from 10.0.0.1 dev eth0 uid 0
# goto backwards is refused.
ip -n a rule add pref 500 goto 100
#> Error: Backward goto not supported.
