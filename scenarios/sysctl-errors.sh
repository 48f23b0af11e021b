# sysctl (procps-ng) against a fresh network namespace: error texts, -q/-n/-e/-N, odd values.
# * A key that does not exist: "sysctl: cannot stat /proc/sys/<path>: No such file or
#   directory", with -n and -q too (-q only silences the "key = value" echo of -w); -e
#   silences it (not asserted: no output). This holds under every top directory (net.core,
#   net.ipv6, kernel, fs, ...): pathsim knows which files exist (sim/src/cmd/sysctl/files.rs,
#   other_tops.txt, listed from this kernel in a fresh network namespace).
# * Writing a read-only key (mode 0444: conf.*.mc_forwarding, tcp_available_congestion_control,
#   and outside the initial namespace net.core.rmem_max & co; kernel.osrelease): "sysctl:
#   setting key "...": Invalid argument", the value stays, the exit status stays 0, and the
#   next key is still written.
# * "-w key = value" as three words: "command line(0): invalid syntax, continuing..." (a -w
#   argument without '='); "key= 1" writes the empty value, which the kernel rejects:
#   "setting key ...: Invalid argument"; one quoted word "key = value" is accepted (procps
#   trims the spaces around '=').
# * Several keys in one -w: each is handled in order, an error in the middle does not stop
#   the rest, and the error appears between the two echoes.
# * proc_dointvec with no bounds: ip_forward accepts -1 and 2 and echoes them back; values
#   outside int range or an empty value are "Invalid argument". ip_default_ttl is bounded
#   1..255. A write to conf.DEV.rp_filter accepts 3 (no bounds).
# * neigh.DEV.retrans_time_ms=500 shows up as retrans_time = 50 (in USER_HZ ticks).
# * -wq is silent; an option after the key still applies (-n); -N prints the name only.
# * Slashes are accepted as separators: net/ipv4/ip_forward.
# * ip_forward=1 propagates to every conf.DEV.forwarding (devinet_sysctl_forward ->
#   inet_forward_change).

ip netns add a
ip -n a link add v0 type veth peer name v1

ip netns exec a sysctl net.ipv4.nosuch
#> sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory
ip netns exec a sysctl -n net.ipv4.nosuch
#> sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory
ip netns exec a sysctl -q -w net.ipv4.nosuch=1
#> sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory
ip netns exec a sysctl -e net.ipv4.nosuch
ip netns exec a sysctl net.ipv4.conf.nosuch.rp_filter
#> sysctl: cannot stat /proc/sys/net/ipv4/conf/nosuch/rp_filter: No such file or directory
ip netns exec a sysctl net.core.nosuch
#> sysctl: cannot stat /proc/sys/net/core/nosuch: No such file or directory
ip netns exec a sysctl kernel.nosuch
#> sysctl: cannot stat /proc/sys/kernel/nosuch: No such file or directory
ip netns exec a sysctl fs.nosuch
#> sysctl: cannot stat /proc/sys/fs/nosuch: No such file or directory

ip netns exec a sysctl -w net.ipv4.conf.v0.mc_forwarding=1
#> sysctl: setting key "net.ipv4.conf.v0.mc_forwarding": Invalid argument
ip netns exec a sysctl -w net.ipv4.conf.all.mc_forwarding=1
#> sysctl: setting key "net.ipv4.conf.all.mc_forwarding": Invalid argument
ip netns exec a sysctl -w net.ipv4.tcp_available_congestion_control=reno
#> sysctl: setting key "net.ipv4.tcp_available_congestion_control": Invalid argument
ip netns exec a sysctl -w net.core.rmem_max=4096 net.ipv4.ip_default_ttl=65
#> sysctl: setting key "net.core.rmem_max": Invalid argument
#> net.ipv4.ip_default_ttl = 65
ip netns exec a sysctl -w kernel.osrelease=1.0
#> sysctl: setting key "kernel.osrelease": Invalid argument
ip netns exec a sysctl kernel.osrelease.x
#> sysctl: cannot stat /proc/sys/kernel/osrelease/x: Not a directory
ip netns exec a sysctl -w vm.nosuch=1
#> sysctl: cannot stat /proc/sys/vm/nosuch: No such file or directory

ip netns exec a sysctl -w net.ipv4.ip_forward = 1
#> sysctl: command line(0): invalid syntax, continuing...
ip netns exec a sysctl -w net.ipv4.ip_forward= 1
#> sysctl: setting key "net.ipv4.ip_forward": Invalid argument
ip netns exec a sysctl -w "net.ipv4.ip_forward = 1"
#> net.ipv4.ip_forward = 1
ip netns exec a sysctl -w net.ipv4.conf.v0.rp_filter=1 net.ipv4.nosuch=1 net.ipv4.conf.v0.arp_ignore=1
#> net.ipv4.conf.v0.rp_filter = 1
#> sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory
#> net.ipv4.conf.v0.arp_ignore = 1

ip netns exec a sysctl -w net.ipv4.ip_forward=-1
#> net.ipv4.ip_forward = -1
ip netns exec a sysctl -n net.ipv4.ip_forward
#> -1
ip netns exec a sysctl -w net.ipv4.ip_forward=99999999999
#> sysctl: setting key "net.ipv4.ip_forward": Invalid argument
ip netns exec a sysctl -w net.ipv4.ip_forward=
#> sysctl: setting key "net.ipv4.ip_forward": Invalid argument
ip netns exec a sysctl -w net.ipv4.ip_forward=abc
#> sysctl: setting key "net.ipv4.ip_forward": Invalid argument
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=0
#> sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=256
#> sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument
ip netns exec a sysctl -w net.ipv4.conf.v0.rp_filter=3
#> net.ipv4.conf.v0.rp_filter = 3
ip netns exec a sysctl -w net.ipv4.neigh.v0.retrans_time_ms=500
#> net.ipv4.neigh.v0.retrans_time_ms = 500
ip netns exec a sysctl net.ipv4.neigh.v0.retrans_time
#> net.ipv4.neigh.v0.retrans_time = 50

ip netns exec a sysctl -wq net.ipv4.ip_forward=1
ip netns exec a sysctl net.ipv4.ip_forward -n
#> 1
ip netns exec a sysctl -N net.ipv4.ip_forward
#> net.ipv4.ip_forward
ip netns exec a sysctl net/ipv4/ip_forward
#> net.ipv4.ip_forward = 1
ip netns exec a sysctl net.ipv4.conf.v0.forwarding
#> net.ipv4.conf.v0.forwarding = 1
