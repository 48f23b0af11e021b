# How `ip link add|set|del` read their words (iproute2's iplink_parse) and what the kernel
# answers for bad values.
# * Some keywords match by any prefix: `a` is `address`, `b` `broadcast`, `m` `master`,
#   `t` `txqueuelen`, `d` `dynamic`, `n` `nomaster`; so `ip link add a type veth` fails and a
#   device named `b` must be given as `dev b`.
# * Without a name the kernel picks KIND%d; a veth's peer is registered first.
# * Errors: bad MACs (iproute2's lladdr parser, the kernel's EINVAL/EADDRNOTAVAIL), `master`
#   and `netns` looked up while parsing (nothing is created), on/off arguments.

ip link add x type bridge
ip link add y address zz type bridge
#> "zz" is invalid lladdr.
ip link set x address zz
#> "zz" is invalid lladdr.
ip link set x address 1:2:3:4:5:6:7
#> Invalid address length 7 - must be 6 bytes
ip link set x address 01:00:00:00:00:01
#> RTNETLINK answers: Cannot assign requested address
ip link add y address 1:2:3 type bridge
#> RTNETLINK answers: Invalid argument
ip link set x arp maybe
#> Error: argument of "arp" must be "on" or "off", not "maybe"
ip link add z netns nope type bridge
#> Error: argument "nope" is wrong: Invalid "netns" value
ip link set x master nope
#> Error: argument "nope" is wrong: Device does not exist
ip link add z master nope type bridge
#> Error: argument "nope" is wrong: Device does not exist
ip link add z mtu abc type bridge
#> Error: argument "abc" is wrong: Invalid "mtu" value
ip link show z
#> Device "z" does not exist.

ip link add a type veth
#> "type" is invalid lladdr.
ip link add m type bridge
#> Error: argument "type" is wrong: Device does not exist
ip link add t type bridge
#> Error: argument "type" is wrong: Invalid "txqueuelen" value
ip link add d type bridge
#> Error: argument of "dynamic" must be "on" or "off", not "type"
ip link add bb type veth peer name b
ip link set b up
#> "up" is invalid lladdr.
ip link set dev b up
ip link del a
#> Command line is not complete. Try option "help"

ip link add type veth
ip link add type bridge
ip link add n type veth peer name foo
ip -br link show
#> lo
#> x
#> b@bb
#> bb@b
#> veth0@veth1
#> veth1@veth0
#> bridge0
#> foo@veth2
#> veth2@foo
