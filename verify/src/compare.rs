//! Kernel run versus simulator run: `#>` expectations on both sides, each command's output,
//! each interface's frame sequence and the final state, after [`crate::normalize`].

use crate::flows::Flows;
use crate::normalize::{self, MacMap};
use crate::replay::{Frame, KernelCommand, KernelRun};
use crate::simside::SimRun;
use pathsim::cmd::Output;
use pathsim::run::check_expectations;
use pathsim::script::Script;
use pathsim::state::{NsState, Snapshot};
use serde::Serialize;
use std::collections::BTreeMap;
use std::collections::HashSet;
use std::fmt::Write;

/// Which part of a run a difference is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A `#>` line that does not hold on one side.
    Expect,
    /// A command's output or exit status.
    Output,
    /// An interface's frame sequence.
    Frames,
    /// The final state.
    State,
    /// The run itself (unsupported command, refused program, time limit).
    Run,
}

/// One difference, with where it is and a readable account.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub kind: Kind,
    /// The script line of the command (expect, output).
    pub line: Option<usize>,
    /// The interface (`ns/dev`, frames) or the state section (`ns1 routes`).
    pub place: Option<String>,
    pub text: String,
}

/// Everything that differs between the two runs of `script`.
pub fn compare(script: &Script, k: &KernelRun, s: &SimRun) -> Vec<Difference> {
    let macs = MacMap::new(&k.macs, &s.macs);
    let (k_flows, s_flows) = (learn_flows(&k.frames), learn_flows(&s.frames));
    let mut d = Vec::new();
    run_problems(script, k, s, &mut d);
    for (i, cmd) in script.commands.iter().enumerate() {
        let (Some(kc), Some(sc)) = (k.commands.get(i), s.commands.get(i)) else {
            break;
        };
        let kernel_text = k_flows.text(&macs.text_block(&kc.output));
        let sim_output = s_flows.text(&sc.output);
        for (side, text) in [("kernel", &kernel_text), ("pathsim", &sim_output)] {
            let out = Output::ok(text.clone());
            for f in check_expectations(cmd, &out) {
                d.push(Difference {
                    kind: Kind::Expect,
                    line: Some(cmd.line),
                    place: Some(side.into()),
                    text: format!(
                        "line {}: on the {side}, no line contains {:?} (in the output of `{}`)",
                        f.line, f.expected, cmd.text
                    ),
                });
            }
        }
        let (kernel_text, sim_text) = if normalize::lists_hash_order(&cmd.argv) {
            (
                normalize::sort_listing(&kernel_text),
                normalize::sort_listing(&sim_output),
            )
        } else {
            (kernel_text, sim_output)
        };
        if let Some(text) = output_diff(kc, &kernel_text, sc.status, &sim_text) {
            d.push(Difference {
                kind: Kind::Output,
                line: Some(cmd.line),
                place: None,
                text: format!("line {}: `{}`\n{text}", cmd.line, cmd.text),
            });
        }
    }
    frames((&k.frames, &k_flows), (&s.frames, &s_flows), &macs, &mut d);
    let taught = taught(k, s, &macs);
    for (i, ks) in &k.snapshots {
        if let (Some((_, ss)), Some(c)) = (
            s.snapshots.iter().find(|(j, _)| j == i),
            script.commands.get(*i),
        ) {
            let when = format!("after line {}: ", c.line);
            state(ks, ss, &macs, &taught, &when, &mut d);
        }
    }
    state(&k.state, &s.state, &macs, &taught, "", &mut d);
    d
}

fn run_problems(script: &Script, k: &KernelRun, s: &SimRun, d: &mut Vec<Difference>) {
    for (i, msg) in &s.unsupported {
        let line = script.commands.get(*i).map(|c| c.line);
        d.push(Difference {
            kind: Kind::Run,
            line,
            place: Some("pathsim".into()),
            text: format!("unsupported in pathsim: {msg}"),
        });
    }
    if let Some(why) = &k.aborted {
        d.push(Difference {
            kind: Kind::Run,
            line: None,
            place: Some("kernel".into()),
            text: format!("kernel replay stopped: {why}"),
        });
    }
    if k.frames_dropped > 0 {
        d.push(Difference {
            kind: Kind::Run,
            line: None,
            place: Some("kernel".into()),
            text: format!(
                "capture cap of {} frames reached; {} more frames not kept",
                crate::capture::FRAME_CAP,
                k.frames_dropped
            ),
        });
    }
}

