//! Inside the sandbox: run the script's commands with the real tools, capture every
//! namespace, snapshot the final state, and hand it all to the parent as JSON.

use crate::capture::{Capture, RawFrame, Shared};
use crate::netns::{list_named, NsName};
use crate::snapshot;
use pathsim::script::{Script, ScriptCommand};
use pathsim::state::Snapshot;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The longest one command may run before it is killed.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a whole scenario may run in the sandbox.
pub const SCENARIO_TIMEOUT: Duration = Duration::from_secs(300);
/// How long both sides run on after the last command before the final state is taken: the
/// kernel applies carrier changes through `linkwatch`, which may delay them up to a second
/// (`linkwatch_schedule_work`), so its state is settled only then. One and a half seconds,
/// not one: many of the kernel's own delays are whole seconds (linkwatch's hold, ARP
/// retransmissions, ping's interval), and a state taken at such a moment would race them by
/// a jiffy. The simulator advances its clock by the same amount.
pub const FINAL_SETTLE: Duration = Duration::from_millis(1500);

/// How long the output of a command that has exited may still take to arrive when something
/// it left in the background holds its pipe open.
const BACKGROUND_GRACE: Duration = Duration::from_millis(100);

/// Programs a scenario may run on the real machine (directly or under `ip netns exec`):
/// the tools pathsim models. Anything else is refused before it runs.
pub const ALLOWED_PROGRAMS: &[&str] = &[
    "ip",
    "bridge",
    "sysctl",
    "ping",
    "iptables",
    "iptables-save",
    "iptables-restore",
    "conntrack",
    "nc",
    "setsid",
    "brctl",
    "route",
    "arp",
    "ls",
    "echo",
    "sleep",
    "true",
    "false",
];

/// One command's result on the kernel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KernelCommand {
    /// stdout and stderr as written, through one pipe (as `2>&1` in a shell).
    pub output: String,
    pub status: i32,
    pub timed_out: bool,
    /// When it started, in ns since the replay started (the capture's clock).
    pub start_ns: u64,
}

/// A captured frame, its interface named as the simulator names it (`ns/dev`, `init/dev`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Frame {
    pub iface: String,
    pub outbound: bool,
    pub time_ns: u64,
    pub hex: String,
}

impl Frame {
    /// A frame with its bytes written as lower-case hex (compact in the sandbox's JSON).
    pub fn new(iface: String, outbound: bool, time_ns: u64, bytes: &[u8]) -> Frame {
        let mut hex = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            use std::fmt::Write;
            let _ = write!(hex, "{b:02x}");
        }
        Frame {
            iface,
            outbound,
            time_ns,
            hex,
        }
    }

    /// The frame's bytes; pairs that are not hex digits are skipped.
    pub fn bytes(&self) -> Vec<u8> {
        self.hex
            .as_bytes()
            .chunks_exact(2)
            .filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
            .collect()
    }
}

/// Everything the sandbox reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KernelRun {
    /// Why the scenario cannot run on this kernel (`kernel lacks ipip`); nothing else is set.
    pub skipped: Option<String>,
    /// Why the replay stopped early (a refused program, the scenario time limit).
    pub aborted: Option<String>,
    pub commands: Vec<KernelCommand>,
    pub frames: Vec<Frame>,
    /// When the final state was taken, in ns since the replay started.
    pub state_at_ns: u64,
    /// Frames seen beyond [`crate::capture::FRAME_CAP`].
    pub frames_dropped: usize,
    /// The (interface, MAC address) pairs of all devices before the first command and after
    /// each command: the simulator observes at the same points, so MACs pair up in time.
    pub macs: Vec<Vec<(String, String)>>,
    pub state: Snapshot,
    /// Snapshots a `#@ snapshot` line asked for: (command index, state right after it).
    pub snapshots: Vec<(usize, Snapshot)>,
    pub notes: Vec<String>,
}

