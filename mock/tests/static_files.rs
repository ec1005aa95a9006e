//! `--www` and `--pkg` static serving, content types and traversal refusal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use common::*;

const SECRET: &str = "TOP-SECRET-CONTENT";

/// A fresh folder tree: base/{secret.txt, www/..., pkg/...}. Removed on drop.
struct Tree(PathBuf);

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tree() -> Tree {
    static N: AtomicU32 = AtomicU32::new(0);
    let base = std::env::temp_dir().join(format!(
        "zilliz-mock-static-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let write = |rel: &str, data: &[u8]| {
        let p = base.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, data).unwrap();
    };
    write("secret.txt", SECRET.as_bytes());
    write("www/index.html", b"<!doctype html><title>home</title>");
    write("www/app.js", b"export const x = 1;");
    write("www/mod.mjs", b"export {};");
    write("www/style.css", b"body{}");
    write("www/types.d.ts", b"export declare const x: number;");
    write("www/data.json", b"{}");
    write("www/img.png", b"\x89PNG\r\n");
    write("www/icon.svg", b"<svg/>");
    write("www/sub/index.html", b"sub index");
    write("pkg/zilliz_bg.wasm", b"\0asm\x01\0\0\0");
    write("pkg/zilliz.js", b"// glue");
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("secret.txt"), base.join("www/link.txt")).unwrap();
    Tree(base)
}

async fn start_serving(base: &Path) -> zilliz_mock::RunningMock {
    let (www, pkg) = (base.join("www"), base.join("pkg"));
    start_with(move |c| {
        c.www = Some(www);
        c.pkg = Some(pkg);
    })
    .await
}

#[tokio::test]
async fn serves_files_with_content_types() {
    let t = tree();
    let mock = start_serving(&t.0).await;
    let a = mock.addr();
    let cases = [
        ("/", "text/html; charset=utf-8", "home"),
        ("/index.html", "text/html; charset=utf-8", "home"),
        ("/sub/", "text/html; charset=utf-8", "sub index"),
        ("/sub", "text/html; charset=utf-8", "sub index"),
        ("/app.js", "text/javascript", "export const"),
        ("/mod.mjs", "text/javascript", "export"),
        ("/style.css", "text/css", "body"),
        ("/types.d.ts", "text/plain", "declare"),
        ("/data.json", "application/json", "{}"),
        ("/img.png", "image/png", "PNG"),
        ("/icon.svg", "image/svg+xml", "<svg"),
        ("/pkg/zilliz_bg.wasm", "application/wasm", "asm"),
        ("/pkg/zilliz.js", "text/javascript", "glue"),
        ("/app.js?v=2", "text/javascript", "export const"),
    ];
    for (path, ctype, needle) in cases {
        let r = send(a, "GET", path, &[], None).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert!(r.text().contains(needle), "{path}: {}", r.text());
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }
    // Static files are not API requests.
    assert!(requests(a).await.is_empty());
}

#[tokio::test]
async fn traversal_is_refused_with_404() {
    let t = tree();
    let mock = start_serving(&t.0).await;
    let a = mock.addr();
    let attempts = [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/sub/../../secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/sub/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/pkg/../secret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/./index.html",
        "/link.txt",
        "/missing.js",
    ];
    for path in attempts {
        let r = send(a, "GET", path, &[], None).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(!r.text().contains(SECRET), "{path}");
    }
    // The refusals are the generic logged 404 for unknown paths.
    assert_eq!(requests(a).await.len(), attempts.len());
}

#[tokio::test]
async fn api_wins_over_static_files_and_favicon_and_console_config_are_quiet() {
    let t = tree();
    let mock = start_serving(&t.0).await;
    let a = mock.addr();
    assert_eq!(
        send(a, "GET", "/v2/clusters/x/drop", &[], None)
            .await
            .status,
        405
    );
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    assert_eq!(send(a, "GET", "/favicon.ico", &[], None).await.status, 204);
    // The console's question "does a proxy serve me?" is answered no, and not logged.
    assert_eq!(
        send(a, "GET", "/console-config.json", &[], None)
            .await
            .status,
        204
    );
    let log = requests(a).await;
    assert_eq!(log.len(), 2, "{log:?}");
}

#[tokio::test]
async fn nothing_is_served_without_www() {
    let mock = start().await;
    let r = send(mock.addr(), "GET", "/", &[], None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], 404);
}