/// The first differing lines of one command's output, or a status difference.
fn output_diff(
    k: &KernelCommand,
    kernel_text: &str,
    sim_status: i32,
    sim_text: &str,
) -> Option<String> {
    if k.timed_out {
        return Some(format!(
            "  the kernel's command was killed after {} s",
            crate::replay::COMMAND_TIMEOUT.as_secs()
        ));
    }
    let kn = normalize::output(kernel_text);
    let sn = normalize::output(sim_text);
    if kn == sn && k.status == sim_status {
        return None;
    }
    let mut out = String::new();
    if kn != sn {
        let kl: Vec<&str> = kn.lines().collect();
        let sl: Vec<&str> = sn.lines().collect();
        let first = kl.iter().zip(&sl).take_while(|(a, b)| a == b).count();
        let from = first.saturating_sub(1);
        for l in &kl[from..first.min(kl.len())] {
            let _ = writeln!(out, "    {l}");
        }
        for l in kl.iter().skip(first).take(3) {
            let _ = writeln!(out, "  - {l}    (kernel)");
        }
        for l in sl.iter().skip(first).take(3) {
            let _ = writeln!(out, "  + {l}    (pathsim)");
        }
        if kl.len() != sl.len() {
            let _ = writeln!(
                out,
                "  ({} lines on the kernel, {} in pathsim)",
                kl.len(),
                sl.len()
            );
        }
    }
    if k.status != sim_status {
        let _ = writeln!(
            out,
            "  exit status: kernel {}, pathsim {sim_status}",
            k.status
        );
    }
    Some(out.trim_end().to_string())
}

/// A frame prepared for comparison.
struct Seen {
    outbound: bool,
    /// After [`normalize::frame`].
    bytes: Vec<u8>,
    /// With only MACs mapped, for the report.
    shown: Vec<u8>,
    time_ns: u64,
}

impl Seen {
    fn describe(&self) -> String {
        format!(
            "{} at {:.3} s: {}",
            if self.outbound { "tx" } else { "rx" },
            self.time_ns as f64 / 1e9,
            pathsim::wire::describe(&self.shown)
        )
    }
}

/// Two runs may order frames differently when their times are this close: independent timers
/// (a neighbour re-probe on one side of a veth, a request from the other) race on the kernel,
/// and a proxy ARP reply waits a random part of `proxy_delay` (0.8 s by default).
pub const FRAME_TIME_TOLERANCE_NS: u64 = 1_000_000_000;

/// What one side's frames say about its random TCP/UDP values, learned in time order.
fn learn_flows(frames: &[Frame]) -> Flows {
    let mut raw: Vec<(u64, Vec<u8>)> = frames.iter().map(|f| (f.time_ns, f.bytes())).collect();
    raw.sort_by_key(|(t, _)| *t);
    Flows::learn(raw.iter().map(|(t, b)| (*t, b.as_slice())))
}

fn sequences(
    frames: &[Frame],
    flows: &Flows,
    macs: Option<&MacMap>,
) -> BTreeMap<String, Vec<Seen>> {
    let mut m: BTreeMap<String, Vec<Seen>> = BTreeMap::new();
    for f in frames {
        let raw = f.bytes();
        if let Some(mut bytes) = normalize::frame(&raw, macs) {
            flows.frame(&mut bytes, f.time_ns);
            m.entry(f.iface.clone()).or_default().push(Seen {
                outbound: f.outbound,
                bytes,
                shown: normalize::frame_macs_only(&raw, macs),
                time_ns: f.time_ns,
            });
        }
    }
    m
}

/// Pairs each kernel frame, in order, with the earliest unpaired simulator frame of the same
/// bytes and direction within [`FRAME_TIME_TOLERANCE_NS`]; returns the unpaired indices.
fn pair_frames(k: &[Seen], s: &[Seen]) -> (Vec<usize>, Vec<usize>) {
    let mut used = vec![false; s.len()];
    let mut kernel_only = Vec::new();
    for (i, kf) in k.iter().enumerate() {
        let hit = s.iter().enumerate().position(|(j, sf)| {
            !used[j]
                && sf.outbound == kf.outbound
                && sf.time_ns.abs_diff(kf.time_ns) <= FRAME_TIME_TOLERANCE_NS
                && sf.bytes == kf.bytes
        });
        match hit {
            Some(j) => used[j] = true,
            None => kernel_only.push(i),
        }
    }
    let sim_only = (0..s.len()).filter(|&j| !used[j]).collect();
    (kernel_only, sim_only)
}

