//! URL path helpers: percent-decoding and recognizing the drop endpoint.

/// Decodes `%XX` escapes. Malformed escapes are kept literally and invalid
/// UTF-8 is replaced, so any client input decodes without error.
pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|c| hex(*c));
            let lo = bytes.get(i + 2).and_then(|c| hex(*c));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// If `path` ends with `/v2/clusters/{id}/drop`, returns the decoded id
/// (empty for `/v2/clusters//drop`, which the API answers with code 96025).
/// Any prefix is allowed, since clients may sit behind a proxy path.
pub fn drop_cluster_id(path: &str) -> Option<String> {
    let rest = path.strip_suffix("/drop")?;
    let (head, raw_id) = rest.rsplit_once('/')?;
    if !head.ends_with("/v2/clusters") {
        return None;
    }
    Some(percent_decode(raw_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("%2e%2E"), "..");
        assert_eq!(percent_decode("bad%zz%4"), "bad%zz%4");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }

    #[test]
    fn matches_drop_paths() {
        assert_eq!(drop_cluster_id("/v2/clusters/x/drop").as_deref(), Some("x"));
        assert_eq!(
            drop_cluster_id("/api/zilliz/v2/clusters/in01-a%2Fb/drop").as_deref(),
            Some("in01-a/b")
        );
        assert_eq!(drop_cluster_id("/v2/clusters//drop").as_deref(), Some(""));
        assert_eq!(drop_cluster_id("/v2/clusters/x/y/drop"), None);
        assert_eq!(drop_cluster_id("/v1/clusters/x/drop"), None);
        assert_eq!(drop_cluster_id("/v2/clusters/x"), None);
        assert_eq!(drop_cluster_id("/xv2/clusters/x/drop"), None);
    }
}
