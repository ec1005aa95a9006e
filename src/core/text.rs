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

/// `s` with every occurrence of `secret` replaced, so that a server or proxy
/// that echoes the key back cannot put it into an error.
pub fn redact(s: &str, secret: &str) -> String {
    if secret.len() < MIN_REDACTED_LEN || !s.contains(secret) {
        return s.to_owned();
    }
    s.replace(secret, "[redacted]")
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
    fn redact_hides_secret() {
        assert_eq!(redact("key=abc123 ok", "abc123"), "key=[redacted] ok");
        assert_eq!(redact("nothing", ""), "nothing");
        assert_eq!(redact("network", "k"), "network");
    }
}
