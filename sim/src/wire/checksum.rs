//! The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
//!
//! Mirrors `include/net/checksum.h` and `lib/checksum.c`: [`sum`] is `csum_partial` folded to
//! 16 bits, [`checksum`] is `ip_compute_csum` (the complemented sum that goes on the wire), and
//! [`replace`] is `csum_replace4`/`csum_replace2`, the update the kernel applies when NAT or
//! forwarding rewrites a header field in place.
//!
//! The accumulator is 64 bits wide, so any input length is fine (no overflow on fuzzed data).

/// One's complement sum of `data` as big-endian 16-bit words (odd tail padded with a zero
/// byte), folded to 16 bits, not complemented.
pub fn sum(data: &[u8]) -> u16 {
    let mut acc: u64 = 0;
    let mut words = data.chunks_exact(2);
    for w in &mut words {
        acc += u64::from(u16::from_be_bytes([w[0], w[1]]));
    }
    if let [last] = words.remainder() {
        acc += u64::from(*last) << 8;
    }
    fold(acc)
}

/// The checksum to store in a header: the complemented [`sum`] (kernel `ip_compute_csum`).
/// A buffer holding a correct checksum sums to `0xffff`, so `checksum(buf) == 0` checks it.
pub fn checksum(data: &[u8]) -> u16 {
    !sum(data)
}

/// Incremental update of a stored checksum when the bytes `old` are replaced by `new`
/// (equal lengths, even, aligned on 16-bit words in the checksummed area):
/// `HC' = ~(~HC + ~m + m')` (RFC 1624 eqn. 3), as the kernel's `csum_replace4` computes it.
///
/// For a header whose checksum was correct, the result equals a full recompute.
pub fn replace(check: u16, old: &[u8], new: &[u8]) -> u16 {
    let mut acc = u64::from(!check);
    acc += u64::from(!sum(old));
    acc += u64::from(sum(new));
    !fold(acc)
}

fn fold(mut acc: u64) -> u16 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    // The loop leaves acc <= 0xffff, so the conversion is lossless.
    u16::try_from(acc).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc1071_example() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
        assert_eq!(
            sum(&[0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]),
            0xddf2
        );
    }

    #[test]
    fn odd_length_pads_with_zero() {
        assert_eq!(sum(&[0x12, 0x34, 0x56]), sum(&[0x12, 0x34, 0x56, 0x00]));
    }

    #[test]
    fn empty_sums_to_zero() {
        assert_eq!(sum(&[]), 0);
        assert_eq!(checksum(&[]), 0xffff);
    }

    #[test]
    fn huge_input_does_not_overflow() {
        let data = vec![0xff; 1 << 20];
        assert_eq!(sum(&data), 0xffff);
    }

    proptest! {
        #[test]
        fn replace_equals_recompute(
            mut data in proptest::collection::vec(any::<u8>(), 2..64),
            at in any::<prop::sample::Index>(),
            new in any::<[u8; 2]>(),
        ) {
            // Put a correct checksum in the first word, then change one other word.
            if data.len() % 2 == 1 { data.pop(); }
            prop_assume!(data.len() >= 4);
            data[0] = 0;
            data[1] = 0;
            data[2] |= 0x40; // never an all-zero buffer: zero has two one's complement forms
            let c = checksum(&data);
            data[..2].copy_from_slice(&c.to_be_bytes());
            let word = 1 + at.index(data.len() / 2 - 1);
            let off = 2 * word;
            let old = [data[off], data[off + 1]];
            data[off..off + 2].copy_from_slice(&new);
            if off == 2 { data[2] |= 0x40; }
            let new_now = [data[off], data[off + 1]];
            let inc = replace(c, &old, &new_now);
            data[..2].copy_from_slice(&[0, 0]);
            prop_assert_eq!(inc, checksum(&data));
        }
    }
}
