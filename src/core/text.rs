//! Small string helpers that avoid `core::fmt`, which would add kilobytes to the wasm.

/// Appends the decimal form of `n`.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n.unsigned_abs();
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 || len >= digits.len() {
            break;
        }
    }
    for d in digits.iter().take(len).rev() {
        out.push(char::from(*d));
    }
}

/// Joins pieces into one string.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// At most `max` bytes of `s`, cut at a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// Secrets shorter than this are not searched for: replacing every "k" would
/// garble messages, and no real key is that short.
pub const MIN_REDACTED_LEN: usize = 4;

/// The first index of `needle` in `hay`. Naive on purpose: the inputs are
/// short, and core's two-way searcher costs kilobytes of wasm.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The index of the first `byte` in `s`. A byte loop, not `str::find`:
/// core's char searcher and memchr cost about 1 KB of wasm.
pub fn find_byte(s: &str, byte: u8) -> Option<usize> {
    s.bytes().position(|b| b == byte)
}

/// `s` split around the first ASCII `byte` (an ASCII byte is never inside a
/// multi-byte character, so both halves are whole strings).
pub fn split_once_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = find_byte(s, byte)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s` split at every ASCII `byte`, as `str::split` would.
pub fn split_byte(s: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let r = rest?;
        match split_once_byte(r, byte) {
            Some((head, tail)) => {
                rest = Some(tail);
                Some(head)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A run of 1 to 18 ASCII digits as a number (no sign, no spaces).
pub fn parse_digits(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 18 {
        return None;
    }
    let mut n: u64 = 0;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(n)
}

/// `s` with every occurrence of `secret` replaced, so that a server or proxy
/// that echoes the key back cannot put it into an error.
pub fn redact(s: &str, secret: &str) -> String {
    if secret.len() < MIN_REDACTED_LEN {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = find_bytes(rest.as_bytes(), secret.as_bytes()) {
        // `i` and `i + secret.len()` are char boundaries: they delimit a match of a whole str.
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str("[redacted]");
        rest = rest.get(i + secret.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_int_writes_decimal() {
        for n in [0i64, 7, 10, 96018, -1, -80001, i64::MAX, i64::MIN] {
            let mut s = String::new();
            push_int(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate("héllo", 2), "h");
        assert_eq!(truncate("abc", 10), "abc");
    }

    #[test]
    fn split_helpers_agree_with_std() {
        for s in ["", "a", "/", "a/b//c/", "//x", "é/ü"] {
            assert_eq!(
                split_byte(s, b'/').collect::<Vec<_>>(),
                s.split('/').collect::<Vec<_>>()
            );
            assert_eq!(split_once_byte(s, b'/'), s.split_once('/'));
            assert_eq!(find_byte(s, b'/'), s.find('/'));
        }
    }

    #[test]
    fn byte_helpers() {
        assert_eq!(find_bytes(b"abcabc", b"ca"), Some(2));
        assert_eq!(find_bytes(b"abc", b"abcd"), None);
        assert_eq!(parse_digits("0042"), Some(42));
        for bad in ["", "-1", "1.5", " 1", "1234567890123456789"] {
            assert_eq!(parse_digits(bad), None, "{bad}");
        }
    }

    #[test]
    fn redact_hides_secret() {
        assert_eq!(
            redact("sk-1 sk-1sk-1!", "sk-1"),
            "[redacted] [redacted][redacted]!"
        );
        assert_eq!(redact("é sk-12 é", "sk-12"), "é [redacted] é");
        assert_eq!(redact("key=abc123 ok", "abc123"), "key=[redacted] ok");
        assert_eq!(redact("nothing", ""), "nothing");
        assert_eq!(redact("network", "k"), "network");
    }
}
