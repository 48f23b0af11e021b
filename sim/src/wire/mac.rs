//! Ethernet (MAC-48) addresses.
//!
//! The predicates mirror `include/linux/etherdevice.h` (`is_multicast_ether_addr`,
//! `is_valid_ether_addr`, `is_link_local_ether_addr`, `eth_random_addr`), and the text form is
//! iproute2's: lowercase, colon separated.

use std::fmt;
use std::str::FromStr;

/// A MAC address. Displays and serializes as `aa:bb:cc:dd:ee:ff`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Mac(pub [u8; 6]);

impl Mac {
    /// `ff:ff:ff:ff:ff:ff`.
    pub const BROADCAST: Mac = Mac([0xff; 6]);
    /// `00:00:00:00:00:00`.
    pub const ZERO: Mac = Mac([0; 6]);

    /// The group bit (lowest bit of the first octet) is set; includes broadcast
    /// (kernel `is_multicast_ether_addr`).
    pub const fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }

    /// `ff:ff:ff:ff:ff:ff` (kernel `is_broadcast_ether_addr`).
    pub fn is_broadcast(&self) -> bool {
        *self == Self::BROADCAST
    }

    /// All zero (kernel `is_zero_ether_addr`).
    pub fn is_zero(&self) -> bool {
        *self == Self::ZERO
    }

    /// Usable as a device address: neither multicast nor zero (kernel `is_valid_ether_addr`).
    pub fn is_valid_ether(&self) -> bool {
        !self.is_multicast() && !self.is_zero()
    }

    /// One of the IEEE 802.1D link-local group addresses `01:80:c2:00:00:00`–`0f`, which a
    /// bridge does not forward (kernel `is_link_local_ether_addr`).
    pub fn is_link_local_group(&self) -> bool {
        let [a, b, c, d, e, f] = self.0;
        [a, b, c, d, e] == [0x01, 0x80, 0xc2, 0x00, 0x00] && f & 0xf0 == 0
    }

    /// A random unicast, locally administered address made from six random bytes, as the
    /// kernel's `eth_random_addr`: clear the group bit, set the locally-administered bit.
    pub const fn random_local(bytes: [u8; 6]) -> Mac {
        let mut b = bytes;
        b[0] &= 0xfe;
        b[0] |= 0x02;
        Mac(b)
    }

    /// The six octets.
    pub const fn octets(&self) -> [u8; 6] {
        self.0
    }
}

impl From<[u8; 6]> for Mac {
    fn from(b: [u8; 6]) -> Self {
        Mac(b)
    }
}

impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d, e, g] = self.0;
        write!(f, "{a:02x}:{b:02x}:{c:02x}:{d:02x}:{e:02x}:{g:02x}")
    }
}

impl fmt::Debug for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mac({self})")
    }
}

/// A string that is not a MAC address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid MAC address {input:?}: expected six hex octets separated by colons, like aa:bb:cc:dd:ee:ff")]
pub struct MacParseError {
    /// The rejected text.
    pub input: String,
}

impl FromStr for Mac {
    type Err = MacParseError;

    /// Accepts six colon-separated octets of one or two hex digits, in either case
    /// (iproute2's `ll_addr_a2n` accepts the one-digit form too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || MacParseError {
            input: s.to_string(),
        };
        let mut out = [0u8; 6];
        let mut parts = s.split(':');
        for slot in &mut out {
            let part = parts.next().ok_or_else(err)?;
            let valid =
                (1..=2).contains(&part.len()) && part.bytes().all(|c| c.is_ascii_hexdigit());
            if !valid {
                return Err(err());
            }
            *slot = u8::from_str_radix(part, 16).map_err(|_| err())?;
        }
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(Mac(out))
    }
}

impl serde::Serialize for Mac {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Mac {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn display_is_lowercase_colon_separated() {
        let m = Mac([0xAA, 0x0b, 0xcc, 0x00, 0xee, 0xff]);
        assert_eq!(m.to_string(), "aa:0b:cc:00:ee:ff");
        assert_eq!(format!("{m:?}"), "Mac(aa:0b:cc:00:ee:ff)");
    }

    #[test]
    fn parse_accepts_either_case_and_short_octets() {
        let m: Mac = "AA:bb:Cc:0:e:FF".parse().unwrap();
        assert_eq!(m, Mac([0xaa, 0xbb, 0xcc, 0x00, 0x0e, 0xff]));
    }

    #[test]
    fn parse_rejects_garbage() {
        for bad in [
            "",
            "aa:bb:cc:dd:ee",
            "aa:bb:cc:dd:ee:ff:00",
            "aa:bb:cc:dd:ee:fg",
            "aa:bb:cc:dd:ee:",
            "aaa:bb:cc:dd:ee:ff",
            "+a:bb:cc:dd:ee:ff",
            "aa-bb-cc-dd-ee-ff",
            "ａａ:bb:cc:dd:ee:ff",
        ] {
            let e = bad.parse::<Mac>().unwrap_err();
            assert!(e.to_string().contains("invalid MAC address"), "{bad}: {e}");
        }
    }

    #[test]
    fn predicates() {
        assert!(Mac::BROADCAST.is_broadcast() && Mac::BROADCAST.is_multicast());
        assert!(Mac::ZERO.is_zero() && !Mac::ZERO.is_valid_ether());
        assert!(!Mac::BROADCAST.is_valid_ether());
        assert!(Mac([0x02, 0, 0, 0, 0, 1]).is_valid_ether());
        assert!(Mac([0x01, 0x80, 0xc2, 0, 0, 0x0e]).is_link_local_group());
        assert!(!Mac([0x01, 0x80, 0xc2, 0, 0, 0x10]).is_link_local_group());
        assert!(!Mac([0x01, 0x00, 0x5e, 0, 0, 0x01]).is_link_local_group());
    }

    #[test]
    fn random_local_is_unicast_and_local() {
        let m = Mac::random_local([0xff; 6]);
        assert_eq!(m, Mac([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff]));
        assert!(m.is_valid_ether());
        assert_eq!(Mac::random_local([0; 6]).0[0], 0x02);
    }

    #[test]
    fn serde_as_string() {
        let m = Mac([2, 0, 0, 0, 0, 0x1f]);
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(j, "\"02:00:00:00:00:1f\"");
        assert_eq!(serde_json::from_str::<Mac>(&j).unwrap(), m);
        assert!(serde_json::from_str::<Mac>("\"nope\"").is_err());
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(b in any::<[u8; 6]>()) {
            let m = Mac(b);
            prop_assert_eq!(m.to_string().parse::<Mac>().unwrap(), m);
            prop_assert_eq!(m.to_string().to_uppercase().parse::<Mac>().unwrap(), m);
        }

        #[test]
        fn parse_never_panics(s in ".{0,40}") {
            let _ = s.parse::<Mac>();
        }
    }
}
