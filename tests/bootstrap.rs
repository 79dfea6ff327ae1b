//! index.html repeats a few facts of the app in its start-up scripts: the routes (it finds
//! the app's base path by removing a known route from the address), and for its early API
//! requests the default API base and the request timeout.

use rewards_core::{api::API_PREFIX, retry::REQUEST_TIMEOUT_MS};
use rewards_portal::app::paths;

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html")
}

fn bootstrap_routes() -> Vec<String> {
    let html = index_html();
    let start = html.find("var ROUTES = [").expect("ROUTES in index.html") + 14;
    let end = start + html[start..].find(']').expect("end of ROUTES");
    let mut routes: Vec<String> = html[start..end]
        .split(',')
        .map(|r| r.trim().trim_matches('"').to_string())
        .collect();
    routes.sort();
    routes
}

#[test]
fn index_html_knows_every_route() {
    let mut expected: Vec<String> = [
        paths::BENEFITS,
        paths::SALES_MARKETING,
        paths::TECHNICAL,
        paths::TECHNICAL_REQUEST,
        paths::TENANTS,
        paths::ASSOCIATE_TENANT,
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    expected.sort();
    assert_eq!(bootstrap_routes(), expected);
    assert_eq!(paths::OVERVIEW, "/", "the overview is the base itself");
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
