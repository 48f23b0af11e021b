//! Text rendering of trace steps: one line per step, grouped by packet.

use super::{Action, Step};
use std::fmt::Write;

/// Renders steps as `  [t] netns dev func ACTION detail`, one line each, in recording order.
pub fn render_text(steps: &[Step]) -> String {
    let mut out = String::new();
    let mut last_packet = None;
    for s in steps {
        if last_packet != Some(s.packet) {
            let _ = writeln!(out, "  packet #{}", s.packet);
            last_packet = Some(s.packet);
        }
        let action = match s.action {
            Action::Dropped(r) => format!("DROP {}", r.name()),
            a => format!("{a:?}").to_uppercase(),
        };
        let _ = writeln!(
            out,
            "    {:>10.6}s  {:<10} {:<12} {:<24} {:<12} {}",
            s.time as f64 / 1e9,
            s.netns,
            s.dev,
            s.func,
            action,
            s.detail
        );
    }
    out
}
