# net.ipv4.conf.{all,default,DEV}: three kinds of keys.
# * conf.default.X is the template for NEW devices, but writing it also changes X on
#   EXISTING devices whose X was never set (devinet_copy_dflt_conf checks a per-device
#   "state" bitmap). Writing conf.DEV.X sets that bit for X - and so does adding the first
#   IPv4 address to a device (inet_rtm_newaddr calls ipv4_devconf_setall), for EVERY key,
#   and so does bringing lo up (127.0.0.1). So a device with an address, lo, and a device
#   written by hand keep their values; only address-less devices follow the default.
# * conf.all.X does not show up in conf.DEV.X. For most keys the kernel combines them when
#   it uses them: proxy_arp is "all OR dev", rp_filter and arp_ignore are "max(all, dev)".
#   So conf.all.proxy_arp=1 turns proxy ARP on for every device although each
#   conf.DEV.proxy_arp still reads 0.
# * A device moved into another namespace takes that namespace's default values.
#
#   a (10.0.0.1/16) ---- (10.0.0.254/24) r-a  r  r-b (10.0.1.254/24) ---- (10.0.1.2/24) b

ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name r-a netns r
ip link add eth0 netns b type veth peer name r-b netns r
ip -n a link set lo up
ip -n r link set lo up
ip -n b link set lo up
ip -n a addr add 10.0.0.1/16 dev eth0
ip -n r addr add 10.0.0.254/24 dev r-a
ip -n r addr add 10.0.1.254/24 dev r-b
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set r-a up
ip -n r link set r-b up
ip -n b link set eth0 up
ip -n b route add default via 10.0.1.254

# r-c/r-c2: a veth pair without addresses.
ip -n r link add r-c type veth peer name r-c2
ip -n r link set r-c up
ip netns exec r sysctl -w net.ipv4.conf.r-c2.rp_filter=1
#> net.ipv4.conf.r-c2.rp_filter = 1
ip netns exec r sysctl -w net.ipv4.conf.default.rp_filter=2
#> net.ipv4.conf.default.rp_filter = 2
ip netns exec r sysctl net.ipv4.conf.r-c.rp_filter net.ipv4.conf.r-c2.rp_filter net.ipv4.conf.r-a.rp_filter net.ipv4.conf.lo.rp_filter net.ipv4.conf.all.rp_filter
#> net.ipv4.conf.r-c.rp_filter = 2
#> net.ipv4.conf.r-c2.rp_filter = 1
#> net.ipv4.conf.r-a.rp_filter = 0
#> net.ipv4.conf.lo.rp_filter = 0
#> net.ipv4.conf.all.rp_filter = 0
# Writing r-c2's rp_filter did not pin its other keys; an address pins them all.
ip netns exec r sysctl -w net.ipv4.conf.default.arp_ignore=1
ip netns exec r sysctl net.ipv4.conf.r-c.arp_ignore net.ipv4.conf.r-c2.arp_ignore net.ipv4.conf.r-a.arp_ignore
#> net.ipv4.conf.r-c.arp_ignore = 1
#> net.ipv4.conf.r-c2.arp_ignore = 1
#> net.ipv4.conf.r-a.arp_ignore = 0
ip -n r addr add 10.0.9.1/24 dev r-c
ip netns exec r sysctl -w net.ipv4.conf.default.arp_ignore=0
ip netns exec r sysctl net.ipv4.conf.r-c.arp_ignore net.ipv4.conf.r-c2.arp_ignore
#> net.ipv4.conf.r-c.arp_ignore = 1
#> net.ipv4.conf.r-c2.arp_ignore = 0
# A new device starts from the defaults.
ip -n r link add r-d type veth peer name r-d2
ip netns exec r sysctl net.ipv4.conf.r-d.rp_filter
#> net.ipv4.conf.r-d.rp_filter = 2

# conf.all.proxy_arp: every device proxies, although conf.r-a.proxy_arp reads 0.
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 -W 1 10.0.1.2
#> 1 packets transmitted, 0 received, 100% packet loss
# Wait for a's entry to go FAILED (3 probes) before changing who answers: the second probe
# leaves 1.004-1.032 s after the first (retrans_time 1 s rounded up by the timer wheel), just
# when ping -W 1 returns, so a change made at once would race with it on the kernel.
sleep 3
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=1
#> net.ipv4.conf.all.proxy_arp = 1
ip netns exec r sysctl net.ipv4.conf.r-a.proxy_arp net.ipv4.conf.default.proxy_arp
#> net.ipv4.conf.r-a.proxy_arp = 0
#> net.ipv4.conf.default.proxy_arp = 0
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 10.0.1.2
#> 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63
#> 1 packets transmitted, 1 received, 0% packet loss

# Moving a device: it takes the target namespace's defaults, not its own old values.
ip link add mv0 type veth peer name mv1
sysctl -w net.ipv4.conf.mv0.arp_ignore=2
#> net.ipv4.conf.mv0.arp_ignore = 2
sysctl -w net.ipv4.conf.mv0.rp_filter=1
ip link set mv0 netns r
ip netns exec r sysctl net.ipv4.conf.mv0.arp_ignore net.ipv4.conf.mv0.rp_filter
#> net.ipv4.conf.mv0.arp_ignore = 0
#> net.ipv4.conf.mv0.rp_filter = 2
