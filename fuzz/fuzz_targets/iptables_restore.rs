//! The iptables-save format reader never panics, and whatever it accepts saves to a text that
//! reads back to the same text (save(restore(save(restore(x)))) == save(restore(x))).

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathsim::netfilter::restore::restore;
use pathsim::netfilter::save::save_table;
use pathsim::netfilter::{Netfilter, TableId};

fn save_all(nf: &Netfilter) -> String {
    TableId::SAVE_ORDER
        .iter()
        .filter_map(|id| nf.table(*id))
        .map(|t| save_table(t, true, "-"))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut nf = Netfilter::default();
    if restore(&mut nf, &text, false, true, false).is_ok() {
        let first = save_all(&nf);
        let mut again = Netfilter::default();
        restore(&mut again, &first, false, true, false).expect("saved text restores");
        assert_eq!(first, save_all(&again));
    }
});
