# Seed 001 (k8s网络武道篇一), Linux bridge case: veth0 and veth1 are a veth pair in the same
# namespace, both with an address in the same subnet; veth0 is then made a port of br0 and
# the author pings veth1's address out of veth0 ("ping -I veth0") and gets no answer, with
# only ARP requests visible on veth1. The seed leaves the cause open; here is what the
# kernel does (each step below checks one part of it):
#
# 1. veth1 never answers the ARP request, bridge or no bridge: the request's sender address
#    198.51.100.101 is an address of this same namespace, and fib_validate_source rejects a
#    packet arriving from the wire with one of our own addresses as source (a martian local
#    source) unless accept_local=1. "ip route get ... iif veth1" shows the same refusal.
# 2. With accept_local=1 veth1 does answer, and the answer comes back in on veth0. But veth0
#    is a bridge port: the bridge's rx_handler takes every frame arriving on veth0 before
#    veth0's own IP/ARP stack sees it, and a frame for veth0's own MAC (a local FDB entry) is
#    passed up on br0, not on veth0. So veth0's neighbour entry stays INCOMPLETE: a bridge
#    port's own IP stack is bypassed, its address is useless for receiving.
# 3. Released from the bridge, veth0 does get the ARP reply (its entry becomes complete), the
#    echo request reaches veth1, yet the ping still fails: the echo reply is addressed to a
#    local address and is delivered through lo, never on veth0 where ping bound its socket.
# (The seed's other remark, veth0 and br0 having the same MAC, is true: a bridge takes the
# lowest MAC among its ports, see bridge-mac-follows-ports.sh; no command here shows it.)
#
# The veth MACs are fixed (02:00:00:00:01:01 veth0, 02:00:00:00:01:02 veth1), so that the
# neighbour entries and FDB lines can be checked.
#
# Address substitution: the seed uses 1.2.3.101/102, real public addresses; we use
# 198.51.100.101/102 (TEST-NET-2) instead.

ip link add name br0 type bridge
ip link set br0 up
ip link add veth0 address 02:00:00:00:01:01 type veth peer name veth1 address 02:00:00:00:01:02
ip addr add 198.51.100.101/24 dev veth0
ip addr add 198.51.100.102/24 dev veth1
ip link set veth0 up
ip link set veth1 up
ip link set dev veth0 master br0

bridge link
#> 4: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
# The port's own MAC is a local ("permanent") FDB entry of br0.
bridge fdb show br br0
#> 02:00:00:00:01:01 dev veth0 master br0 permanent

# The route out of veth0 still exists: the ping leaves through veth0.
ip route get 198.51.100.102 oif veth0
#> 198.51.100.102 dev veth0 src 198.51.100.101 uid 0

# Step 1: no answer; veth1 rejects the request's local source address.
ping -c 1 -W 1 -I veth0 198.51.100.102
#> PING 198.51.100.102 (198.51.100.102) from 198.51.100.101 veth0: 56(84) bytes of data.
#> 1 packets transmitted, 0 received, 100% packet loss
ip neigh show dev veth0
#> 198.51.100.102 INCOMPLETE
ip route get 198.51.100.102 from 198.51.100.101 iif veth1
#> RTNETLINK answers: Invalid argument
# Wait for veth0's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3

# Step 2: veth1 accepts local sources and answers; the answer is swallowed by the bridge.
sysctl -w net.ipv4.conf.veth1.accept_local=1
#> net.ipv4.conf.veth1.accept_local = 1
ip route get 198.51.100.102 from 198.51.100.101 iif veth1
#> local 198.51.100.102 from 198.51.100.101 dev lo
#> cache <local> iif veth1
ip neigh flush dev veth0
ping -c 1 -W 1 -I veth0 198.51.100.102
#> 1 packets transmitted, 0 received, 100% packet loss
ip neigh show dev veth0
#> 198.51.100.102 INCOMPLETE
# veth1 did see the request (it learned the sender, and answered it).
ip neigh show dev veth1
#> 198.51.100.101 lladdr 02:00:00:00:01:01
# FAILED first again, before veth0 can receive the answers.
sleep 3

# Step 3: veth0 out of the bridge: ARP completes, the ping still fails (reply goes via lo).
ip link set dev veth0 nomaster
bridge link
ip neigh flush dev veth0
ping -c 1 -W 1 -I veth0 198.51.100.102
#> 1 packets transmitted, 0 received, 100% packet loss
ip neigh show dev veth0
#> 198.51.100.102 lladdr 02:00:00:00:01:02

ip link del veth0
ip link del br0
