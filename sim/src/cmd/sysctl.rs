//! `sysctl` (procps-ng 4.0.2): read and write `/proc/sys` keys of the namespace, with
//! procps' key syntax, output and exit status.
//!
//! - A key is dotted (`net.ipv4.ip_forward`) or slashed (`net/ipv4/ip_forward`): procps'
//!   `slashdot` swaps `.` and `/` when the first separator is not already the wanted one, so a
//!   device called `veth.2` is written `net.ipv4.conf.veth/2.proxy_arp`.
//! - `KEY=VALUE` (or any argument with `-w`) writes; key and value are trimmed; the echo is
//!   the value as given. Read errors add 1 to the exit status each, write errors set it to 1.
//! - `-n` values only, `-N` names only, `-q` no echo of writes, `-e` ignore unknown keys,
//!   `-b` value without newline. Listing (`-a`, a directory), `-p`, `-r` are not modelled.
//!
//! Which keys exist and what they hold: [`keys`]; what a write does in the kernel: [`write`].

pub mod files;
pub mod keys;
pub mod write;

use super::Output;
use crate::model::NsId;
use crate::path::Sim;
use keys::Node;
use std::fmt::Write as _;

/// What pathsim answers for a key the kernel has and the model does not hold.
const MODELLED: &str = "modelled keys: net.ipv4.ip_forward, net.ipv4.ip_default_ttl, \
net.ipv4.icmp_{ratelimit,ratemask,msgs_per_sec,msgs_burst,echo_ignore_all,echo_ignore_broadcasts}, \
net.ipv4.conf.{all,default,DEV}.{accept_local,accept_redirects,arp_accept,arp_announce,arp_filter,\
arp_ignore,forwarding,log_martians,medium_id,promote_secondaries,proxy_arp,proxy_arp_pvlan,\
route_localnet,rp_filter,\
send_redirects}, net.ipv4.neigh.DEV.{app_solicit,base_reachable_time[_ms],delay_first_probe_time,\
gc_stale_time,locktime,mcast_resolicit,mcast_solicit,proxy_delay,proxy_qlen,retrans_time[_ms],\
ucast_solicit,unres_qlen[_bytes]}, net.bridge.bridge-nf-call-iptables";

/// Command-line flags.
#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    write: bool,
    values: bool,
    names: bool,
    quiet: bool,
    ignore: bool,
    binary: bool,
}

/// Parses options anywhere on the line (getopt permutes), returning the flags and operands.
fn parse_args(args: &[String]) -> Result<(Flags, Vec<&str>), Output> {
    let mut f = Flags::default();
    let mut operands = Vec::new();
    let mut only_operands = false;
    for a in args {
        if only_operands || !a.starts_with('-') || a.len() == 1 {
            operands.push(a.as_str());
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        let letters: Vec<char> = match a.strip_prefix("--") {
            Some(long) => match long {
                "write" => vec!['w'],
                "values" => vec!['n'],
                "names" => vec!['N'],
                "quiet" => vec!['q'],
                "ignore" => vec!['e'],
                "binary" => vec!['b'],
                _ => vec!['?'],
            },
            None => a.chars().skip(1).collect(),
        };
        for c in letters {
            match c {
                'w' => f.write = true,
                'n' => f.values = true,
                'N' => f.names = true,
                'q' => f.quiet = true,
                'e' => f.ignore = true,
                'b' => f.binary = true,
                'o' | 'x' => {}
                _ => {
                    return Err(Output::unsupported(format!(
                        "sysctl: option \"{a}\" is not supported by pathsim; supported: -w, -n, -N, -q, -e, -b (listing with -a, -p FILE and -r are not modelled)"
                    )))
                }
            }
        }
    }
    Ok((f, operands))
}

/// procps' `slashdot`: if the first separator is not `new`, swap every `.` and `/`. Returns
/// the converted key and the "separators should not be repeated" warning, if any.
fn slashdot(key: &str, old: char, new: char) -> (String, Option<String>) {
    let Some(first) = key.find(['.', '/']) else {
        return (key.to_string(), None);
    };
    if key[first..].starts_with(new) {
        return (key.to_string(), None);
    }
    let mut out = String::with_capacity(key.len());
    let mut warning = None;
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let sep = |c: char| c == '.' || c == '/';
        if i >= first
            && sep(c)
            && warning.is_none()
            && chars.get(n + 1).is_some_and(|&(_, d)| sep(d))
        {
            warning = Some(format!(
                "sysctl: separators should not be repeated: {}",
                &key[i..]
            ));
        }
        out.push(match c {
            _ if i < first => c,
            c if c == old => new,
            c if c == new => old,
            c => c,
        });
    }
    (out, warning)
}