type Side<'a> = (&'a [Frame], &'a Flows);

fn frames(k: Side, s: Side, macs: &MacMap, d: &mut Vec<Difference>) {
    let ks = sequences(k.0, k.1, Some(macs));
    let ss = sequences(s.0, s.1, None);
    let ifaces: std::collections::BTreeSet<&String> = ks.keys().chain(ss.keys()).collect();
    let empty = Vec::new();
    for iface in ifaces {
        let kv = ks.get(iface).unwrap_or(&empty);
        let sv = ss.get(iface).unwrap_or(&empty);
        let (kernel_only, sim_only) = pair_frames(kv, sv);
        if kernel_only.is_empty() && sim_only.is_empty() {
            continue;
        }
        let mut text = format!(
            "{iface}: {} frames on the kernel, {} in pathsim; {} only on the kernel, {} only in pathsim:",
            kv.len(),
            sv.len(),
            kernel_only.len(),
            sim_only.len()
        );
        for &i in kernel_only.iter().take(2) {
            let _ = write!(
                text,
                "\n  - frame {} {}    (kernel)",
                i + 1,
                kv[i].describe()
            );
        }
        for &j in sim_only.iter().take(2) {
            let _ = write!(
                text,
                "\n  + frame {} {}    (pathsim)",
                j + 1,
                sv[j].describe()
            );
        }
        d.push(Difference {
            kind: Kind::Frames,
            line: None,
            place: Some(iface.clone()),
            text,
        });
    }
}

/// The kernel's state with MACs mapped.
fn mapped(ns: &NsState, m: &MacMap) -> NsState {
    let mut n = without_multicast_neighbours(ns);
    for l in &mut n.links {
        l.address = m.mac_text(&l.address);
    }
    for e in &mut n.neighbours {
        e.lladdr = e.lladdr.as_deref().map(|a| m.mac_text(a));
    }
    for e in &mut n.fdb {
        e.mac = m.mac_text(&e.mac);
    }
    n.fdb.sort();
    n.neighbours.sort();
    n
}

/// Either side's state with the normalisations that apply to both.
fn without_multicast_neighbours(ns: &NsState) -> NsState {
    let mut n = ns.clone();
    n.neighbours
        .retain(|e| !normalize::multicast_neighbour(&e.dst));
    for e in &mut n.neighbours {
        e.state = normalize::neighbour_state(e.state);
    }
    n
}

fn section<T: PartialEq + Serialize>(
    ns: &str,
    what: &str,
    k: &[T],
    s: &[T],
    d: &mut Vec<Difference>,
) {
    if k == s {
        return;
    }
    let only = |a: &[T], b: &[T]| -> Vec<String> {
        a.iter()
            .filter(|x| !b.contains(x))
            .take(3)
            .map(|x| serde_json::to_string(x).unwrap_or_default())
            .collect()
    };
    let mut text = format!("namespace {ns:?} {what}:");
    for l in only(k, s) {
        let _ = write!(text, "\n  - {l}    (kernel only)");
    }
    for l in only(s, k) {
        let _ = write!(text, "\n  + {l}    (pathsim only)");
    }
    d.push(Difference {
        kind: Kind::State,
        line: None,
        place: Some(format!("{ns} {what}")),
        text,
    });
}

/// Compares two snapshots; `when` prefixes places (`after line 12: `) for mid-script ones.
/// (interface, source MAC) of every received frame the comparison keeps, on either side (MACs
/// in the simulator's terms): what a bridge port can have learned from frames whose timing is
/// not random.
fn taught(k: &KernelRun, s: &SimRun, macs: &MacMap) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for (frames, map) in [(&k.frames, Some(macs)), (&s.frames, None)] {
        for f in frames.iter().filter(|f| !f.outbound) {
            if let Some(b) = normalize::frame(&f.bytes(), map) {
                if let Some(src) = b.get(6..12) {
                    let mac = src
                        .iter()
                        .map(|x| format!("{x:02x}"))
                        .collect::<Vec<_>>()
                        .join(":");
                    out.insert((f.iface.clone(), mac));
                }
            }
        }
    }
    out
}

/// Leaves out FDB entries a bridge learned only from frames left out of the comparison
/// (IPv6, IGMP): the kernel sends those after random delays, so whether the port was already
/// forwarding when they came is a race ([`crate::normalize`]).
fn without_random_learning(ns: &mut NsState, taught: &HashSet<(String, String)>) {
    let label = if ns.name.is_empty() {
        "init".to_string()
    } else {
        ns.name.clone()
    };
    ns.fdb.retain(|e| {
        e.is_self
            || e.state != NUD_REACHABLE
            || taught.contains(&(format!("{label}/{}", e.dev), e.mac.clone()))
    });
}

