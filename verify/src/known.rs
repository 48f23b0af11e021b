//! The reviewed list of known differences between pathsim and the kernel
//! (`verify/known-differences.toml`, compiled into the binary). Each entry names the
//! scenario, the part that differs, why, and the kernel function or version behind it.
//! A difference not on the list fails the scenario; an entry that no longer matches any
//! difference is reported as stale so the list stays true, unless the entry says the
//! difference comes from a random choice on the kernel (`by_chance = true`): such a run may
//! agree when both sides happen to choose alike.

use crate::compare::{Difference, Kind};
use serde::Deserialize;

/// The list as reviewed, in the repository.
pub const KNOWN_DIFFERENCES: &str = include_str!("../known-differences.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Scenario file name (`ping-options.sh`).
    pub scenario: String,
    pub kind: Kind,
    /// The command's script line (expect, output).
    pub line: Option<usize>,
    /// The interface or state section, as the report prints it (`ns1/veth0`, `ns1 routes`).
    pub place: Option<String>,
    /// What differs and why.
    pub why: String,
    /// The kernel function or version behind it.
    pub kernel: String,
    /// The difference follows a random choice on the kernel (a hash seed, `get_random_u32`,
    /// a timer race), so a run where both sides agree is no sign the entry is stale.
    #[serde(default)]
    pub by_chance: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    difference: Vec<Entry>,
}

/// Parses the list; a malformed list is an error that names the problem.
pub fn load(text: &str) -> Result<Vec<Entry>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.difference)
        .map_err(|e| format!("known-differences.toml: {e}"))
}

impl Entry {
    /// Whether this entry explains `d` in `scenario`.
    pub fn covers(&self, scenario: &str, d: &Difference) -> bool {
        self.scenario == scenario
            && self.kind == d.kind
            && (self.line.is_none() || self.line == d.line)
            && (self.place.is_none() || self.place == d.place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reviewed_list_parses_and_every_entry_has_reasons() {
        let list = load(KNOWN_DIFFERENCES).unwrap();
        for e in &list {
            assert!(
                !e.why.trim().is_empty() && !e.kernel.trim().is_empty(),
                "{e:?}"
            );
            assert!(e.scenario.ends_with(".sh"), "{e:?}");
        }
    }

    #[test]
    fn an_entry_covers_only_its_own_difference() {
        let list = load(
            "[[difference]]\nscenario = \"a.sh\"\nkind = \"output\"\nline = 3\n\
             why = \"w\"\nkernel = \"k\"\n",
        )
        .unwrap();
        let d = |line| Difference {
            kind: Kind::Output,
            line: Some(line),
            place: None,
            text: String::new(),
        };
        assert!(list[0].covers("a.sh", &d(3)));
        assert!(!list[0].covers("a.sh", &d(4)));
        assert!(!list[0].covers("b.sh", &d(3)));
        assert!(!list[0].by_chance);
        assert!(load("[[difference]]\nscenario = 1\n").is_err());
        let random = load(
            "[[difference]]\nscenario = \"a.sh\"\nkind = \"frames\"\n\
             why = \"w\"\nkernel = \"k\"\nby_chance = true\n",
        )
        .unwrap();
        assert!(random[0].by_chance);
    }
}