/// Accumulates what the command prints and its status.
#[derive(Default)]
struct Run {
    out: String,
    err: String,
    status: i32,
}

impl Run {
    fn warn(&mut self, line: Option<String>) {
        if let Some(l) = line {
            let _ = writeln!(self.err, "{l}");
        }
    }

    /// The displayed name and the path of a key, with their warnings.
    fn names(&mut self, key: &str) -> (String, String) {
        let (outname, w1) = slashdot(key, '/', '.');
        let (path, w2) = slashdot(key, '.', '/');
        self.warn(w1);
        self.warn(w2);
        (outname, path)
    }
}

fn unmodelled(outname: &str) -> Output {
    Output::unsupported(format!(
        "sysctl: {outname} exists on this kernel but is not modelled by pathsim; {MODELLED}"
    ))
}

/// procps `ReadSetting`.
fn read_setting(sim: &Sim, ns: NsId, f: Flags, arg: &str, run: &mut Run) -> Result<(), Output> {
    let key = arg.trim();
    if key.is_empty() {
        let _ = writeln!(run.err, "sysctl: \"{arg}\" is an unknown key");
        run.status -= 1;
        return Ok(());
    }
    let (outname, path) = run.names(key);
    match keys::resolve(&sim.world, ns, &path) {
        Node::Knob(k) => {
            let v = keys::read(&sim.world, ns, k);
            let _ = match (f.names, f.values, f.binary) {
                (true, _, _) => writeln!(run.out, "{outname}"),
                (_, _, true) => write!(run.out, "{v}"),
                (_, true, _) => writeln!(run.out, "{v}"),
                _ => writeln!(run.out, "{outname} = {v}"),
            };
        }
        Node::Missing | Node::NotDir if f.ignore => {}
        Node::Missing => {
            let _ = writeln!(run.err, "sysctl: cannot stat /proc/sys/{path}: No such file or directory");
            run.status += 1;
        }
        Node::NotDir => {
            let _ = writeln!(run.err, "sysctl: cannot stat /proc/sys/{path}: Not a directory");
            run.status += 1;
        }
        Node::Dir => {
            return Err(Output::unsupported(format!(
                "sysctl: listing the directory {outname} is not modelled by pathsim; name the keys ({MODELLED})"
            )))
        }
        Node::Unmodelled | Node::ReadOnly => return Err(unmodelled(&outname)),
    }
    Ok(())
}

/// procps `WriteSetting`.
fn write_setting(
    sim: &mut Sim,
    ns: NsId,
    f: Flags,
    arg: &str,
    run: &mut Run,
) -> Result<(), Output> {
    let Some((raw_key, raw_value)) = arg.split_once('=') else {
        if arg.trim().chars().count() > 1 {
            let _ = writeln!(
                run.err,
                "sysctl: command line(0): invalid syntax, continuing..."
            );
        }
        run.status |= 1;
        return Ok(());
    };
    let (key, value) = (raw_key.trim(), raw_value.trim());
    if key.is_empty() {
        if !value.is_empty() {
            let _ = writeln!(run.err, "sysctl: Path is not under /proc/sys/: /proc/sys/");
        }
        run.status |= 1;
        return Ok(());
    }
    let (outname, path) = run.names(key);
    match keys::resolve(&sim.world, ns, &path) {
        Node::Knob(k) => match write::write(&mut sim.world, ns, k, value) {
            Ok(()) if f.quiet => {}
            Ok(()) if f.values || f.names => {
                let _ = writeln!(run.out, "{value}");
            }
            Ok(()) => {
                let _ = writeln!(run.out, "{outname} = {value}");
            }
            Err(e) => {
                let _ = writeln!(run.err, "sysctl: setting key \"{outname}\": {e}");
                run.status |= 1;
            }
        },
        Node::Missing | Node::NotDir if f.ignore => {}
        Node::Missing => {
            let _ = writeln!(
                run.err,
                "sysctl: cannot stat /proc/sys/{path}: No such file or directory"
            );
            run.status |= 1;
        }
        Node::NotDir => {
            let _ = writeln!(
                run.err,
                "sysctl: cannot stat /proc/sys/{path}: Not a directory"
            );
            run.status |= 1;
        }
        // Observed: the write to a directory fails without changing the exit status.
        Node::Dir => {
            let _ = writeln!(
                run.err,
                "sysctl: setting key \"{outname}\": Invalid argument"
            );
        }
        // procps checks the mode first (`S_IWUSR`): the key is reported, the value stays and
        // the exit status does not change (observed).
        Node::ReadOnly => {
            let _ = writeln!(
                run.err,
                "sysctl: setting key \"{outname}\": Invalid argument"
            );
        }
        Node::Unmodelled => return Err(unmodelled(&outname)),
    }
    Ok(())
}