/// The program names a command runs: its own, and (recursively) what `ip netns exec` runs.
pub fn programs(argv: &[String]) -> Vec<&str> {
    let Some(first) = argv.first() else {
        return Vec::new();
    };
    let mut v = vec![first.as_str()];
    if let Some(tail) = netns_exec_tail(argv).or_else(|| setsid_tail(argv)) {
        v.extend(programs(tail));
    }
    v
}

/// The command `setsid [OPTIONS] CMD…` runs (util-linux: options before the command).
fn setsid_tail(argv: &[String]) -> Option<&[String]> {
    if argv.first().is_none_or(|p| p != "setsid") {
        return None;
    }
    let i = 1 + argv[1..].iter().take_while(|w| w.starts_with('-')).count();
    argv.get(i..).filter(|t| !t.is_empty())
}

/// The command `ip [OPTIONS] netns exec NS CMD…` runs (`CMD…`; without `NS` under `-all`),
/// with iproute2's prefix matching of `netns` and `exec`.
pub fn netns_exec_tail(argv: &[String]) -> Option<&[String]> {
    if argv.first().is_none_or(|p| p != "ip") {
        return None;
    }
    let is = |w: &str, full: &str| !w.is_empty() && full.starts_with(w);
    let all = argv[1..]
        .iter()
        .take_while(|w| w.starts_with('-'))
        .any(|w| w.len() > 1 && is(&w[1..], "all"));
    let i = (1..argv.len().saturating_sub(1))
        .find(|&i| is(&argv[i], "netns") && is(&argv[i + 1], "exec"))?;
    argv.get(if all { i + 2 } else { i + 3 }..)
}

/// What a command that failed says about the kernel: `Some("kernel lacks ipip")`.
fn kernel_lack(cmd: &ScriptCommand, out: &KernelCommand) -> Option<String> {
    if out.status == 0 {
        return None;
    }
    let a = &cmd.argv;
    if out.output.contains("Unknown device type") {
        if let Some(i) = a.iter().position(|w| w == "type") {
            return a.get(i + 1).map(|k| format!("kernel lacks {k}"));
        }
    }
    if a.iter().any(|w| w == "vlan_filtering") && out.output.contains("vlan") {
        return Some("kernel refuses bridge vlan_filtering".into());
    }
    None
}

/// Runs one command, stdout and stderr into one pipe, killed after [`COMMAND_TIMEOUT`].
fn run_command(argv: &[String], start_ns: u64) -> std::io::Result<KernelCommand> {
    let (mut reader, writer) = std::io::pipe()?;
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .env_clear()
        .env(
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        )
        .env("LC_ALL", "C")
        .env("HOME", "/root")
        .stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer)
        .process_group(0)
        .spawn()?;
    let pgid = child.id();
    // The reader hands over what it reads as it comes: a listener the command started in the
    // background (`setsid -f nc -l …`) keeps the pipe open after the command has exited.
    // Once the command's output is collected, the reader keeps draining (and discarding) the
    // pipe until every writer is gone, as a terminal would: closing it would kill such a
    // listener with SIGPIPE at its second write to stdout (`nc -l -u` writes each datagram
    // it receives), a death no script on a terminal would see.
    let (chunks, collected) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut collecting = true;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if collecting && chunks.send(buf[..n].to_vec()).is_err() {
                        collecting = false;
                    }
                }
            }
        }
    });
    let deadline = Instant::now() + COMMAND_TIMEOUT;
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if Instant::now() > deadline {
            timed_out = true;
            let _ = nix::sys::signal::killpg(
                nix::unistd::Pid::from_raw(i32::try_from(pgid).unwrap_or(i32::MAX)),
                nix::sys::signal::Signal::SIGKILL,
            );
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let mut output = Vec::new();
    while let Ok(chunk) = collected.recv_timeout(BACKGROUND_GRACE) {
        output.extend(chunk);
    }
    use std::os::unix::process::ExitStatusExt;
    let status = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    Ok(KernelCommand {
        output: String::from_utf8_lossy(&output).into_owned(),
        status,
        timed_out,
        start_ns,
    })
}

