# When a built-in chain's policy counts. iptables-nft creates a chain the first time a rule
# needs it (-A, -I), without counters: its policy decides but `iptables -L -v` keeps showing
# 0 packets. -P, -Z and an iptables-restore ":CHAIN" line create it with counters.
# Rule counters always count. Pings on lo pass OUTPUT and INPUT once each way.

ip netns add a
ip -n a link set lo up
ip netns exec a iptables -A OUTPUT -p tcp
ip netns exec a iptables -A INPUT -p tcp
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a iptables -L -n -v
#> Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0            6    --  *      *       0.0.0.0/0            0.0.0.0/0
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0            6    --  *      *       0.0.0.0/0            0.0.0.0/0
ip netns exec a iptables -P INPUT ACCEPT
ip netns exec a iptables -Z OUTPUT
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a iptables -L -n -v
#> Chain INPUT (policy ACCEPT 2 packets, 168 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0            6    --  *      *       0.0.0.0/0            0.0.0.0/0
#> Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#> Chain OUTPUT (policy ACCEPT 2 packets, 168 bytes)
#>  pkts bytes target     prot opt in     out     source               destination
#>     0     0            6    --  *      *       0.0.0.0/0            0.0.0.0/0
ip netns exec a iptables -S -v
#> -P INPUT ACCEPT -c 2 168
#> -P FORWARD ACCEPT -c 0 0
#> -P OUTPUT ACCEPT -c 2 168
#> -A INPUT -p tcp -c 0 0
#> -A OUTPUT -p tcp -c 0 0
