//! The `zilliz-mock` binary: parse flags, start, print the base URL as the
//! only stdout line, run until SIGINT/SIGTERM (or, with `--exit-with-stdin`,
//! until stdin ends).

use std::io::Write;
use std::process::ExitCode;

use zilliz_mock::{parse_args, start, Command, Config, DEFAULT_API_KEY, USAGE};

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            let _ = std::io::stdout().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zilliz-mock: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zilliz-mock: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(config))
}

async fn run(config: Config) -> ExitCode {
    // Signal handlers first, so a signal sent right after the URL line is seen.
    let signals = match Signals::new() {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zilliz-mock: cannot watch signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    let summary = describe(&config);
    let exit_with_stdin = config.exit_with_stdin;
    let mock = match start(config).await {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zilliz-mock: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{}", mock.base_url())
            .and_then(|_| out.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    let _ = writeln!(std::io::stderr(), "{summary}");
    if exit_with_stdin {
        tokio::select! {
            _ = signals.wait() => {}
            _ = stdin_closed() => {}
        }
    } else {
        signals.wait().await;
    }
    mock.shutdown().await;
    ExitCode::SUCCESS
}

/// Resolves when stdin reaches its end (or fails), whatever it carried.
async fn stdin_closed() {
    let (done, closed) = tokio::sync::oneshot::channel::<()>();
    // A plain thread: a blocking read must not hold up the server's one thread.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = done.send(());
    });
    let _ = closed.await;
}

/// Startup summary for stderr. Names the default key (a test key, in the
/// README too); of a key given with `--api-key`, only its length.
fn describe(config: &Config) -> String {
    let key = if config.api_key == DEFAULT_API_KEY {
        format!("{DEFAULT_API_KEY} (the default)")
    } else {
        format!("custom ({} chars)", config.api_key.chars().count())
    };
    let rate = match config.rate {
        0 => "unlimited".to_string(),
        n => format!("{n}/s per key"),
    };
    let mut s = format!(
        "zilliz-mock: api key: {key}; rate: {rate}; clusters: {}",
        config.clusters.join(",")
    );
    if let Some(www) = &config.www {
        s.push_str(&format!("; www: {}", www.display()));
    }
    if let Some(pkg) = &config.pkg {
        s.push_str(&format!("; pkg: {}", pkg.display()));
    }
    s
}

/// SIGINT and SIGTERM, registered up front.
#[cfg(unix)]
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Signals {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn new() -> std::io::Result<Self> {
        Ok(Signals)
    }

    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
