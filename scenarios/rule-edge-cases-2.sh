# `ip rule` edge cases: what `ip rule flush` really removes, `ip rule del` without arguments,
# rules on a device that does not exist, host bits in a rule prefix, duplicates, the JSON
# keys of special actions, and iproute2's error texts.
#
# Kernel / iproute2 behaviour pinned here (net/core/fib_rules.c fib_nl_newrule /
# fib_nl_delrule / fib_nl_fill_rule; iproute2 ip/iprule.c flush_rule / print_rule):
# - `ip rule add` without a priority takes (lowest non-zero priority) - 1; the same rule
#   added twice is accepted (iproute2 sends no NLM_F_EXCL) unless the priority is given
#   explicitly and equal, then "File exists".
# - a rule prefix keeps its host bits: `from 10.9.0.1/16` is shown as 10.9.0.1/16.
# - `iif nosuchdev` is accepted and shown `[detached]` (JSON "iif_detached":null).
# - JSON: `nop` is "nop":null, a goto to a missing priority is "goto":N,"unresolved":null,
#   `tos` is "tos":"0x10", suppress_prefixlength is "suppress_prefixlen":0.
# - `ip rule del` with no selector is refused by iproute2: "\"ip rule del\" requires
#   arguments."
# - `ip rule flush` deletes every rule whose dump carries FRA_PRIORITY, i.e. every rule with
#   a non-zero priority, INCLUDING 32766 (main) and 32767 (default); rules at priority 0 stay
#   (the kernel omits FRA_PRIORITY for 0). Afterwards `del priority 32766` is "No such file
#   or directory".
# - `from bogus`: "any valid prefix is expected"; `table foo`: "invalid table ID";
#   priority 2^32: "preference value is invalid".

ip netns add a
ip -n a link set lo up
ip -n a rule add from 10.1.0.0/24 table 100
ip -n a rule add from 10.1.0.0/24 table 100
ip -n a rule add to 10.2.0.0/16 table 101 priority 50
ip -n a rule add to 10.2.0.0/16 table 101 priority 50
#> RTNETLINK answers: File exists
ip -n a rule add from 10.9.0.1/16 table 110 priority 60
ip -n a rule add iif nosuchdev table 109 priority 70
ip -n a rule add from 10.7.0.0/16 nop priority 80
ip -n a rule add from 10.8.0.0/16 goto 40000 priority 90
ip -n a rule add tos 0x10 table 107 priority 95
ip -n a rule add table main suppress_prefixlength 0 priority 96
ip -n a rule add from 10.4.0.0/16 blackhole pref 0
ip -n a rule show
#> 0:	from all lookup local
#> 0:	from 10.4.0.0/16 blackhole
#> 50:	from all to 10.2.0.0/16 lookup 101
#> 60:	from 10.9.0.1/16 lookup 110
#> 70:	from all iif nosuchdev [detached] lookup 109
#> 80:	from 10.7.0.0/16 nop
#> 90:	from 10.8.0.0/16 goto 40000 [unresolved]
#> 95:	from all tos 0x10 lookup 107
#> 96:	from all lookup main suppress_prefixlength 0
#> 32764:	from 10.1.0.0/24 lookup 100
#> 32765:	from 10.1.0.0/24 lookup 100
#> 32766:	from all lookup main
#> 32767:	from all lookup default
ip -n a -j rule show
#> {"priority":70,"src":"all","iif":"nosuchdev","iif_detached":null,"table":"109"}
#> {"priority":80,"src":"10.7.0.0","srclen":16,"nop":null}
#> {"priority":90,"src":"10.8.0.0","srclen":16,"goto":40000,"unresolved":null}
#> {"priority":95,"src":"all","tos":"0x10","table":"107"}
#> {"priority":96,"src":"all","table":"main","suppress_prefixlen":0}

ip -n a rule add from bogus table 110
#> Error: any valid prefix is expected rather than "bogus".
ip -n a rule add from 10.9.0.0/16 table foo
#> Error: argument "foo" is wrong: invalid table ID
ip -n a rule add priority 4294967296 table 110
#> Error: argument "4294967296" is wrong: preference value is invalid
ip -n a rule del priority 12345
#> RTNETLINK answers: No such file or directory
ip -n a rule del
#> "ip rule del" requires arguments.

ip -n a rule flush
ip -n a rule show
#> 0:	from all lookup local
#> 0:	from 10.4.0.0/16 blackhole
ip -n a rule del priority 32766
#> RTNETLINK answers: No such file or directory
ip -n a rule add priority 32766 table main
ip -n a rule show
#> 0:	from all lookup local
#> 32766:	from all lookup main
