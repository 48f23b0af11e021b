//! Running a scenario: every command in order on one simulated world, `#>` expectations
//! checked against each command's output, traces and captures collected.

use crate::cmd::{execute, Output};
use crate::path::Sim;
use crate::script::{Script, ScriptCommand};
use crate::trace::pcap::PcapRecorder;
use crate::trace::{render_text, Step};
use std::fmt::Write;

/// Logical time one command takes: the gap between two lines of a script run by bash.
pub const COMMAND_GAP_NS: u64 = 1_000_000;

/// How to run a scenario.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub seed: u64,
    pub trace: bool,
    pub pcap: bool,
}

/// A `#>` line that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectFailure {
    pub line: usize,
    pub expected: String,
}

/// What one command did.
#[derive(Debug, Clone)]
pub struct CommandRun {
    pub command: ScriptCommand,
    pub output: Output,
    pub steps: Vec<Step>,
    pub failed: Vec<ExpectFailure>,
}

/// The result of a whole scenario.
pub struct Report {
    pub file: String,
    pub commands: Vec<CommandRun>,
    pub pcap: Option<PcapRecorder>,
}

impl Report {
    /// Expectation failures and unsupported commands, as `file:line:col: …` lines.
    pub fn problems(&self) -> Vec<String> {
        let mut v = Vec::new();
        for c in &self.commands {
            if c.output.unsupported {
                v.push(format!(
                    "{}:{}:{}: {}",
                    self.file,
                    c.command.line,
                    c.command.col,
                    c.output.stderr.trim_end()
                ));
            }
            for f in &c.failed {
                let mut s = format!(
                    "{}:{}: expected a line containing {:?} in the output of `{}`; the output was:\n",
                    self.file, f.line, f.expected, c.command.text
                );
                for l in c.output.combined().lines() {
                    let _ = writeln!(s, "    | {l}");
                }
                v.push(s.trim_end().to_string());
            }
        }
        v
    }

    /// The transcript `pathsim run` prints: each command, its output, and its trace.
    pub fn transcript(&self, with_trace: bool) -> String {
        let mut s = String::new();
        for c in &self.commands {
            let _ = writeln!(s, "$ {}", c.command.text);
            s.push_str(&c.output.combined());
            if with_trace && !c.steps.is_empty() {
                s.push_str(&render_text(&c.steps));
            }
        }
        s
    }
}

/// Checks `#>` lines: each must be a substring of an output line, in order.
pub fn check_expectations(cmd: &ScriptCommand, out: &Output) -> Vec<ExpectFailure> {
    let combined = out.combined();
    let lines: Vec<&str> = combined.lines().collect();
    let mut from = 0;
    let mut failed = Vec::new();
    for e in &cmd.expects {
        match lines[from..]
            .iter()
            .position(|l| l.contains(e.text.as_str()))
        {
            Some(i) => from += i,
            None => failed.push(ExpectFailure {
                line: e.line,
                expected: e.text.clone(),
            }),
        }
    }
    failed
}

/// Runs a parsed script.
/// The directory a script's relative file names are resolved from: its own.
pub fn script_dir(file: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(file).parent()?;
    Some(if dir.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        dir.to_path_buf()
    })
}

pub fn run_script(script: &Script, opts: &RunOptions) -> Report {
    let mut sim = Sim::new(opts.seed);
    sim.cwd = script_dir(&script.file);
    sim.trace.enabled = opts.trace;
    if opts.pcap {
        sim.trace.pcap = Some(PcapRecorder::default());
    }
    let mut commands = Vec::new();
    for c in &script.commands {
        let t = sim.now() + COMMAND_GAP_NS;
        sim.run_until(t);
        let before = sim.trace.steps.len();
        let output = execute(&mut sim, 0, &c.argv);
        sim.settle();
        let steps = sim.trace.steps.split_off(before);
        let failed = check_expectations(c, &output);
        commands.push(CommandRun {
            command: c.clone(),
            output,
            steps,
            failed,
        });
    }
    Report {
        file: script.file.clone(),
        commands,
        pcap: sim.trace.pcap.take(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::parse;

    fn run(src: &str) -> Report {
        run_script(&parse("t.sh", src).unwrap(), &RunOptions::default())
    }

    #[test]
    fn expectations_in_order() {
        let r = run("echo a b\n#> a\n#> b\necho x\n#> y\n");
        assert!(r.commands[0].failed.is_empty());
        assert_eq!(r.commands[1].failed.len(), 1);
        assert_eq!(r.problems().len(), 1);
    }

    #[test]
    fn unsupported_commands_are_reported_with_position() {
        let r = run("\n  frobnicate now\n");
        let p = r.problems();
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("t.sh:2:3: command `frobnicate` is not supported"),
            "{}",
            p[0]
        );
    }
}
