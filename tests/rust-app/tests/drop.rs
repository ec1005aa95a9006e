//! The program drops a cluster of the mock (ZCW_MOCK_URL, with the Rust API suite's key), with its
//! own allocator in charge.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::Ordering;

use wasm_bindgen_test::wasm_bindgen_test;
use zcw_rust_app::ALLOCATIONS;
use zilliz_cloud_wasm::{ClientOptions, ZillizCloud};

const KEY: &str = "sk-zcw-rust-api-SECRET-4d2b91e7";
/// The mock's first cluster, which no other test of this run drops.
const CLUSTER: &str = "in01-0123456789abcde";

#[wasm_bindgen_test]
async fn drops_a_cluster_of_the_mock_with_its_own_allocator() {
    let Some(url) = option_env!("ZCW_MOCK_URL") else {
        panic!("build with ZCW_MOCK_URL set (scripts/rust-api-suite.sh)");
    };
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let zc = ZillizCloud::new(ClientOptions::new(KEY).base_url(url)).unwrap();
    let res = zc.drop_cluster(CLUSTER).await.unwrap();
    assert_eq!((res.code, res.data.cluster_id.as_str()), (0, CLUSTER));
    assert!(
        ALLOCATIONS.load(Ordering::Relaxed) > before,
        "the program's allocator served the crate"
    );
}
