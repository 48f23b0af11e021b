//! Kernel run versus simulator run: `#>` expectations on both sides, each command's output,
//! each interface's frame sequence and the final state, after [`crate::normalize`].

use crate::normalize::{self, MacMap};
use crate::replay::{Frame, KernelCommand, KernelRun};
use crate::simside::SimRun;
use pathsim::cmd::Output;
use pathsim::run::check_expectations;
use pathsim::script::Script;
use pathsim::state::{NsState, Snapshot};
use serde::Serialize;
use std::collections::BTreeMap;
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
    let mut d = Vec::new();
    run_problems(script, k, s, &mut d);
    for (i, cmd) in script.commands.iter().enumerate() {
        let (Some(kc), Some(sc)) = (k.commands.get(i), s.commands.get(i)) else {
            break;
        };
        let kernel_text = macs.text_block(&kc.output);
        for (side, text) in [("kernel", &kernel_text), ("pathsim", &sc.output)] {
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
        if let Some(text) = output_diff(kc, sc, &kernel_text) {
            d.push(Difference {
                kind: Kind::Output,
                line: Some(cmd.line),
                place: None,
                text: format!("line {}: `{}`\n{text}", cmd.line, cmd.text),
            });
        }
    }
    frames(&k.frames, &s.frames, &macs, &mut d);
    state(&k.state, &s.state, &macs, &mut d);
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

impl MacMap {
    /// [`MacMap::text`] over every line, keeping line ends.
    pub fn text_block(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for l in s.split_inclusive('\n') {
            let (body, end) = l.strip_suffix('\n').map_or((l, ""), |b| (b, "\n"));
            out.push_str(&self.text(body));
            out.push_str(end);
        }
        out
    }
}

/// The first differing lines of one command's output, or a status difference.
fn output_diff(k: &KernelCommand, s: &KernelCommand, kernel_text: &str) -> Option<String> {
    if k.timed_out {
        return Some(format!(
            "  the kernel's command was killed after {} s",
            crate::replay::COMMAND_TIMEOUT.as_secs()
        ));
    }
    let kn = normalize::output(kernel_text);
    let sn = normalize::output(&s.output);
    if kn == sn && k.status == s.status {
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
    if k.status != s.status {
        let _ = writeln!(
            out,
            "  exit status: kernel {}, pathsim {}",
            k.status, s.status
        );
    }
    Some(out.trim_end().to_string())
}

fn unhex(h: &str) -> Vec<u8> {
    (0..h.len() / 2)
        .filter_map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok())
        .collect()
}

type Sequences = BTreeMap<String, Vec<(bool, Vec<u8>, Vec<u8>)>>;

/// Per interface: (outbound, normalised bytes, bytes for describing).
fn sequences(frames: &[Frame], macs: Option<&MacMap>) -> Sequences {
    let mut m = Sequences::new();
    for f in frames {
        let raw = unhex(&f.hex);
        if let Some(n) = normalize::frame(&raw, macs) {
            let shown = normalize::frame_macs_only(&raw, macs);
            m.entry(f.iface.clone())
                .or_default()
                .push((f.outbound, n, shown));
        }
    }
    m
}

fn frames(k: &[Frame], s: &[Frame], macs: &MacMap, d: &mut Vec<Difference>) {
    let ks = sequences(k, Some(macs));
    let ss = sequences(s, None);
    let ifaces: std::collections::BTreeSet<&String> = ks.keys().chain(ss.keys()).collect();
    let empty = Vec::new();
    for iface in ifaces {
        let kv = ks.get(iface).unwrap_or(&empty);
        let sv = ss.get(iface).unwrap_or(&empty);
        let first = kv
            .iter()
            .zip(sv)
            .take_while(|(a, b)| a.0 == b.0 && a.1 == b.1)
            .count();
        if first == kv.len() && first == sv.len() {
            continue;
        }
        let show = |v: &Vec<(bool, Vec<u8>, Vec<u8>)>| {
            v.get(first).map_or_else(
                || "(no frame)".to_string(),
                |(out, _, b)| {
                    format!(
                        "{} {}",
                        if *out { "tx" } else { "rx" },
                        pathsim::wire::describe(b)
                    )
                },
            )
        };
        d.push(Difference {
            kind: Kind::Frames,
            line: None,
            place: Some(iface.clone()),
            text: format!(
                "{iface}: {} frames on the kernel, {} in pathsim; frame {} differs:\n  - {}    (kernel)\n  + {}    (pathsim)",
                kv.len(),
                sv.len(),
                first + 1,
                show(kv),
                show(sv)
            ),
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

fn state(k: &Snapshot, s: &Snapshot, macs: &MacMap, d: &mut Vec<Difference>) {
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
                place: Some(format!("{name} namespace")),
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
        let kn = mapped(kn.unwrap_or(&none), macs);
        let sn = &without_multicast_neighbours(sn.unwrap_or(&none));
        section(name, "links", &kn.links, &sn.links, d);
        section(name, "addresses", &kn.addrs, &sn.addrs, d);
        section(name, "routes", &kn.routes, &sn.routes, d);
        section(name, "rules", &kn.rules, &sn.rules, d);
        section(name, "neighbours", &kn.neighbours, &sn.neighbours, d);
        section(name, "fdb", &kn.fdb, &sn.fdb, d);
    }
}
