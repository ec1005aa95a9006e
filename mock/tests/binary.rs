//! The built `zilliz-mock` binary: one URL line on stdout, then serving, and a
//! clean exit on SIGTERM / SIGINT, or when stdin ends with `--exit-with-stdin`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

const BIN: &str = env!("CARGO_BIN_EXE_zilliz-mock");

async fn spawn(args: &[&str]) -> (Child, String) {
    spawn_with_stdin(args, Stdio::null()).await
}

async fn spawn_with_stdin(args: &[&str], stdin: Stdio) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn zilliz-mock");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    tokio::time::timeout(Duration::from_secs(10), reader.read_line(&mut line))
        .await
        .expect("URL line in time")
        .unwrap();
    child.stdout = Some(reader.into_inner());
    (child, line)
}

fn signal(child: &Child, sig: &str) {
    let pid = child.id().unwrap().to_string();
    let ok = std::process::Command::new("kill")
        .args([sig, &pid])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

async fn exits_cleanly(mut child: Child) -> (String, String) {
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits")
        .unwrap();
    assert!(status.success(), "{status:?}");
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .await
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .await
        .unwrap();
    (out, err)
}

fn addr_of(line: &str) -> std::net::SocketAddr {
    assert!(line.ends_with('\n'));
    let url = line.trim_end();
    let hostport = url
        .strip_prefix("http://127.0.0.1:")
        .map(|p| format!("127.0.0.1:{p}"));
    assert!(!url.ends_with('/'), "{url}");
    hostport
        .expect("http://127.0.0.1:PORT")
        .parse()
        .expect("a socket address")
}

#[tokio::test]
async fn prints_its_url_serves_and_stops_on_sigterm() {
    let secret = "binary-secret-key-42";
    let (child, line) = spawn(&[
        "--port",
        "0",
        "--api-key",
        secret,
        "--clusters",
        "c1,c2",
        "--rate",
        "5",
    ])
    .await;
    let a = addr_of(&line);
    assert_eq!(
        control(a, "GET", "/__mock/health", None).await,
        (200, json!({"ok":true}))
    );
    assert_eq!(
        control(a, "GET", "/__mock/clusters", None).await.1,
        json!({"ids":["c1","c2"]})
    );
    assert_eq!(
        control(a, "GET", "/__mock/config", None).await.1,
        json!({"rate":5,"deletingMs":0,"transitionMs":0,"droppedAs":"not_found"})
    );
    assert_eq!(drop_cluster(a, "c1", Some(secret)).await.json()["code"], 0);
    assert_eq!(drop_cluster(a, "c1", Some(KEY)).await.status, 401);
    signal(&child, "-TERM");
    let (rest_of_stdout, stderr) = exits_cleanly(child).await;
    assert_eq!(rest_of_stdout, "", "stdout holds only the URL line");
    assert!(stderr.contains("c1,c2"), "{stderr}");
    assert!(
        stderr.contains("[zilliz-mock] #"),
        "one line per request: {stderr}"
    );
    assert!(!stderr.contains(secret), "{stderr}");
}

#[tokio::test]
async fn stops_on_sigint_and_serves_www() {
    let dir = std::env::temp_dir().join(format!("zilliz-mock-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "hello page").unwrap();
    let (child, line) = spawn(&["--www", dir.to_str().unwrap(), "--quiet"]).await;
    let a = addr_of(&line);
    let r = send(a, "GET", "/", &[], None).await;
    assert_eq!(r.text(), "hello page");
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    signal(&child, "-INT");
    let (_, stderr) = exits_cleanly(child).await;
    // The default key is a test key, printed so that a newcomer can call the mock.
    assert!(
        stderr.contains(&format!("api key: {KEY} (the default)")),
        "{stderr}"
    );
    assert!(!stderr.contains("[zilliz-mock] #"), "--quiet: {stderr}");
    // A key of one's own is never printed, not even in part.
    let own = "sk-own-key-NEVER-printed-7f3a";
    let (child, _) = spawn(&["--api-key", own, "--quiet"]).await;
    signal(&child, "-INT");
    let (_, stderr) = exits_cleanly(child).await;
    assert!(
        !stderr.contains("NEVER-pr") && stderr.contains("custom ("),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn exits_when_its_stdin_ends_with_exit_with_stdin() {
    let (mut child, line) =
        spawn_with_stdin(&["--quiet", "--exit-with-stdin"], Stdio::piped()).await;
    let a = addr_of(&line);
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    // What a parent that dies does to the pipe it holds.
    drop(child.stdin.take());
    exits_cleanly(child).await;
}

#[tokio::test]
async fn bad_arguments_exit_with_usage() {
    let out = Command::new(BIN).arg("--bogus").output().await.unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("USAGE"));
    let help = Command::new(BIN).arg("--help").output().await.unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--rate"));
}
