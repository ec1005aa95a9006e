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

/// Names are cut to this length in messages.
const MAX_NAME_BYTES: usize = 256;

/// `"text"` for a message: quoted as it is, spaces and case kept (a name
/// that differs only there must read differently), less control characters
/// and `secret`, cut to a readable length.
pub fn quoted(text: &str, secret: &str) -> String {
    let mut q = String::from("\"");
    q.push_str(truncate(
        &scrubbed(text, MAX_NAME_BYTES, secret),
        MAX_NAME_BYTES,
    ));
    q.push('"');
    q
}

/// `value` less control characters and every run of `secret`, enough of it
/// kept to cut to `max` bytes after: any run of the key that reaches into the
/// first `max` bytes lies within `max + secret.len()` of the start, so the
/// text is cut there first, to bound the work. The caller cuts to `max`.
/// Inlined into both callers, as the code was before they shared it: a call
/// measured 18 bytes gzipped more on the inline entry (`tests/size/size.mjs`).
#[inline(always)]
fn scrubbed(value: &str, max: usize, secret: &str) -> String {
    let printable: String = value.chars().filter(|c| !c.is_control()).collect();
    redact(truncate(&printable, max + secret.len()), secret)
}

/// The shortest run of the key that counts as a leak: every run of this many
/// bytes of the key is removed from a text, not only the whole key, so that
/// no part of it survives a cut or an echo of a fragment.
pub const MIN_LEAK_LEN: usize = 8;

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

/// `s` with every run of [`MIN_LEAK_LEN`] or more bytes that also occurs in
/// `secret` replaced by `[redacted]`, so that a server or proxy that echoes
/// the key back, whole or in part, cannot put it into an error. A secret
/// shorter than that run is never searched for (the API key is at least 8).
pub fn redact(s: &str, secret: &str) -> String {
    let (text, key) = (s.as_bytes(), secret.as_bytes());
    if key.len() < MIN_LEAK_LEN || text.len() < MIN_LEAK_LEN {
        return s.to_owned();
    }
    // Windows of the text found in the key, in order, merged into runs of
    // hidden bytes; each run becomes one "[redacted]". The key is printable
    // ASCII, so a run's ends are character boundaries.
    let mut out = String::new();
    let mut kept_from = 0;
    let mut run: Option<(usize, usize)> = None;
    for (i, window) in text.windows(MIN_LEAK_LEN).enumerate() {
        if !key.windows(MIN_LEAK_LEN).any(|k| k == window) {
            continue;
        }
        run = match run {
            Some((start, end)) if i <= end => Some((start, i + MIN_LEAK_LEN)),
            Some((start, end)) => {
                push_redacted(&mut out, s.get(kept_from..start));
                kept_from = end;
                Some((i, i + MIN_LEAK_LEN))
            }
            None => Some((i, i + MIN_LEAK_LEN)),
        };
    }
    let Some((start, end)) = run else {
        return s.to_owned();
    };
    push_redacted(&mut out, s.get(kept_from..start));
    out.push_str(s.get(end..).unwrap_or(""));
    out
}

/// Appends the text kept before a run of the key, then the run's marker.
fn push_redacted(out: &mut String, kept: Option<&str>) {
    out.push_str(kept.unwrap_or(""));
    out.push_str("[redacted]");
}

/// Text from the server or the runtime, made safe to show: control
/// characters dropped, the key removed (whole or in part) *before* the text
/// is cut to `max` bytes, so that no cut can leave a piece of it behind.
pub fn clean_text(value: &str, max: usize, secret: &str) -> Option<String> {
    let scrubbed = scrubbed(value, max, secret);
    let cleaned = truncate(scrubbed.trim_ascii(), max).trim_ascii();
    if cleaned.is_empty() {
        None
    } else {
        Some(cleaned.to_owned())
    }
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

    const KEY: &str = "sk-zcw-0123456789abcdef";

    #[test]
    fn redact_hides_the_key_and_any_run_of_it() {
        assert_eq!(redact(&format!("a {KEY} b"), KEY), "a [redacted] b");
        assert_eq!(redact(&format!("{KEY}{KEY}!"), KEY), "[redacted]!");
        assert_eq!(
            redact("é sk-zcw-0123 é", KEY),
            "é [redacted] é",
            "a prefix run"
        );
        assert_eq!(
            redact("x 89abcdef y", KEY),
            "x [redacted] y",
            "a suffix run of 8"
        );
        assert_eq!(
            redact("x 9abcdef y", KEY),
            "x 9abcdef y",
            "7 bytes are no run"
        );
        assert_eq!(redact("nothing here", KEY), "nothing here");
        assert_eq!(redact("nothing here", "short"), "nothing here");
    }

    #[test]
    fn clean_text_removes_the_key_before_cutting() {
        // The key straddles the cut at every offset: no 8-byte run of it survives.
        for max in 1..40 {
            for at in 0..max + 2 {
                let text = format!("{}{KEY}tail", "m".repeat(at));
                let out = clean_text(&text, max, KEY).unwrap_or_default();
                assert!(out.len() <= max, "{max} {at}: {out}");
                for run in KEY.as_bytes().windows(MIN_LEAK_LEN) {
                    let run = core::str::from_utf8(run).unwrap();
                    assert!(!out.contains(run), "{max} {at}: {out:?} holds {run}");
                }
            }
        }
        assert_eq!(clean_text(" abc\r\n", 10, KEY).as_deref(), Some("abc"));
        assert_eq!(clean_text("", 10, KEY), None);
        assert_eq!(clean_text("0123456789abc", 4, "").as_deref(), Some("0123"));
    }
}
