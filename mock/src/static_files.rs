//! Static files for browser tests: `--www` at `/`, `--pkg` at `/pkg/`.
//! Anything that is not a plain file inside the folder (including traversal
//! attempts, encoded or not) is not served and falls through to the 404.

use std::path::{Path, PathBuf};

use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use hyper::{Method, Response};

use crate::body::MockBody;
use crate::config::Config;
use crate::paths::percent_decode;

/// Serves a GET/HEAD for a file, or returns `None` to let the router 404.
pub async fn serve(config: &Config, method: &Method, path: &str) -> Option<Response<MockBody>> {
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let (root, rel) = match (&config.pkg, path.strip_prefix("/pkg/")) {
        (Some(pkg), Some(rest)) => (pkg, rest),
        _ => (config.www.as_ref()?, path.strip_prefix('/').unwrap_or(path)),
    };
    let file = resolve(root, &safe_relative(rel)?).await?;
    let data = tokio::fs::read(&file).await.ok()?;
    let mut res = Response::new(MockBody::full(data));
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type(&file)));
    // Rebuilt wasm packages must never be served stale to a test browser.
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Some(res)
}

/// Decodes the URL path and rejects `.`/`..` segments, backslashes and NULs.
fn safe_relative(rel: &str) -> Option<PathBuf> {
    let decoded = percent_decode(rel);
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut out = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" => continue,
            "." | ".." => return None,
            s => out.push(s),
        }
    }
    Some(out)
}

/// Maps to a file (a folder means its index.html) that, after resolving
/// symlinks, is still inside `root`.
async fn resolve(root: &Path, rel: &Path) -> Option<PathBuf> {
    let root = tokio::fs::canonicalize(root).await.ok()?;
    let mut file = tokio::fs::canonicalize(root.join(rel)).await.ok()?;
    if tokio::fs::metadata(&file).await.ok()?.is_dir() {
        file.push("index.html");
    }
    let file = tokio::fs::canonicalize(&file).await.ok()?;
    let is_file = tokio::fs::metadata(&file).await.ok()?.is_file();
    (is_file && file.starts_with(&root)).then_some(file)
}

/// Content type by extension (`.d.ts` is covered by `.ts`).
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "ts" | "txt" | "md" => "text/plain",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_traversal() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("a/%2e%2e/x").is_none());
        assert!(safe_relative("a/%2E%2E%2Fx").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
        assert!(safe_relative("./x").is_none());
        assert_eq!(safe_relative("a//b.js"), Some(PathBuf::from("a/b.js")));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("x.d.ts")), "text/plain");
        assert_eq!(content_type(Path::new("x.WASM")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }
}
