//! The machine-wide state of `net/core/link_watch.c` (Linux 6.18): the list of devices with
//! a pending link event (`lweventlist`), the `LW_URGENT` bit, `linkwatch_nextevent` and the
//! one delayed work item (`linkwatch_work`) that processes the list. It is global, not per
//! namespace: a non-urgent run anywhere delays the next non-urgent run everywhere by a
//! second. [`crate::rtnl::linkwatch`] changes it; the simulator's event queue runs the work.

use super::DevRef;
use serde::Serialize;

/// `HZ` of the modelled kernel (CONFIG_HZ=250).
pub const HZ: u64 = 250;
/// One jiffy in nanoseconds.
pub const JIFFY_NS: u64 = 1_000_000_000 / HZ;

/// `jiffies` at logical time `now` (ns).
pub fn jiffies(now: u64) -> u64 {
    now / JIFFY_NS
}

/// The delayed work as armed by `schedule_delayed_work` / `mod_delayed_work`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArmedWork {
    /// Logical time (ns) of the call that armed it.
    pub at: u64,
    /// The delay in jiffies (0: queued at once).
    pub delay: u64,
    /// Identifies this arming; a queued event with another generation is stale.
    pub gen: u64,
}

/// `lweventlist`, `linkwatch_flags`, `linkwatch_nextevent` and `linkwatch_work`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LinkWatchQueue {
    /// Devices with `__LINK_STATE_LINKWATCH_PENDING`, in the order their events came.
    pub list: Vec<DevRef>,
    /// `LW_URGENT`: an immediate run is queued.
    pub urgent: bool,
    /// `linkwatch_nextevent` in jiffies: no non-urgent run before it. `None` until the first
    /// non-urgent run (the kernel's 0, long past).
    pub nextevent: Option<u64>,
    /// The work, while it is pending (armed and not yet running).
    pub work: Option<ArmedWork>,
    /// Last generation handed out.
    pub gen: u64,
    /// The work was armed since the simulator last queued it.
    pub rearmed: bool,
}

impl LinkWatchQueue {
    /// `schedule_delayed_work`: arms the work unless it is already pending.
    pub fn schedule_delayed_work(&mut self, now: u64, delay: u64) {
        if self.work.is_none() {
            self.arm(now, delay);
        }
    }

    /// `mod_delayed_work`: (re)arms the work, pending or not.
    pub fn mod_delayed_work(&mut self, now: u64, delay: u64) {
        self.arm(now, delay);
    }

    fn arm(&mut self, now: u64, delay: u64) {
        self.gen += 1;
        self.work = Some(ArmedWork {
            at: now,
            delay,
            gen: self.gen,
        });
        self.rearmed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_keeps_a_pending_work_and_mod_rearms_it() {
        let mut q = LinkWatchQueue::default();
        q.schedule_delayed_work(0, 100);
        let first = q.work.unwrap();
        q.schedule_delayed_work(4_000_000, 0);
        assert_eq!(q.work, Some(first));
        q.mod_delayed_work(8_000_000, 0);
        let w = q.work.unwrap();
        assert_eq!((w.at, w.delay), (8_000_000, 0));
        assert!(w.gen > first.gen && q.rearmed);
        assert_eq!(jiffies(8_000_000), 2);
    }
}