/// The sandbox's namespaces and their captures, kept in step with `/run/netns`.
struct Captures {
    shared: std::sync::Arc<Shared>,
    running: BTreeMap<NsName, (u64, Capture)>,
}

impl Captures {
    /// Starts captures for new namespaces and stops those whose name is gone or reused.
    fn sync(&mut self) -> std::io::Result<()> {
        let mut now: HashMap<NsName, u64> = list_named()?.into_iter().collect();
        now.insert(NsName::initial(), 0);
        let gone: Vec<NsName> = self
            .running
            .iter()
            .filter(|(n, (ino, _))| now.get(*n) != Some(ino))
            .map(|(n, _)| n.clone())
            .collect();
        for n in gone {
            if let Some((_, c)) = self.running.remove(&n) {
                c.stop();
            }
        }
        for (n, ino) in now {
            if !self.running.contains_key(&n) {
                let c = Capture::start(n.clone(), self.shared.clone())?;
                self.running.insert(n, (ino, c));
            }
        }
        Ok(())
    }

    fn stop_all(&mut self) {
        for (_, (_, c)) in std::mem::take(&mut self.running) {
            c.stop();
        }
    }
}

/// Device names by (namespace, ifindex), one map per point in the script.
type NameMap = HashMap<(NsName, u32), String>;

/// The namespace label the simulator uses in interface names.
pub fn ns_label(ns: &NsName) -> &str {
    if ns.0.is_empty() {
        "init"
    } else {
        &ns.0
    }
}

/// Links of every namespace now: names for frames, MACs for the one-to-one MAC map.
fn observe_links(macs: &mut Vec<Vec<(String, String)>>) -> NameMap {
    let mut names = NameMap::new();
    let mut now = Vec::new();
    let mut all = vec![NsName::initial()];
    all.extend(list_named().unwrap_or_default().into_iter().map(|(n, _)| n));
    for ns in all {
        let Ok(state) = snapshot::snapshot_ns(&ns) else {
            continue;
        };
        for l in state.links {
            let iface = format!("{}/{}", ns_label(&ns), l.name);
            now.push((iface, l.address.clone()));
            names.insert((ns.clone(), l.ifindex), l.name);
        }
    }
    macs.push(now);
    names
}

