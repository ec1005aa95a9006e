//! Deletion protection, which the service does not have: the client's
//! `protect` patterns, checked once when the client is made, and the one
//! question a drop asks of them. A pattern is text where `*` stands for any
//! run of characters (none included) and everything else matches itself,
//! case included; it matches a cluster whose name or ID it matches whole.

use super::error::{ErrorKind, ZillizError};
use super::text::{find_bytes, push_int, quoted, split_byte};
use super::validate::field_error;

/// The most patterns a client takes.
pub const MAX_PATTERNS: usize = 100;
/// The longest pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 256;

/// Between two patterns in [`Protection`]: a control character, which no
/// pattern may hold.
const SEPARATOR: u8 = 0;

/// A client's `protect` patterns; empty when the client protects nothing.
/// Kept as one text, each pattern ended by a NUL: one allocation, and no
/// code for a vector of strings in the wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Protection {
    patterns: String,
}

impl Protection {
    /// Checks the patterns: 1 to 100, each 1 to 256 characters with no
    /// control character. An error names `protect` and the pattern's index,
    /// never its text.
    pub fn new(patterns: &[String]) -> Result<Protection, ZillizError> {
        if patterns.is_empty() || patterns.len() > MAX_PATTERNS {
            return Err(protect_error(None, "must hold 1 to 100 patterns"));
        }
        let mut joined = String::new();
        for (i, pattern) in patterns.iter().enumerate() {
            let (mut chars, mut control) = (0, false);
            for c in pattern.chars() {
                chars += 1;
                control |= c.is_control();
            }
            let problem = if pattern.is_empty() {
                Some("is empty")
            } else if control {
                Some("contains a control character")
            } else if chars > MAX_PATTERN_CHARS {
                Some("is longer than 256 characters")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(protect_error(Some(i), problem));
            }
            joined.push_str(pattern);
            joined.push(char::from(SEPARATOR));
        }
        Ok(Protection { patterns: joined })
    }

    /// Whether the client protects anything.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The first pattern that matches the cluster's name or its ID whole;
    /// a name or an ID that is not known matches nothing.
    pub fn matching(&self, name: Option<&str>, cluster_id: Option<&str>) -> Option<&str> {
        let matches = |p: &str, text: Option<&str>| {
            text.is_some_and(|t| glob_matches(p.as_bytes(), t.as_bytes()))
        };
        split_byte(&self.patterns, SEPARATOR)
            .filter(|p| !p.is_empty())
            .find(|p| matches(p, cluster_id) || matches(p, name))
    }

    /// A drop refused: kind `protected`, naming the cluster and the pattern
    /// (cleaned of `secret` and cut, as every text from elsewhere is).
    pub fn refusal(
        cluster_id: &str,
        name: Option<&str>,
        pattern: &str,
        secret: &str,
    ) -> ZillizError {
        let mut m = String::from("cluster ");
        m.push_str(cluster_id);
        if let Some(name) = name {
            m.push_str(" (");
            m.push_str(&quoted(name, secret));
            m.push(')');
        }
        m.push_str(" is protected by the pattern ");
        m.push_str(&quoted(pattern, secret));
        m.push_str(": it was not dropped");
        ZillizError::new(ErrorKind::Protected, m)
    }
}

/// A pattern that is not a string (read from JavaScript).
pub fn pattern_not_a_string(index: usize) -> ZillizError {
    protect_error(Some(index), "must be a string")
}

fn protect_error(index: Option<usize>, problem: &str) -> ZillizError {
    let mut field = String::from("protect");
    if let Some(i) = index {
        field.push('[');
        push_int(&mut field, i64::try_from(i).unwrap_or(i64::MAX));
        field.push(']');
    }
    let mut e = field_error(&field, problem);
    e.option = Some("protect".into());
    e
}

/// Whether `pattern` matches `text` whole, `*` standing for any run of
/// bytes. Byte-wise is character-wise here: both are UTF-8, and a literal
/// run can only be found at a character boundary. Linear in the text: the
/// run before the first `*` must start it, the run after the last must end
/// what is left, and each run between is taken at its leftmost place, which
/// leaves the most text for the rest and so is enough when `*` is the only
/// wildcard.
pub fn glob_matches(pattern: &[u8], text: &[u8]) -> bool {
    let mut start = 0; // where the current run begins in `pattern`
    let mut at = 0; // how much of `text` the runs before it took
    loop {
        let rest = pattern.get(start..).unwrap_or_default();
        let end = rest.iter().position(|&b| b == b'*');
        let run = rest.get(..end.unwrap_or(rest.len())).unwrap_or_default();
        let left = text.get(at..).unwrap_or_default();
        match end {
            // The last run ends the text (and is all of it when there is no star).
            None => {
                return if start == 0 {
                    left == run
                } else {
                    left.ends_with(run)
                }
            }
            // The first run starts the text; a run between stars goes leftmost.
            Some(_) => match if start == 0 {
                left.starts_with(run).then_some(0)
            } else {
                find_linear(left, run)
            } {
                Some(found) => at += found + run.len(),
                None => return false,
            },
        }
        start += end.unwrap_or(0) + 1;
    }
}

/// The longest run [`find_linear`] searches in linear time: a pattern's 256
/// characters, 4 bytes each at most.
const MAX_RUN_BYTES: usize = MAX_PATTERN_CHARS * 4;

