# How net.ipv4.ip_forward relates to the per-device forwarding switches.
# * ip_forward (= conf.all.forwarding) writes its value into conf.default.forwarding and
#   into EVERY existing device's forwarding, lo included.
# * A device can be switched off afterwards; writing ip_forward=1 again (unchanged value)
#   does not touch it. ip_forward=0 resets every device.
# * New devices take conf.default.forwarding.
# * A device moved into another namespace takes that namespace's defaults; a new namespace
#   starts from the built-in defaults (forwarding 0), not from its creator's values.

ip link add veth0 type veth peer name veth1
sysctl net.ipv4.ip_forward
#> net.ipv4.ip_forward = 0
sysctl net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.veth0.forwarding
#> net.ipv4.conf.all.forwarding = 0
#> net.ipv4.conf.default.forwarding = 0
#> net.ipv4.conf.veth0.forwarding = 0

sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
sysctl net.ipv4.conf.all.forwarding net.ipv4.conf.default.forwarding net.ipv4.conf.lo.forwarding net.ipv4.conf.veth0.forwarding
#> net.ipv4.conf.all.forwarding = 1
#> net.ipv4.conf.default.forwarding = 1
#> net.ipv4.conf.lo.forwarding = 1
#> net.ipv4.conf.veth0.forwarding = 1

sysctl -w net.ipv4.conf.veth0.forwarding=0
#> net.ipv4.conf.veth0.forwarding = 0
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
sysctl net.ipv4.conf.veth0.forwarding net.ipv4.conf.veth1.forwarding
#> net.ipv4.conf.veth0.forwarding = 0
#> net.ipv4.conf.veth1.forwarding = 1

# A device created now starts from conf.default (1).
ip link add veth2 type veth peer name veth3
sysctl net.ipv4.conf.veth2.forwarding
#> net.ipv4.conf.veth2.forwarding = 1

# conf.all.forwarding is the same switch as ip_forward.
sysctl -w net.ipv4.conf.all.forwarding=0
#> net.ipv4.conf.all.forwarding = 0
sysctl net.ipv4.ip_forward net.ipv4.conf.default.forwarding net.ipv4.conf.veth1.forwarding net.ipv4.conf.veth2.forwarding
#> net.ipv4.ip_forward = 0
#> net.ipv4.conf.default.forwarding = 0
#> net.ipv4.conf.veth1.forwarding = 0
#> net.ipv4.conf.veth2.forwarding = 0

# A device may forward while ip_forward is 0.
sysctl -w net.ipv4.conf.veth1.forwarding=1
#> net.ipv4.conf.veth1.forwarding = 1
sysctl net.ipv4.ip_forward net.ipv4.conf.veth1.forwarding
#> net.ipv4.ip_forward = 0
#> net.ipv4.conf.veth1.forwarding = 1

# New namespaces start from built-in defaults; a moved device takes the target's defaults.
sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns add ns1
ip netns exec ns1 sysctl net.ipv4.ip_forward net.ipv4.conf.default.forwarding
#> net.ipv4.ip_forward = 0
#> net.ipv4.conf.default.forwarding = 0
ip link set veth3 netns ns1
ip netns exec ns1 sysctl net.ipv4.conf.veth3.forwarding
#> net.ipv4.conf.veth3.forwarding = 0
ip netns exec ns1 sysctl -w net.ipv4.ip_forward=1
#> net.ipv4.ip_forward = 1
ip netns exec ns1 sysctl net.ipv4.conf.veth3.forwarding
#> net.ipv4.conf.veth3.forwarding = 1

# Other formats.
sysctl -n net.ipv4.ip_forward
#> 1
sysctl net.ipv4.conf.veth0.rp_filter net.ipv4.conf.veth0.proxy_arp net.ipv4.conf.veth0.send_redirects
#> net.ipv4.conf.veth0.rp_filter = 0
#> net.ipv4.conf.veth0.proxy_arp = 0
#> net.ipv4.conf.veth0.send_redirects = 1
sysctl net.ipv4.conf.veth9.forwarding
#> sysctl: cannot stat /proc/sys/net/ipv4/conf/veth9/forwarding: No such file or directory