/// Replays `script` in the current (sandbox) namespaces, with extra snapshots after the
/// commands in `snapshot_after`.
pub fn replay(script: &Script, snapshot_after: &[usize]) -> KernelRun {
    let mut run = KernelRun::default();
    let mut caps = Captures {
        shared: Shared::new(),
        running: BTreeMap::new(),
    };
    if let Err(e) = caps.sync() {
        run.aborted = Some(format!("capture: {e}"));
        return run;
    }
    let mut maps = vec![observe_links(&mut run.macs)];
    let started = Instant::now();
    for (i, cmd) in script.commands.iter().enumerate() {
        caps.shared.command.store(i, Ordering::Release);
        if let Some(p) = programs(&cmd.argv)
            .into_iter()
            .find(|p| !ALLOWED_PROGRAMS.contains(p))
        {
            run.aborted = Some(format!(
                "{}:{}:{}: `{p}` is not a program the verifier runs on the real machine \
                 (it runs: {})",
                script.file,
                cmd.line,
                cmd.col,
                ALLOWED_PROGRAMS.join(", ")
            ));
            break;
        }
        if started.elapsed() > SCENARIO_TIMEOUT {
            run.aborted = Some(format!(
                "the scenario ran longer than {} s on the kernel",
                SCENARIO_TIMEOUT.as_secs()
            ));
            break;
        }
        let start_ns = caps.shared.elapsed_ns();
        let out = run_command(&cmd.argv, start_ns).unwrap_or_else(|e| KernelCommand {
            output: format!("pathsim-verify: cannot run {}: {e}\n", cmd.argv[0]),
            status: 127,
            timed_out: false,
            start_ns,
        });
        if let Some(why) = kernel_lack(cmd, &out) {
            caps.stop_all();
            crate::teardown::teardown();
            return KernelRun {
                skipped: Some(why),
                ..KernelRun::default()
            };
        }
        run.commands.push(out);
        if let Err(e) = caps.sync() {
            run.notes
                .push(format!("capture after line {}: {e}", cmd.line));
        }
        maps.push(observe_links(&mut run.macs));
        if snapshot_after.contains(&i) {
            match snapshot::snapshot_all() {
                Ok(s) => run.snapshots.push((i, s)),
                Err(e) => run
                    .notes
                    .push(format!("state after line {}: {e}", cmd.line)),
            }
        }
    }
    std::thread::sleep(FINAL_SETTLE);
    run.state_at_ns = caps.shared.elapsed_ns();
    match snapshot::snapshot_all() {
        Ok(s) => run.state = s,
        Err(e) => run.notes.push(format!("final state: {e}")),
    }
    caps.stop_all();
    crate::teardown::teardown();
    let raw = std::mem::take(&mut *caps.shared.frames.lock().unwrap_or_else(|e| e.into_inner()));
    run.frames_dropped = caps.shared.dropped.load(Ordering::Relaxed);
    // The simulator runs until the moment the state was taken; frames the kernel sent while
    // the dumps ran would exist on one side only.
    run.frames = raw
        .into_iter()
        .filter(|f| f.time_ns <= run.state_at_ns)
        .map(|f| name_frame(f, &maps))
        .collect();
    run
}

/// Names a frame's interface with the device names of the moment it was seen (after its
/// command ran), falling back to earlier moments for a device deleted by that command.
fn name_frame(f: RawFrame, maps: &[NameMap]) -> Frame {
    let key = (f.ns.clone(), f.ifindex);
    let at = (f.command + 1).min(maps.len().saturating_sub(1));
    let dev = maps[..=at]
        .iter()
        .rev()
        .find_map(|m| m.get(&key).cloned())
        .unwrap_or_else(|| format!("if{}", f.ifindex));
    Frame::new(
        format!("{}/{}", ns_label(&f.ns), dev),
        f.outbound,
        f.time_ns,
        &f.data,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn frame_bytes_round_trip_through_hex() {
        let f = Frame::new("a/b".into(), true, 1, &[0x00, 0xab, 0xff]);
        assert_eq!(
            (f.hex.as_str(), f.bytes()),
            ("00abff", vec![0x00, 0xab, 0xff])
        );
        let bad = Frame {
            hex: "zzé0".into(),
            ..f
        };
        assert!(bad.bytes().len() <= 2);
    }

    #[test]
    fn programs_include_the_one_under_netns_exec() {
        assert_eq!(programs(&argv("ip -n x link")), ["ip"]);
        assert_eq!(
            programs(&argv("ip netns exec ns1 ping -c 1 10.0.0.1")),
            ["ip", "ping"]
        );
        assert_eq!(programs(&argv("ip -all n e ns1 rm -rf /x")), ["ip", "ns1"]);
        assert_eq!(programs(&argv("ip net exe ns1 rm -rf /x")), ["ip", "rm"]);
        assert_eq!(
            programs(&argv("ip -n a netns exec b ip netns exec c cat /x")),
            ["ip", "ip", "cat"]
        );
        assert!(programs(&[]).is_empty());
        assert_eq!(
            programs(&argv("ip netns exec b setsid -f nc -l -p 80")),
            ["ip", "setsid", "nc"]
        );
        assert_eq!(programs(&argv("setsid -f -w rm x")), ["setsid", "rm"]);
    }
}
