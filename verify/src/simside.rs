//! The simulator's side of a comparison: the same script, command by command, with the
//! same observations the sandbox makes on the kernel (outputs, capture, MACs, final state).

use crate::replay::{Frame, KernelCommand, KernelRun};
use pathsim::cmd::execute;
use pathsim::path::Sim;
use pathsim::run::COMMAND_GAP_NS;
use pathsim::script::Script;
use pathsim::state::{snapshot, Snapshot};
use pathsim::trace::pcap::PcapRecorder;

/// What the simulator did with a script.
pub struct SimRun {
    pub commands: Vec<KernelCommand>,
    /// Commands (by index) the simulator does not model, with its message.
    pub unsupported: Vec<(usize, String)>,
    pub frames: Vec<Frame>,
    /// (interface, MAC) of every device before the first command and after each command.
    pub macs: Vec<Vec<(String, String)>>,
    pub state: Snapshot,
    /// (command index, state right after it), where a `#@ snapshot` line asks.
    pub snapshots: Vec<(usize, Snapshot)>,
    pub pcap: PcapRecorder,
}

/// Runs `script` as `pathsim run` does, observing after every command, but on the kernel's
/// timeline: command `i` starts at the kernel's `start_ns` (or later, if the simulator's
/// previous command took longer), so neighbour, proxy-ARP and ageing timers fire at the same
/// points of the script on both sides. The final state is taken at `state_at_ns`.
pub fn run(script: &Script, seed: u64, kernel: &KernelRun, snapshot_after: &[usize]) -> SimRun {
    let mut sim = Sim::new(seed);
    sim.cwd = pathsim::run::script_dir(&script.file);
    sim.trace.pcap = Some(PcapRecorder::default());
    let mut out = SimRun {
        commands: Vec::new(),
        unsupported: Vec::new(),
        frames: Vec::new(),
        macs: Vec::new(),
        state: Snapshot::default(),
        snapshots: Vec::new(),
        pcap: PcapRecorder::default(),
    };
    observe_macs(&sim, &mut out.macs);
    for (i, c) in script.commands.iter().enumerate() {
        let t = match kernel.commands.get(i) {
            Some(k) => k.start_ns.max(sim.now()),
            None => sim.now() + COMMAND_GAP_NS,
        };
        sim.run_until(t);
        let o = execute(&mut sim, 0, &c.argv);
        sim.settle();
        if o.unsupported {
            out.unsupported.push((i, o.stderr.trim_end().to_string()));
        }
        out.commands.push(KernelCommand {
            output: o.combined(),
            status: o.status,
            timed_out: false,
            start_ns: t,
        });
        observe_macs(&sim, &mut out.macs);
        if snapshot_after.contains(&i) {
            out.snapshots.push((i, snapshot(&sim)));
        }
    }
    let settle = u64::try_from(crate::replay::FINAL_SETTLE.as_nanos()).unwrap_or(u64::MAX);
    sim.run_until(kernel.state_at_ns.max(sim.now() + settle));
    out.state = snapshot(&sim);
    out.pcap = sim.trace.pcap.take().unwrap_or_default();
    out.frames = out
        .pcap
        .frames()
        .map(|(iface, t, outbound, bytes)| Frame::new(iface.to_string(), outbound, t, bytes))
        .collect();
    out
}

fn observe_macs(sim: &Sim, macs: &mut Vec<Vec<(String, String)>>) {
    let mut now = Vec::new();
    for ns in snapshot(sim).namespaces {
        let label = if ns.name.is_empty() { "init" } else { &ns.name };
        for l in ns.links {
            now.push((format!("{label}/{}", l.name), l.address));
        }
    }
    macs.push(now);
}
