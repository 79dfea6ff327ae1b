//! index.html repeats a few facts of the app in its start-up scripts: for its early API requests
//! the default API base and the request timeout (its routes are checked in `tests/routes.rs`).

use rewards_core::{api::API_PREFIX, retry::REQUEST_TIMEOUT_MS};

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html")
}

#[test]
fn early_requests_use_the_clients_defaults() {
    let html = index_html();
    let timeout = html
        .split("var TIMEOUT_MS = ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("TIMEOUT_MS in index.html");
    assert_eq!(timeout.parse::<u32>(), Ok(REQUEST_TIMEOUT_MS));
    assert!(
        html.contains(&format!(": \"{API_PREFIX}\")")),
        "the early requests' default API base is {API_PREFIX}"
    );
}
