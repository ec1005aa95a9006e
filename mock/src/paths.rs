//! URL path helpers: percent-decoding and recognizing the API's endpoints.

use hyper::Method;

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

/// The control plane's cluster endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Drop,
    Describe,
    List,
    Suspend,
    Resume,
}

impl Endpoint {
    pub fn method(self) -> Method {
        match self {
            Endpoint::Drop => Method::DELETE,
            Endpoint::Describe | Endpoint::List => Method::GET,
            Endpoint::Suspend | Endpoint::Resume => Method::POST,
        }
    }
}

/// Recognizes `…/v2/clusters` (list), `…/v2/clusters/{id}` (describe) and
/// `…/v2/clusters/{id}/drop|suspend|resume`, with the ID decoded (empty for
/// `/v2/clusters//drop`, which the API answers with code 96025). Any prefix
/// is allowed, since clients may sit behind a proxy path.
pub fn api_route(path: &str) -> Option<(Endpoint, String)> {
    const CLUSTERS: &str = "/v2/clusters";
    if path.ends_with(CLUSTERS) {
        return Some((Endpoint::List, String::new()));
    }
    let (head, last) = path.rsplit_once('/')?;
    if head.ends_with(CLUSTERS) {
        return Some((Endpoint::Describe, percent_decode(last)));
    }
    let action = match last {
        "drop" => Endpoint::Drop,
        "suspend" => Endpoint::Suspend,
        "resume" => Endpoint::Resume,
        _ => return None,
    };
    let (head, raw_id) = head.rsplit_once('/')?;
    head.ends_with(CLUSTERS)
        .then(|| (action, percent_decode(raw_id)))
}

/// A query parameter's value, if it is there (the first one).
pub fn query_param<'q>(query: Option<&'q str>, name: &str) -> Option<&'q str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
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
    fn matches_api_paths() {
        let drop = |id: &str| Some((Endpoint::Drop, id.to_string()));
        assert_eq!(api_route("/v2/clusters/x/drop"), drop("x"));
        assert_eq!(
            api_route("/api/zilliz/v2/clusters/in01-a%2Fb/drop"),
            drop("in01-a/b")
        );
        assert_eq!(api_route("/v2/clusters//drop"), drop(""));
        assert_eq!(api_route("/v2/clusters/x/y/drop"), None);
        assert_eq!(api_route("/v1/clusters/x/drop"), None);
        assert_eq!(api_route("/xv2/clusters/x/drop"), None);
        assert_eq!(
            api_route("/v2/clusters/x"),
            Some((Endpoint::Describe, "x".into()))
        );
        assert_eq!(
            api_route("/p/v2/clusters"),
            Some((Endpoint::List, String::new()))
        );
        assert_eq!(
            api_route("/v2/clusters/x/suspend"),
            Some((Endpoint::Suspend, "x".into()))
        );
        assert_eq!(
            api_route("/v2/clusters/x/resume"),
            Some((Endpoint::Resume, "x".into()))
        );
        assert_eq!(api_route("/v2/clusters/x/restart"), None);
        assert_eq!(api_route("/stolen"), None);
    }

    #[test]
    fn reads_query_parameters() {
        assert_eq!(
            query_param(Some("pageSize=5&currentPage=2"), "currentPage"),
            Some("2")
        );
        assert_eq!(query_param(Some("pageSize=5"), "currentPage"), None);
        assert_eq!(query_param(None, "pageSize"), None);
    }
}
