//! `-m limit`. iptables-nft turns it into nftables' native `limit` expression
//! (`add_nft_limit` of iptables/nft.c), so the kernel side is net/netfilter/nft_limit.c: a
//! token bucket counted in nanoseconds, not xt_limit's jiffies.

use super::error::NfError;
use serde::Serialize;

/// `XT_LIMIT_SCALE`: libxt_limit's average is in 1/10000 s.
const SCALE: u32 = 10_000;
/// The units, longest first, in seconds, with the name `-L`/`-S` print.
const UNITS: [(u64, &str); 4] = [(86_400, "day"), (3_600, "hour"), (60, "min"), (1, "sec")];
const NSEC_PER_SEC: u64 = 1_000_000_000;
/// `NFT_LIMIT_PKT_BURST_DEFAULT` (also libxt_limit's default).
pub const DEFAULT_BURST: u32 = 5;

/// A limit rule: `rate` packets per `unit` seconds, `burst`, and the bucket's state.
#[derive(Debug, Clone, Copy, Eq, Serialize)]
pub struct Limit {
    pub rate: u64,
    pub unit: u64,
    pub burst: u32,
    /// Nanoseconds of credit (`limit->tokens`); `None` until the first packet (full bucket).
    tokens: Option<u64>,
    /// When the bucket was last updated (`limit->last`).
    last: u64,
}

impl PartialEq for Limit {
    /// The bucket's state is not part of a rule's identity.
    fn eq(&self, o: &Limit) -> bool {
        (self.rate, self.unit, self.burst) == (o.rate, o.unit, o.burst)
    }
}

/// libxt_limit's `parse_rate`: `N[/second|minute|hour|day]` (any prefix of the unit, any
/// case), as an average period in 1/10000 s.
pub fn parse_rate(v: &str) -> Result<u32, NfError> {
    let bad = || NfError::Param(format!("bad rate \"{v}\"'"));
    let (num, mult) = match v.split_once('/') {
        Some((n, u)) => {
            let u = u.to_ascii_lowercase();
            let mult = [
                ("second", 1),
                ("minute", 60),
                ("hour", 3_600),
                ("day", 86_400),
            ]
            .iter()
            .find(|(name, _)| !u.is_empty() && name.starts_with(u.as_str()))
            .map(|(_, m)| *m)
            .ok_or_else(bad)?;
            (n, mult)
        }
        None => (v, 1),
    };
    // atoi: leading digits only.
    let digits: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
    let r: u32 = digits.parse().ok().filter(|r| *r != 0).ok_or_else(bad)?;
    let avg = SCALE * mult / r;
    if avg == 0 {
        return Err(NfError::Param(format!("Rate too fast \"{v}\"")));
    }
    Ok(avg)
}

impl Limit {
    /// `add_nft_limit`: the average back to rate/unit; the kernel makes burst 0 the default.
    pub fn new(avg: u32, burst: u32) -> Limit {
        let scaled = |s: u64| s * u64::from(SCALE);
        let avg64 = u64::from(avg);
        let mut i = 1;
        while i < UNITS.len() {
            let m = scaled(UNITS[i].0);
            if avg64 > m || m / avg64 < m % avg64 {
                break;
            }
            i += 1;
        }
        let unit = UNITS[i - 1].0;
        Limit {
            rate: scaled(unit) / avg64,
            unit,
            burst: if burst == 0 { DEFAULT_BURST } else { burst },
            tokens: None,
            last: 0,
        }
    }

    /// `nft_limit_pkts_init`: the cost of one packet in nanoseconds of credit.
    fn cost(&self) -> u64 {
        self.unit * NSEC_PER_SEC / self.rate
    }

    /// `nft_limit_eval` at time `now` (ns): whether the packet is within the limit.
    pub fn hit(&mut self, now: u64) -> bool {
        let cost = self.cost();
        let max = cost * u64::from(self.burst);
        let tokens = match self.tokens {
            None => max,
            Some(t) => t.saturating_add(now.saturating_sub(self.last)).min(max),
        };
        self.last = now;
        if tokens >= cost {
            self.tokens = Some(tokens - cost);
            true
        } else {
            self.tokens = Some(tokens);
            false
        }
    }

    fn rate_text(&self) -> String {
        let name = UNITS
            .iter()
            .find(|(u, _)| *u == self.unit)
            .map_or("sec", |(_, n)| n);
        format!("{}/{name}", self.rate)
    }

    /// `-L`: ` limit: avg R/UNIT burst B`.
    pub fn list_text(&self) -> String {
        format!(" limit: avg {} burst {}", self.rate_text(), self.burst)
    }

    /// `-S` after ` -m limit`.
    pub fn save_text(&self) -> String {
        let mut s = format!(" --limit {}", self.rate_text());
        if self.burst != DEFAULT_BURST {
            s.push_str(&format!(" --limit-burst {}", self.burst));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lim(rate: &str, burst: u32) -> Limit {
        Limit::new(parse_rate(rate).unwrap(), burst)
    }

    #[test]
    fn rates_print_as_iptables_prints_them() {
        for (r, want) in [
            ("3/hour", "3/hour"),
            ("3/s", "3/sec"),
            ("3/M", "3/min"),
            ("7/minute", "7/min"),
            ("2/d", "2/day"),
            ("100", "100/sec"),
            ("10000/sec", "10000/sec"),
        ] {
            assert_eq!(lim(r, 5).rate_text(), want, "{r}");
        }
        assert_eq!(lim("1/sec", 0).list_text(), " limit: avg 1/sec burst 5");
        assert_eq!(
            lim("1/sec", 2).save_text(),
            " --limit 1/sec --limit-burst 2"
        );
        assert_eq!(
            parse_rate("20000/sec").unwrap_err(),
            NfError::Param("Rate too fast \"20000/sec\"".into())
        );
        assert_eq!(
            parse_rate("3/week").unwrap_err(),
            NfError::Param("bad rate \"3/week\"'".into())
        );
        assert!(parse_rate("0/sec").is_err());
    }

    #[test]
    fn bucket_holds_burst_and_refills_at_the_rate() {
        let mut l = lim("1/sec", 2);
        let ms = 1_000_000;
        assert!(l.hit(0));
        assert!(l.hit(200 * ms));
        assert!(!l.hit(400 * ms));
        assert!(!l.hit(600 * ms));
        // 600 ms of credit so far, one packet costs 1 s.
        assert!(l.hit(1_000 * ms));
        assert!(!l.hit(1_500 * ms));
        // Refill is capped at the burst.
        assert!(l.hit(10_000 * ms));
        assert!(l.hit(10_000 * ms));
        assert!(!l.hit(10_000 * ms));
    }
}
