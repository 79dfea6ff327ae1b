//! index.html finds the app's base path by removing a known route from the
//! address; its route list must match the router's.

use rewards_portal::app::paths;

fn bootstrap_routes() -> Vec<String> {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
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
