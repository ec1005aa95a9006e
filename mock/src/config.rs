//! Configuration and the hand-rolled command line parser.
//!
//! The parser is written by hand to keep the dependency tree small (no clap):
//! the mock only has a handful of flags.

use std::fmt;
use std::path::PathBuf;

use crate::clusters::{DroppedAs, Timing};

/// The API key accepted when none is given. It is a fake, mock-only value.
pub const DEFAULT_API_KEY: &str = "mock-api-key-0123456789abcdef";

/// Clusters that exist at startup (and again after `POST /__mock/reset`).
pub const DEFAULT_CLUSTERS: [&str; 4] = [
    "in01-6183d6bac30f801",
    "in01-0123456789abcde",
    "in02-fedcba987654321",
    "in03-aaaaaaaaaaaaaaa",
];

/// Allowed drop requests per second per API key when `--rate` is not given.
pub const DEFAULT_RATE: u32 = 20;

/// Everything the server needs to start.
#[derive(Clone)]
pub struct Config {
    /// TCP port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    /// The only key accepted as `Authorization: Bearer <key>`.
    pub api_key: String,
    /// Seeded cluster ids.
    pub clusters: Vec<String>,
    /// Allowed requests per second per Authorization value; 0 = unlimited.
    pub rate: u32,
    /// How long a drop, a suspend and a resume take to show their end.
    pub timing: Timing,
    /// Folder served at `/`.
    pub www: Option<PathBuf>,
    /// Folder served at `/pkg/`.
    pub pkg: Option<PathBuf>,
    /// Print one line per logged request to stderr.
    pub verbose: bool,
    /// Exit when stdin reaches its end: a parent that spawned the mock with a
    /// pipe and then died (before it could stop it) takes the mock with it.
    pub exit_with_stdin: bool,
    /// Origins besides the mock's own whose pages may script the `/__mock/`
    /// control surface (a test page served elsewhere); any other origin is refused.
    pub control_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            api_key: DEFAULT_API_KEY.to_string(),
            clusters: DEFAULT_CLUSTERS.iter().map(|s| s.to_string()).collect(),
            rate: DEFAULT_RATE,
            timing: Timing::default(),
            www: None,
            pkg: None,
            verbose: false,
            exit_with_stdin: false,
            control_origins: Vec::new(),
        }
    }
}

/// Hand-written so that the API key can never leak through `{:?}`.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("port", &self.port)
            .field("api_key", &"<redacted>")
            .field("clusters", &self.clusters)
            .field("rate", &self.rate)
            .field("timing", &self.timing)
            .field("www", &self.www)
            .field("pkg", &self.pkg)
            .field("verbose", &self.verbose)
            .field("exit_with_stdin", &self.exit_with_stdin)
            .field("control_origins", &self.control_origins)
            .finish()
    }
}

/// What the command line asked for.
#[derive(Debug)]
pub enum Command {
    /// Start the server.
    Run(Config),
    /// Print [`USAGE`] and exit.
    Help,
}

/// Shown for `--help` and after a usage error. The default key is spelled out: it is a test key,
/// in the README too, and a newcomer needs it to call the mock. A key given with `--api-key` is
/// never printed.
pub const USAGE: &str = "\
zilliz-mock: local mock of the Zilliz Cloud control plane's cluster endpoints
(drop, describe, list, suspend, resume)

USAGE: zilliz-mock [OPTIONS]

OPTIONS:
  --port N            port on 127.0.0.1 (default 0 = any free port)
  --api-key KEY       accepted API key (default: mock-api-key-0123456789abcdef)
  --cluster ID        seed a cluster (repeatable)
  --clusters A,B,...  seed several clusters
  --rate N            requests per second per API key (default 20, 0 = unlimited)
  --deleting-ms N     a dropped cluster stays DELETING this long (default 0)
  --transition-ms N   SUSPENDING and RESUMING last this long (default 0)
  --dropped-as WHAT   what a dropped cluster becomes: not_found (default) or deleted
  --www DIR           serve DIR at /
  --pkg DIR           serve DIR at /pkg/
  --quiet             do not print one line per request to stderr
  --exit-with-stdin   exit when stdin reaches its end (when the parent holding it is gone)
  --control-origin O  also let pages of origin O script /__mock/ (repeatable; default: own origin only)
  -h, --help          this text

The first line on stdout is the base URL, e.g. http://127.0.0.1:41234
";

