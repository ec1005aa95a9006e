//! `zilliz-mock`: a local stand-in for the Zilliz Cloud control plane's
//! cluster endpoints (drop, describe, list, suspend, resume) over a project
//! of clusters whose statuses change over time, with a `/__mock/` control
//! surface to script faults and read a request log.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let mock = zilliz_mock::start(zilliz_mock::Config::default()).await?;
//! println!("{}", mock.base_url());
//! mock.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod api;
mod body;
pub mod clusters;
pub mod config;
mod conn;
mod control;
mod cors;
mod ctx;
mod fault_reply;
mod faults;
mod log;
mod paths;
mod rate;
mod reply;
mod router;
mod server;
mod state;
mod static_files;

pub use config::{
    parse_args, Command, Config, DEFAULT_API_KEY, DEFAULT_CLUSTERS, DEFAULT_RATE, USAGE,
};
pub use server::{start, RunningMock};
