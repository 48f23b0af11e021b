# iptables error messages and what each command does to tables that do not exist yet.

# Nothing below creates the raw table.
iptables -t raw -D PREROUTING 1
#> iptables: No chain/target/match by that name.
iptables -t raw -C PREROUTING -j ACCEPT
#> iptables: Bad rule (does a matching rule exist in that chain?).
iptables -t raw -X
iptables -t raw -F
iptables -t raw -E FOO BAR
#> iptables: No chain/target/match by that name.
iptables -t raw -L FOO
#> iptables v1.8.9 (nf_tables): chain `FOO' in table `raw' is incompatible, use 'nft' tool.
iptables -A FOO -j ACCEPT
#> iptables: No chain/target/match by that name.
iptables-save

# Chains.
iptables -N FOO
iptables -N FOO
#> iptables: Chain already exists.
iptables -N INPUT
#> iptables: Chain already exists.
iptables -N a-very-long-chain-name-more-than-28
#> iptables v1.8.9 (nf_tables): chain name `a-very-long-chain-name-more-than-28' too long (must be under 29 chars)
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -N -foo
#> iptables v1.8.9 (nf_tables): chain name not allowed to start with `-'
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A FOO -j ACCEPT
iptables -X FOO
#> iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain FOO
iptables -X INPUT
#> iptables: No chain/target/match by that name.
iptables -X BAR
#> iptables: No chain/target/match by that name.
iptables -E FOO INPUT
#> iptables: File exists.
iptables -E BAR BAZ
#> iptables: No chain/target/match by that name.
iptables -E FOO BAR
iptables -A INPUT -j BAR
iptables -X BAR
#> iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain BAR
iptables -L BAR
#> Chain BAR (1 references)
#> target     prot opt source               destination
#> ACCEPT     all  --  anywhere             anywhere
iptables -S NOPE
#> iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use 'nft' tool.
iptables -F NOPE
#> iptables: No chain/target/match by that name.
iptables -Z NOPE
#> iptables: No chain/target/match by that name.
iptables -P BAR ACCEPT
#> iptables: Bad built-in chain name.
iptables -P INPUT REJECT
#> iptables: Bad policy name. Run `dmesg' for more information.
iptables -P INPUT drop
#> iptables: Bad policy name. Run `dmesg' for more information.

# Rules by number and by specification.
iptables -D FORWARD 1
#> iptables: No chain/target/match by that name.
iptables -D INPUT 0
#> iptables v1.8.9 (nf_tables): Invalid rule number `0'
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -D FORWARD -j ACCEPT
#> iptables: Bad rule (does a matching rule exist in that chain?).
iptables -C FORWARD -j ACCEPT
#> iptables: Bad rule (does a matching rule exist in that chain?).
iptables -R FORWARD 2 -j ACCEPT
#> iptables: No chain/target/match by that name.
iptables -I FORWARD 2 -j ACCEPT
#> iptables: Index of insertion too big.
iptables -L INPUT FORWARD
#> iptables v1.8.9 (nf_tables): Invalid rule number `FORWARD'
#> Try `iptables -h' or 'iptables --help' for more information.

