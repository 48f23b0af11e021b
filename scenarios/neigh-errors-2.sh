# `ip neigh add/change/replace/del/flush` errors and edge cases, and what ends up in the
# table. Every `show` below selects one entry, because the kernel lists entries in hash order.
#
#   a: va 10.1.0.1/24  ----  b: vb
#
# Kernel / iproute2 behaviour pinned here (net/core/neighbour.c neigh_add / __neigh_update,
# net/ipv4/arp.c arp_constructor; iproute2 ip/ipneigh.c ipneigh_modify, lib/ll_addr.c):
# - `add` without lladdr fails in __neigh_update with "Error: No link layer address given."
#   (for any nud, including noarp) -- but the entry has already been created: `nud all`
#   shows it with no state at all.
# - an lladdr that is not hex: iproute2 names the first bad byte (`"zz" is invalid
#   lladdr.`); 5 bytes: the kernel's "Error: Invalid link address."; 7 bytes: accepted, the
#   kernel keeps the first 6.
# - an entry added on lo is stored under key 0.0.0.0 (arp_constructor: loopback and
#   point-to-point devices use INADDR_ANY); `arp -n` shows HWtype `loop`.
# - `nud delay`: the DELAY timer is armed with 0, so the entry is DELAY or already PROBE
#   depending on timing (not asserted).
# - `change` of a missing entry: "No such file or directory"; `replace` creates it
#   (PERMANENT by default); `del` without dev: "Device and destination are required
#   arguments."; `flush` without a selector: "Flush requires arguments."
# - `flush dev va` removes everything except PERMANENT (and NOARP) entries.

ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link set lo up
ip -n a link set va up
ip -n b link set vb up
ip -n a addr add 10.1.0.1/24 dev va

ip -n a neigh add 10.1.0.5 lladdr 02:00:00:00:00:05 dev va
ip -n a neigh add 10.1.0.5 lladdr 02:00:00:00:00:06 dev va
#> RTNETLINK answers: File exists
ip -n a neigh add 10.1.0.8 dev va nud noarp
#> Error: No link layer address given.
ip -n a neigh add 10.1.0.10 dev va
#> Error: No link layer address given.
ip -n a neigh show 10.1.0.10 nud all
#> 10.1.0.10 dev va
ip -n a neigh add 10.1.0.11 lladdr 02:00:00:00:00:0b dev va nud bogus
#> Error: argument "bogus" is wrong: nud state is bad
ip -n a neigh add 10.1.0.13 lladdr zz:00:00:00:00:0c dev va
#> "zz" is invalid lladdr.
ip -n a neigh add 10.1.0.14 lladdr 02:00:00:00:00 dev va
#> Error: Invalid link address.
ip -n a neigh add 10.1.0.15 lladdr 02:00:00:00:00:0f:01 dev va
ip -n a neigh show 10.1.0.15
#> 10.1.0.15 dev va lladdr 02:00:00:00:00:0f PERMANENT
ip -n a neigh add 10.1.0.16 lladdr 02:00:00:00:00:10
#> Device and destination are required arguments.
ip -n a neigh add bogus lladdr 02:00:00:00:00:10 dev va
#> Error: any valid address is expected rather than "bogus".

ip -n a neigh add 10.1.0.17 lladdr 02:00:00:00:00:11 dev lo
ip -n a neigh show dev lo
#> 0.0.0.0 lladdr 02:00:00:00:00:11 PERMANENT
ip netns exec a arp -n -i lo
#> 0.0.0.0                  loop    02:00:00:00:00:11   CM                    lo

ip -n a neigh add 10.1.0.20 lladdr 02:00:00:00:00:14 dev va nud delay
ip -n a neigh show 10.1.0.20
#> 10.1.0.20 dev va lladdr 02:00:00:00:00:14

ip -n a neigh change 10.1.0.99 lladdr 02:00:00:00:00:99 dev va
#> RTNETLINK answers: No such file or directory
ip -n a neigh replace 10.1.0.98 lladdr 02:00:00:00:00:98 dev va
ip -n a neigh show 10.1.0.98
#> 10.1.0.98 dev va lladdr 02:00:00:00:00:98 PERMANENT
ip -n a neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev va nud stale
ip -n a neigh del 10.1.0.5
#> Device and destination are required arguments.
ip -n a neigh del 10.1.0.97 dev va
#> RTNETLINK answers: No such file or directory
ip -n a neigh flush
#> Flush requires arguments.
ip -n a neigh flush dev va
ip -n a neigh show 10.1.0.7
ip -n a neigh show 10.1.0.5
#> 10.1.0.5 dev va lladdr 02:00:00:00:00:05 PERMANENT
