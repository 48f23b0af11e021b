# The main table of a namespace does not exist until something creates it: fib_new_table
# creates it as the alias of the local table (no custom rules: fib4 tables are merged) when
# the first local route goes in, here when lo comes up. Before that, `ip route flush table
# main` fails (inet_dump_fib with a table filter: "ipv4: FIB table does not exist.", ENOENT,
# and iproute2 says "Flush terminated", exit 2), while `ip route show table main` prints
# nothing and succeeds. pathsim creates the main table with the namespace.

ip netns add a
ip -n a route flush table main
#> Error: ipv4: FIB table does not exist.
#> Flush terminated
ip -n a route show table main
ip -n a link set lo up
ip -n a route flush table main
ip -n a route show table main
