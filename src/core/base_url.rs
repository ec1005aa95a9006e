//! The `baseUrl` option: an absolute http(s) URL with an optional path prefix.
//!
//! Stricter than the URL standard on purpose: no credentials, query,
//! fragment or dot segments (in any spelling), so that what is sent is the
//! base URL the caller wrote, followed by the API's path. The client then
//! has the runtime's `URL` serialize it (lowercase host, no default port,
//! canonical IPv4 and IPv6 addresses) and keeps that form if the path came
//! through unchanged ([`accept_serialized`]): what is sent is what `new URL`
//! makes of it, and the path prefix survives (tests/node/base-url.test.mjs
//! checks both against the runtime's `URL`).

use super::text::{find_byte, find_bytes, parse_digits, split_byte, split_once_byte};

/// Checks `url` and returns it with a lowercase scheme and no trailing `/`;
/// `Err` says what is wrong, without repeating the URL.
pub fn normalize_base_url(url: &str) -> Result<String, &'static str> {
    const NOT_URL: &str = "must be an absolute http(s) URL, like https://api.cloud.zilliz.com";
    if url.bytes().any(|b| !b.is_ascii_graphic()) {
        return Err("must not contain spaces, control or non-ASCII characters");
    }
    let sep = find_bytes(url.as_bytes(), b"://").ok_or(NOT_URL)?;
    let (scheme, rest) = (
        url.get(..sep).unwrap_or(""),
        url.get(sep + 3..).unwrap_or(""),
    );
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(NOT_URL);
    }
    if find_byte(rest, b'?').is_some() || find_byte(rest, b'#').is_some() {
        return Err("must not contain a query or fragment");
    }
    let (authority, path) = match find_byte(rest, b'/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if find_byte(authority, b'@').is_some() {
        return Err("must not contain credentials");
    }
    check_authority(authority).map_err(|_| NOT_URL)?;
    check_path(path)?;
    let mut out = scheme;
    out.push_str("://");
    out.push_str(authority);
    let mut end = path.len();
    while end > 0 && path.as_bytes().get(end - 1) == Some(&b'/') {
        end -= 1;
    }
    out.push_str(path.get(..end).unwrap_or(""));
    Ok(out)
}

fn check_authority(authority: &str) -> Result<(), ()> {
    let (host, port) = if let Some(rest) = authority.strip_prefix("[") {
        let (v6, after) = split_once_byte(rest, b']').ok_or(())?;
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(());
        }
        match after {
            "" => ("v6", None),
            _ => ("v6", Some(after.strip_prefix(":").ok_or(())?)),
        }
    } else {
        match split_once_byte(authority, b':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        && !host.starts_with(".")
        && find_bytes(host.as_bytes(), b"..").is_none();
    let port_ok = match port {
        None => true,
        // parse_digits refuses empty and non-digit ports.
        Some(p) => p.len() <= 5 && parse_digits(p).is_some_and(|n| n <= 65_535),
    };
    if host_ok && port_ok {
        Ok(())
    } else {
        Err(())
    }
}

fn check_path(path: &str) -> Result<(), &'static str> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .ok_or("has a bad percent-escape in its path")?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err("has a bad percent-escape in its path");
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            return Err("has a character that is not allowed in a URL path");
        }
        i += 1;
    }
    if split_byte(path, b'/').any(is_dot_segment) {
        return Err("must not contain '.' or '..' path segments");
    }
    Ok(())
}

/// The base URL as the URL standard serialized it (`href`, from the
/// runtime's `new URL(checked)`), without its trailing `/`, if its path is
/// still `checked`'s: a path the standard would rewrite is refused.
pub fn accept_serialized(checked: &str, href: &str) -> Result<String, &'static str> {
    const CHANGED: &str = "is not kept as written by the URL standard";
    let path_of = |url: &str| -> Option<usize> {
        let rest = find_bytes(url.as_bytes(), b"://")? + 3;
        Some(
            url.get(rest..)?
                .bytes()
                .position(|b| b == b'/')
                .map_or(url.len(), |i| rest + i),
        )
    };
    let (Some(ci), Some(hi)) = (path_of(checked), path_of(href)) else {
        return Err(CHANGED);
    };
    let (checked_path, href_path) = (
        checked.get(ci..).unwrap_or(""),
        href.get(hi..).unwrap_or(""),
    );
    let mut end = href.len();
    while end > hi && href.as_bytes().get(end - 1) == Some(&b'/') {
        end -= 1;
    }
    let same_scheme = checked.get(..5) == href.get(..5);
    let no_extras = find_byte(href, b'?').is_none() && find_byte(href, b'#').is_none();
    if !same_scheme || !no_extras || href_path.get(..end - hi) != Some(checked_path) {
        return Err(CHANGED);
    }
    Ok(href.get(..end).unwrap_or("").to_owned())
}

/// `.` or `..`, also spelled `%2e` (the URL standard treats both alike).
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment;
    let mut dots = 0;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(".") {
            rest = r;
        } else if rest.len() >= 3 && rest.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("%2e")) {
            rest = rest.get(3..).unwrap_or("");
        } else {
            return false;
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_and_normalized() {
        let ok = [
            (
                "https://api.cloud.zilliz.com",
                "https://api.cloud.zilliz.com",
            ),
            ("HTTP://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            (
                "https://console.example.com/api/zilliz/",
                "https://console.example.com/api/zilliz",
            ),
            ("http://[::1]:9/x", "http://[::1]:9/x"),
            ("http://localhost", "http://localhost"),
            ("http://h/a.b/...", "http://h/a.b/..."),
            ("http://h/%2e%2e%2e", "http://h/%2e%2e%2e"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_base_url(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn the_runtimes_serialization_is_kept_when_the_path_survives() {
        let ok = [
            ("http://h", "http://h/", "http://h"),
            (
                "http://H.Example:80/a/B",
                "http://h.example/a/B",
                "http://h.example/a/B",
            ),
            (
                "http://[0:0::1]:9/x",
                "http://[::1]:9/x",
                "http://[::1]:9/x",
            ),
            (
                "http://127.1/p%2F",
                "http://127.0.0.1/p%2F",
                "http://127.0.0.1/p%2F",
            ),
        ];
        for (checked, href, want) in ok {
            assert_eq!(
                accept_serialized(checked, href).as_deref(),
                Ok(want),
                "{checked}"
            );
        }
        for (checked, href) in [
            ("http://h/a", "http://h/b"),
            ("http://h/a", "http://h/a/b"),
            ("http://h", "https://h/"),
            ("http://h/a", "http://h/a?x"),
            ("http://h/a", "garbage"),
        ] {
            assert!(
                accept_serialized(checked, href).is_err(),
                "{checked} {href}"
            );
        }
    }

    #[test]
    fn refused() {
        let bad = [
            "",
            "api.cloud.zilliz.com",
            "ftp://x",
            "file:///etc/passwd",
            "http://",
            "http://user:pw@host",
            "https://h/?q=1",
            "https://h/#f",
            "https://h/a b",
            "https://h:99999",
            "https://h:",
            "javascript://x",
            "https://h/%zz",
            "https://h/../x",
            "https://h/a/..",
            "https://h/./x",
            "https://h/%2e%2e/x",
            "https://h/%2E./x",
            "https://h/.%2e",
            "https://h/a/%2e",
            "http://h\\x",
            "https://hé",
        ];
        for input in bad {
            assert!(normalize_base_url(input).is_err(), "{input}");
        }
    }
}