/// `sysctl ARGS…` in namespace `ns`.
pub fn run(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let (f, operands) = match parse_args(args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    if operands.is_empty() {
        return if args.is_empty() {
            Output::unsupported("sysctl: without arguments sysctl prints its usage; pathsim runs sysctl KEY… and sysctl -w KEY=VALUE…")
        } else {
            Output::err(
                "sysctl: no variables specified\nTry `sysctl --help' for more information.",
                1,
            )
        };
    }
    let mut run = Run::default();
    // What a terminal (or one pipe for both streams) shows: each key's lines in turn, its
    // warnings and errors before its value (procps flushes stdout after each setting).
    let mut interleaved = String::new();
    for arg in operands {
        let (out_from, err_from) = (run.out.len(), run.err.len());
        let r = if f.write || arg.contains('=') {
            write_setting(sim, ns, f, arg, &mut run)
        } else {
            read_setting(sim, ns, f, arg, &mut run)
        };
        if let Err(o) = r {
            return o;
        }
        interleaved.push_str(&run.err[err_from..]);
        interleaved.push_str(&run.out[out_from..]);
    }
    // Only both streams together need the terminal's order.
    let both = !run.out.is_empty() && !run.err.is_empty();
    Output {
        stdout: run.out,
        stderr: run.err,
        status: run.status & 0xff,
        interleaved: both.then_some(interleaved),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtnl::link::add_veth;

    fn sim() -> Sim {
        let mut s = Sim::new(1);
        add_veth(&mut s.world, 0, "veth-pod1", None, 0, "veth.2", None).unwrap();
        s
    }

    fn sh(s: &mut Sim, line: &str) -> Output {
        let args: Vec<String> = line.split(' ').map(String::from).collect();
        run(s, 0, &args)
    }

    #[test]
    fn read_only_and_unknown_keys_outside_net() {
        let mut s = sim();
        let o = sh(&mut s, "-w kernel.osrelease=1 net.ipv4.ip_forward=1");
        assert_eq!(o.status, 0);
        assert_eq!(
            o.interleaved.as_deref(),
            Some("sysctl: setting key \"kernel.osrelease\": Invalid argument\nnet.ipv4.ip_forward = 1\n")
        );
        let o = sh(&mut s, "-w net.ipv4.conf.veth-pod1.mc_forwarding=1");
        assert!(o.stderr.contains("Invalid argument"), "{o:?}");
        let o = sh(&mut s, "fs.nosuch");
        assert_eq!(o.status, 1);
        assert!(o
            .stderr
            .contains("cannot stat /proc/sys/fs/nosuch: No such file"));
        assert!(sh(&mut s, "kernel.ostype").unsupported);
        assert!(sh(&mut s, "kernel.osrelease.x")
            .stderr
            .contains("Not a directory"));
    }

    #[test]
    fn read_and_write_formats() {
        let mut s = sim();
        assert_eq!(
            sh(&mut s, "net.ipv4.ip_forward").stdout,
            "net.ipv4.ip_forward = 0\n"
        );
        assert_eq!(
            sh(&mut s, "-w net.ipv4.ip_forward=1").stdout,
            "net.ipv4.ip_forward = 1\n"
        );
        assert_eq!(sh(&mut s, "-n net.ipv4.ip_forward").stdout, "1\n");
        assert_eq!(sh(&mut s, "-q -w net.ipv4.ip_forward=0").stdout, "");
        assert_eq!(sh(&mut s, "net.ipv4.ip_forward=1 -n").stdout, "1\n");
        let o = sh(
            &mut s,
            "-w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=2",
        );
        assert_eq!(
            o.stdout,
            "net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter = 2\n"
        );
        assert_eq!(
            sh(&mut s, "net/ipv4/ip_forward").stdout,
            "net.ipv4.ip_forward = 1\n"
        );
        assert_eq!(
            sh(&mut s, "-w net.ipv4.ip_forward=0x10").stdout,
            "net.ipv4.ip_forward = 0x10\n"
        );
        assert_eq!(
            sh(&mut s, "net.ipv4.ip_forward").stdout,
            "net.ipv4.ip_forward = 16\n"
        );
        assert_eq!(
            sh(&mut s, "-N net.ipv4.ip_forward").stdout,
            "net.ipv4.ip_forward\n"
        );
        let o = run(&mut s, 0, &["-w".into(), "net.ipv4.ip_forward = 0".into()]);
        assert_eq!(
            (o.stdout.as_str(), o.status),
            ("net.ipv4.ip_forward = 0\n", 0)
        );
    }

    #[test]
    fn device_names_with_dots_and_dashes() {
        let mut s = sim();
        assert_eq!(
            sh(&mut s, "-w net.ipv4.conf.veth-pod1.proxy_arp=1").stdout,
            "net.ipv4.conf.veth-pod1.proxy_arp = 1\n"
        );
        assert_eq!(
            sh(&mut s, "-w net.ipv4.conf.veth/2.proxy_arp=1").stdout,
            "net.ipv4.conf.veth/2.proxy_arp = 1\n"
        );
        assert_eq!(
            sh(&mut s, "net/ipv4/conf/veth.2/proxy_arp").stdout,
            "net.ipv4.conf.veth/2.proxy_arp = 1\n"
        );
        let o = sh(&mut s, "net.ipv4.conf.veth.2.proxy_arp");
        assert_eq!(o.stderr, "sysctl: cannot stat /proc/sys/net/ipv4/conf/veth/2/proxy_arp: No such file or directory\n");
        assert_eq!(o.status, 1);
    }

    #[test]
    fn errors_and_exit_status() {
        let mut s = sim();
        let o = sh(&mut s, "net.ipv4.a net.ipv4.b=1 net.ipv4.c");
        assert_eq!(o.status, 2);
        assert_eq!(o.stderr.lines().count(), 3);
        let o = sh(&mut s, "-w net.ipv4.a=1 net.ipv4.b=1 net.ipv4.c=1");
        assert_eq!(o.status, 1);
        let o = sh(&mut s, "-w net.ipv4.ip_forward=abc");
        assert_eq!(
            (o.stderr.as_str(), o.status),
            (
                "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument\n",
                1
            )
        );
        let o = sh(&mut s, "-w net.ipv4.ip_forward = 1");
        assert_eq!(
            (o.stderr.as_str(), o.status),
            (
                "sysctl: command line(0): invalid syntax, continuing...\n",
                1
            )
        );
        assert_eq!(sh(&mut s, "-e net.ipv4.nosuch"), Output::default());
        let o = sh(&mut s, "net.ipv4.ip_forward.");
        assert_eq!(
            o.stderr,
            "sysctl: cannot stat /proc/sys/net/ipv4/ip_forward/: Not a directory\n"
        );
        let o = sh(&mut s, "net..ipv4.ip_forward");
        assert_eq!(o.stdout, "net..ipv4.ip_forward = 0\n");
        assert_eq!(
            o.stderr,
            "sysctl: separators should not be repeated: ..ipv4.ip_forward\n"
        );
        let o = sh(&mut s, "-w");
        assert_eq!(
            o.stderr,
            "sysctl: no variables specified\nTry `sysctl --help' for more information.\n"
        );
        let o = sh(&mut s, "net.ipv4.neigh.default.proxy_delay");
        assert_eq!(o.stderr, "sysctl: cannot stat /proc/sys/net/ipv4/neigh/default/proxy_delay: No such file or directory\n");
    }

    #[test]
    fn unmodelled_keys_and_listings_are_reported() {
        let mut s = sim();
        let o = sh(&mut s, "net.ipv4.tcp_syncookies");
        assert!(o.unsupported && o.stderr.contains("not modelled"));
        assert!(sh(&mut s, "net.ipv4.conf.all").unsupported);
        assert!(sh(&mut s, "-a").unsupported);
        let o = sh(&mut s, "net.bridge.bridge-nf-call-iptables");
        assert_eq!(o.stdout, "net.bridge.bridge-nf-call-iptables = 1\n");
    }

    #[test]
    fn slashdot_swaps_like_procps() {
        assert_eq!(
            slashdot("net.ipv4.conf.veth/2.x", '.', '/').0,
            "net/ipv4/conf/veth.2/x"
        );
        assert_eq!(
            slashdot("net/ipv4/conf/veth.2/x", '/', '.').0,
            "net.ipv4.conf.veth/2.x"
        );
        assert_eq!(slashdot("net.ipv4", '/', '.').0, "net.ipv4");
        assert_eq!(slashdot("noseparator", '.', '/').0, "noseparator");
    }
}
