# Which table `ip route get` reports for a local destination depends on whether the
# namespace has EVER had a custom policy rule.
#
# Kernel behaviour pinned here (net/ipv4/fib_frontend.c fib_lookup / fib_new_table,
# net/ipv4/fib_trie.c fib_unmerge, net/ipv4/fib_rules.c fib4_rule_configure sets
# net->ipv4.fib_has_custom_rules and never clears it; route.c inet_rtm_getroute reports
# res.table->tb_id):
# - in a fresh namespace the local and main tables share one trie and the lookup is done in
#   main: `ip route get 127.0.0.1` prints no table (main is omitted), `ip -j` has no "table"
#   key, and `ip -d` (which always prints the table) says `table main`.
# - once a rule is added the tables are unmerged and lookups walk the rules: the answer says
#   `table local` (text and JSON).
# - deleting the rule again does not re-merge: `table local` stays.

ip netns add a
ip -n a link set lo up
ip -n a route get 127.0.0.1
#> local 127.0.0.1 dev lo src 127.0.0.1 uid 0
ip -n a -j route get 127.0.0.1
#> [{"type":"local","dst":"127.0.0.1","dev":"lo","prefsrc":"127.0.0.1","flags":[],"uid":0,"cache":["local"]}]
ip -n a -d route get 127.0.0.1
#> local 127.0.0.1 dev lo table main src 127.0.0.1 uid 0
ip -n a rule add from 10.9.0.0/16 table 100 priority 100
ip -n a route get 127.0.0.1
#> local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0
ip -n a -j route get 127.0.0.1
#> [{"type":"local","dst":"127.0.0.1","dev":"lo","table":"local","prefsrc":"127.0.0.1","flags":[],"uid":0,"cache":["local"]}]
ip -n a rule del priority 100
ip -n a rule show
#> 0:	from all lookup local
#> 32766:	from all lookup main
#> 32767:	from all lookup default
ip -n a route get 127.0.0.1
#> local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0
ip -n a -d route get 127.0.0.1
#> local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0