/// Parses the arguments after the program name. Accepts `--flag value` and
/// `--flag=value`.
pub fn parse_args<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config {
        verbose: true,
        ..Config::default()
    };
    let mut clusters: Option<Vec<String>> = None;
    let mut args = args.into_iter();

    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args.next().ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--quiet" => config.verbose = false,
            "--exit-with-stdin" => config.exit_with_stdin = true,
            "--port" => {
                let v = value("--port")?;
                config.port = v
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {v}"))?;
            }
            "--api-key" => {
                let v = value("--api-key")?;
                if v.is_empty() || v.chars().any(|c| c.is_control()) {
                    return Err("--api-key must be non-empty printable text".to_string());
                }
                config.api_key = v;
            }
            "--cluster" => {
                let v = value("--cluster")?;
                push_ids(clusters.get_or_insert_with(Vec::new), &v);
            }
            "--clusters" => {
                let v = value("--clusters")?;
                push_ids(clusters.get_or_insert_with(Vec::new), &v);
            }
            "--rate" => {
                let v = value("--rate")?;
                config.rate = v
                    .parse()
                    .map_err(|_| format!("--rate: not a non-negative integer: {v}"))?;
            }
            "--deleting-ms" => config.timing.deleting_ms = millis(&value("--deleting-ms")?)?,
            "--transition-ms" => {
                config.timing.transition_ms = millis(&value("--transition-ms")?)?;
            }
            "--dropped-as" => {
                config.timing.dropped_as = match value("--dropped-as")?.as_str() {
                    "not_found" => DroppedAs::NotFound,
                    "deleted" => DroppedAs::Deleted,
                    other => {
                        return Err(format!("--dropped-as: not_found or deleted, not {other}"))
                    }
                };
            }
            "--www" => config.www = Some(PathBuf::from(value("--www")?)),
            "--pkg" => config.pkg = Some(PathBuf::from(value("--pkg")?)),
            "--control-origin" => config.control_origins.push(value("--control-origin")?),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if let Some(ids) = clusters {
        config.clusters = ids;
    }
    Ok(Command::Run(config))
}

/// A duration flag: milliseconds, at most ten minutes.
fn millis(v: &str) -> Result<u64, String> {
    match v.parse::<u64>() {
        Ok(ms) if ms <= 600_000 => Ok(ms),
        _ => Err(format!(
            "not a number of milliseconds from 0 to 600000: {v}"
        )),
    }
}

/// Splits a comma-separated list, skipping blanks, so `--clusters a,,b` works.
fn push_ids(into: &mut Vec<String>, list: &str) {
    into.extend(
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, String> {
        match parse_args(args.iter().map(|s| s.to_string()))? {
            Command::Run(c) => Ok(c),
            Command::Help => Err("help".to_string()),
        }
    }

    #[test]
    fn defaults() {
        let c = run(&[]).unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.api_key, DEFAULT_API_KEY);
        assert!(
            USAGE.contains(&format!("(default: {DEFAULT_API_KEY})")),
            "--help names the default key itself"
        );
        assert_eq!(c.clusters.len(), 4);
        assert_eq!(c.rate, 20);
        assert!(c.verbose);
    }

    #[test]
    fn flags() {
        let c = run(&[
            "--port",
            "8080",
            "--api-key=k1",
            "--cluster",
            "a",
            "--clusters",
            "b, c,,",
            "--rate",
            "0",
            "--www",
            "/tmp/w",
            "--pkg=/tmp/p",
            "--quiet",
            "--exit-with-stdin",
            "--deleting-ms",
            "1500",
            "--transition-ms=20",
            "--dropped-as",
            "deleted",
        ])
        .unwrap();
        assert_eq!(c.port, 8080);
        assert_eq!(c.api_key, "k1");
        assert_eq!(c.clusters, vec!["a", "b", "c"]);
        assert_eq!(c.rate, 0);
        assert_eq!(c.www, Some(PathBuf::from("/tmp/w")));
        assert_eq!(c.pkg, Some(PathBuf::from("/tmp/p")));
        assert!(!c.verbose);
        assert!(c.exit_with_stdin);
        assert_eq!(
            c.timing,
            Timing {
                deleting_ms: 1500,
                transition_ms: 20,
                dropped_as: DroppedAs::Deleted
            }
        );
    }

    #[test]
    fn errors() {
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--rate", "-1"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert!(run(&["--api-key", ""]).is_err());
        assert!(run(&["--deleting-ms", "-1"]).is_err());
        assert!(run(&["--dropped-as", "gone"]).is_err());
        assert_eq!(run(&["--help"]).unwrap_err(), "help");
    }

    #[test]
    fn debug_redacts_key() {
        let c = run(&["--api-key", "super-secret-key"]).unwrap();
        assert!(!format!("{c:?}").contains("super-secret-key"));
    }
}