/// The first index of `needle` in `hay`, in time linear in both
/// (Knuth–Morris–Pratt, as one pass of the prefix function over the needle,
/// a separator no byte equals, and the hay): a hostile name of a megabyte
/// and a run of 256 characters must not cost their product. The table lives
/// on the stack; a longer needle than a pattern can hold is searched naively.
fn find_linear(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    if m == 0 || m > MAX_RUN_BYTES {
        return find_bytes(hay, needle);
    }
    // The joined sequence, as u16 so that the separator (256) equals no byte.
    let joined = |i: usize| match i.checked_sub(m + 1) {
        Some(j) => hay.get(j).map_or(256, |&b| u16::from(b)),
        None => needle.get(i).map_or(256, |&b| u16::from(b)),
    };
    // border[i]: the longest proper border of the needle's first i + 1 bytes.
    let mut border = [0u16; MAX_RUN_BYTES];
    let mut k = 0;
    for i in 1..m + 1 + hay.len() {
        let c = joined(i);
        while k > 0 && joined(k) != c {
            k = usize::from(border.get(k - 1).copied().unwrap_or(0));
        }
        if joined(k) == c {
            k += 1;
        }
        if k == m {
            return Some(i + 1 - 2 * m - 1);
        }
        if let Some(slot) = border.get_mut(i) {
            *slot = k as u16;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protection(patterns: &[&str]) -> Protection {
        let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
        Protection::new(&owned).unwrap()
    }

    #[test]
    fn stars_stand_for_any_run_and_the_rest_for_itself() {
        let cases = [
            ("prod-*", "prod-search", true),
            ("prod-*", "prod-", true),
            ("prod-*", "Prod-search", false),
            ("prod-*", "preprod-search", false),
            ("*-prod", "search-prod", true),
            ("*-prod", "search-prod-2", false),
            ("a*b*c", "abc", true),
            ("a*b*c", "aXbYbZc", true),
            ("a*b*c", "acb", false),
            ("*", "", true),
            ("**", "anything", true),
            ("a*a", "a", false),
            ("a*a", "aa", true),
            ("in01-6183d6bac30f801", "in01-6183d6bac30f801", true),
            ("in01-6183d6bac30f801", "in01-6183d6bac30f8012", false),
            ("é*ü", "éxü", true),
            ("?", "a", false),
            ("[ab]", "a", false),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(
                glob_matches(pattern.as_bytes(), text.as_bytes()),
                expected,
                "{pattern} ~ {text}"
            );
        }
    }

    #[test]
    fn a_name_or_an_id_matches_and_the_pattern_is_named() {
        let p = protection(&["prod-*", "in01-6183d6bac30f801"]);
        assert_eq!(
            p.matching(Some("prod-search"), Some("in02-x")),
            Some("prod-*")
        );
        assert_eq!(
            p.matching(None, Some("in01-6183d6bac30f801")),
            Some("in01-6183d6bac30f801")
        );
        assert_eq!(p.matching(Some("dev-search"), Some("in02-x")), None);
        assert_eq!(
            Protection::default().matching(Some("prod-a"), Some("x")),
            None
        );
        let all = protection(&["*"]);
        assert_eq!(
            all.matching(None, None),
            None,
            "nothing known matches nothing"
        );
        assert_eq!(all.matching(Some(""), None), Some("*"));
        let e = Protection::refusal("in02-x", Some("prod-search"), "prod-*", "sk-secret-key-1");
        assert_eq!(
            (e.kind(), e.retryable(), e.attempts()),
            (ErrorKind::Protected, false, 0)
        );
        assert_eq!(
            e.message(),
            "cluster in02-x (\"prod-search\") is protected by the pattern \"prod-*\": it was not dropped"
        );
    }

    #[test]
    fn bad_patterns_are_invalid_input_naming_protect() {
        let long = "x".repeat(257);
        let too_many = vec!["a".to_owned(); 101];
        for (patterns, says) in [
            (vec![], "protect must hold"),
            (too_many, "protect must hold"),
            (vec!["ok".to_owned(), String::new()], "protect[1] is empty"),
            (vec![long], "protect[0] is longer"),
            (vec!["a\nb".to_owned()], "protect[0] contains a control"),
            (vec!["a\u{85}b".to_owned()], "protect[0] contains a control"),
        ] {
            let e = Protection::new(&patterns).unwrap_err();
            assert_eq!(
                (e.kind(), e.option(), e.attempts()),
                (ErrorKind::InvalidInput, Some("protect"), 0)
            );
            assert!(e.message().starts_with(says), "{}", e.message());
        }
        assert!(
            Protection::new(&["é".repeat(256)]).is_ok(),
            "characters, not bytes"
        );
        assert!(Protection::new(&vec!["a".to_owned(); 100]).is_ok());
    }

    #[test]
    fn names_in_the_refusal_are_cleaned_of_the_key() {
        let key = "sk-protect-secret-9";
        let e = Protection::refusal("c", Some("echo sk-protect-secret-9\n"), "*", key);
        assert!(!e.message().contains("protect-s"), "{}", e.message());
        assert!(e.message().contains("[redacted]"), "{}", e.message());
    }

    #[test]
    fn a_long_hostile_name_costs_linear_time() {
        let name = "a".repeat(1 << 20);
        let pattern = format!("*{}b*", "a".repeat(255));
        assert!(!glob_matches(pattern.as_bytes(), name.as_bytes()));
        assert_eq!(find_linear(b"aaab", b"aab"), Some(1));
        assert_eq!(find_linear(b"abcabd", b"abd"), Some(3));
        assert_eq!(find_linear(b"ab", b"abc"), None);
        assert_eq!(find_linear(b"ab", b""), Some(0));
        let long = "b".repeat(MAX_RUN_BYTES + 1);
        assert_eq!(
            find_linear(format!("a{long}").as_bytes(), long.as_bytes()),
            Some(1)
        );
    }
}