# Options.
iptables
#> iptables v1.8.9 (nf_tables): no command specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A
#> iptables v1.8.9 (nf_tables): option "-A" requires an argument
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t foo -L
#> iptables v1.8.9 (nf_tables): table 'foo' does not exist
#> Perhaps iptables or your kernel needs to be upgraded.
iptables -A INPUT -D INPUT
#> iptables v1.8.9 (nf_tables): Cannot use -D with -A
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -j NOPE
#> iptables v1.8.9 (nf_tables): Chain 'NOPE' does not exist
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m nope -j ACCEPT
#> iptables v1.8.9 (nf_tables): Couldn't load match `nope':No such file or directory
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT --dport 22 -j ACCEPT
#> iptables v1.8.9 (nf_tables): unknown option "--dport"
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m multiport --dports 1,2 -j ACCEPT
#> iptables v1.8.9 (nf_tables): multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT
#> iptables v1.8.9 (nf_tables): too many ports specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p icmp --icmp-type foo -j ACCEPT
#> iptables v1.8.9 (nf_tables): Unknown ICMP type `foo'
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -s 300.1.1.1 -j ACCEPT
#> iptables v1.8.9 (nf_tables): host/network `300.1.1.1' not found
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -s 1.2.3.4/33 -j ACCEPT
#> iptables v1.8.9 (nf_tables): invalid mask `33' specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -s1.2.3.4 -j ACCEPT
#> iptables v1.8.9 (nf_tables): host/network `-s1.2.3.4' not found
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -s 1.2.3.4 -s 1.2.3.5 -j ACCEPT
#> iptables v1.8.9 (nf_tables): multiple -s flags not allowed
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p foo -j ACCEPT
#> iptables v1.8.9 (nf_tables): unknown protocol "foo" specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p tcp --dport 70000 -j ACCEPT
#> iptables v1.8.9 (nf_tables): invalid port/service `70000' specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p tcp --syn --tcp-flags SYN SYN -j ACCEPT
#> iptables v1.8.9 (nf_tables): Only one of `--syn' or `--tcp-flags'  allowed
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -p tcp --tcp-flags FOO SYN -j ACCEPT
#> iptables v1.8.9 (nf_tables): Unknown TCP flag `FOO'
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -i eth0 -o veth+ -j ACCEPT
#> iptables v1.8.9 (nf_tables): Can't use -o with INPUT
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m conntrack --ctstate FOO -j ACCEPT
#> iptables v1.8.9 (nf_tables): Bad ctstate "FOO"
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m state --state SNAT -j ACCEPT
#> iptables v1.8.9 (nf_tables): Bad state "SNAT"
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m mark --mark foo -j ACCEPT
#> iptables v1.8.9 (nf_tables): mark: bad integer value for option "--mark", or out of range.
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m statistic --mode random --probability 2 -j ACCEPT
#> iptables v1.8.9 (nf_tables): statistic: bad value for option "--probability", or out of range (0-1).
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m statistic --mode nth --every 3 -j ACCEPT
#> iptables v1.8.9 (nf_tables): statistic: option "--every" also requires "--packet".
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m addrtype --dst-type FOO -j ACCEPT
#> iptables v1.8.9 (nf_tables): addrtype: bad type "FOO"
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -m comment -j ACCEPT
#> iptables v1.8.9 (nf_tables): comment: option "--comment" must be specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -j LOG --log-level 9
#> iptables v1.8.9 (nf_tables): log level "9" unknown
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -j MARK
#> iptables v1.8.9 (nf_tables): MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -j REJECT --reject-with foo
#> iptables v1.8.9 (nf_tables): unknown reject type "foo"
#> Try `iptables -h' or 'iptables --help' for more information.

# Where targets may go: the kernel refuses them (Invalid argument).
iptables -A INPUT -j DNAT --to-destination 1.2.3.4
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT
iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT
iptables -t nat -A INPUT -j DNAT --to-destination 1.2.3.4
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT
iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.2.3.4
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain POSTROUTING
iptables -t nat -A PREROUTING -j SNAT --to-source 1.2.3.4
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING
iptables -t nat -A OUTPUT -j MASQUERADE
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain OUTPUT
iptables -t nat -A PREROUTING -j REJECT
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING
iptables -t mangle -A PREROUTING -j REJECT
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING
iptables -t mangle -N Z
iptables -t mangle -A Z -j REJECT
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain Z
iptables -t nat -N X
iptables -t nat -A X -j DNAT --to-destination 1.2.3.4
iptables -t nat -A POSTROUTING -j X
#> iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain POSTROUTING
iptables -t nat -A PREROUTING -j X
iptables -t nat -A POSTROUTING -j SNAT
#> iptables v1.8.9 (nf_tables): SNAT: option "--to-source" must be specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -j DNAT
#> iptables v1.8.9 (nf_tables): DNAT: option "--to-destination" must be specified
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4:80
#> iptables v1.8.9 (nf_tables): Need TCP, UDP, SCTP or DCCP with port specification
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -j DNAT --to-destination foo
#> iptables v1.8.9 (nf_tables): Bad IP address "foo"
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports abc
#> iptables v1.8.9 (nf_tables): Port `abc' not valid
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 80-
#> iptables v1.8.9 (nf_tables): Port `' not valid
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -p udp -j REDIRECT --to-ports 53:54
#> iptables v1.8.9 (nf_tables): Invalid port:port syntax - use dash
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -t nat -A PREROUTING -j REDIRECT --to-ports 80
#> iptables v1.8.9 (nf_tables): Need TCP, UDP, SCTP or DCCP with port specification
#> Try `iptables -h' or 'iptables --help' for more information.
iptables -A INPUT -w -j ACCEPT
iptables -w 5 -A INPUT -j ACCEPT
iptables -S
#> -P INPUT ACCEPT
#> -P FORWARD ACCEPT
#> -P OUTPUT ACCEPT
#> -N BAR
#> -A INPUT -j BAR
#> -A INPUT -j ACCEPT
#> -A INPUT -j ACCEPT
#> -A BAR -j ACCEPT
iptables -t nat -S
#> -P PREROUTING ACCEPT
#> -P INPUT ACCEPT
#> -P OUTPUT ACCEPT
#> -P POSTROUTING ACCEPT
#> -N X
#> -A PREROUTING -j X
#> -A X -j DNAT --to-destination 1.2.3.4
