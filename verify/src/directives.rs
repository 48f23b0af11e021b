//! Verifier directives in a scenario: comment lines bash and pathsim ignore.
//!
//! `#@ snapshot` on a line of its own, after a command: both sides take a state snapshot
//! right after that command (besides the final one), and the two are compared.

use pathsim::script::Script;

/// The directive that asks for a snapshot after the command above it.
pub const SNAPSHOT: &str = "#@ snapshot";

/// Indices of the commands that a `#@ snapshot` line follows.
pub fn snapshot_points(src: &str, script: &Script) -> Vec<usize> {
    let mut points = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim() != SNAPSHOT {
            continue;
        }
        let line_no = n + 1;
        if let Some(i) = script.commands.iter().rposition(|c| c.line < line_no) {
            if !points.contains(&i) {
                points.push(i);
            }
        }
    }
    points.sort_unstable();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_line_names_the_command_above_it() {
        let src =
            "ip link add v0 type veth peer name v1\n#@ snapshot\n#> x\nip link\n  #@ snapshot\n";
        let script = pathsim::script::parse("t.sh", src).unwrap();
        assert_eq!(snapshot_points(src, &script), [0, 1]);
        let src = "#@ snapshot\nip link\n";
        let script = pathsim::script::parse("t.sh", src).unwrap();
        assert!(snapshot_points(src, &script).is_empty());
    }
}