/// `NUD_REACHABLE`: the state of an FDB entry the bridge learned.
const NUD_REACHABLE: u16 = 0x02;

fn state(
    k: &Snapshot,
    s: &Snapshot,
    macs: &MacMap,
    taught: &HashSet<(String, String)>,
    when: &str,
    d: &mut Vec<Difference>,
) {
    let names: std::collections::BTreeSet<&String> = k
        .namespaces
        .iter()
        .chain(&s.namespaces)
        .map(|n| &n.name)
        .collect();
    let none = NsState::default();
    for name in names {
        let kn = k.namespaces.iter().find(|n| &n.name == name);
        let sn = s.namespaces.iter().find(|n| &n.name == name);
        if kn.is_none() || sn.is_none() {
            d.push(Difference {
                kind: Kind::State,
                line: None,
                place: Some(format!("{when}{name} namespace")),
                text: format!(
                    "namespace {name:?} exists only {}",
                    if kn.is_some() {
                        "on the kernel"
                    } else {
                        "in pathsim"
                    }
                ),
            });
            continue;
        }
        let mut kn = mapped(kn.unwrap_or(&none), macs);
        let mut sn = without_multicast_neighbours(sn.unwrap_or(&none));
        without_random_learning(&mut kn, taught);
        without_random_learning(&mut sn, taught);
        let sn = &sn;
        let ns = format!("{when}{name}");
        section(&ns, "links", &kn.links, &sn.links, d);
        section(&ns, "addresses", &kn.addrs, &sn.addrs, d);
        section(&ns, "routes", &kn.routes, &sn.routes, d);
        section(&ns, "rules", &kn.rules, &sn.rules, d);
        section(&ns, "neighbours", &kn.neighbours, &sn.neighbours, d);
        section(&ns, "fdb", &kn.fdb, &sn.fdb, d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fdb_entries_learned_only_from_left_out_frames_are_left_out() {
        let e = |dev: &str, mac: &str, state: u16| pathsim::state::FdbEntry {
            dev: dev.into(),
            mac: mac.into(),
            master: Some("br0".into()),
            vlan: None,
            state,
            is_self: false,
            ..Default::default()
        };
        let mut ns = NsState {
            name: "ns1".into(),
            fdb: vec![
                e("vh1", "02:00:00:00:00:04", NUD_REACHABLE),
                e("vh2", "02:00:00:00:00:06", NUD_REACHABLE),
                e("vh2", "02:00:00:00:00:08", 0x80),
            ],
            ..NsState::default()
        };
        let taught: HashSet<(String, String)> =
            [("ns1/vh1".to_string(), "02:00:00:00:00:04".to_string())].into();
        without_random_learning(&mut ns, &taught);
        let left: Vec<&str> = ns.fdb.iter().map(|e| e.mac.as_str()).collect();
        assert_eq!(left, ["02:00:00:00:00:04", "02:00:00:00:00:08"]);
    }

    fn seen(outbound: bool, byte: u8, ms: u64) -> Seen {
        Seen {
            outbound,
            bytes: vec![byte; 42],
            shown: vec![byte; 42],
            time_ns: ms * 1_000_000,
        }
    }

    #[test]
    fn close_frames_pair_in_either_order_far_ones_do_not() {
        let k = [seen(true, 1, 100), seen(false, 2, 101)];
        let s = [seen(false, 2, 100), seen(true, 1, 102)];
        assert_eq!(pair_frames(&k, &s), (vec![], vec![]));
        // Same frame, but 3 s apart: a real difference in timing.
        let s = [seen(true, 1, 3_100), seen(false, 2, 101)];
        assert_eq!(pair_frames(&k, &s), (vec![0], vec![0]));
        // Direction matters.
        let s = [seen(false, 1, 100), seen(false, 2, 101)];
        assert_eq!(pair_frames(&k, &s), (vec![0], vec![0]));
    }

    #[test]
    fn an_extra_frame_is_reported_on_its_side_only() {
        let k = [
            seen(true, 1, 100),
            seen(true, 1, 1_100),
            seen(true, 1, 2_100),
        ];
        let s = [seen(true, 1, 100), seen(true, 1, 1_100)];
        assert_eq!(pair_frames(&k, &s), (vec![2], vec![]));
    }
}
