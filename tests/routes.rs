//! `src/paths.rs` is where the route paths are spelled; every other spelling must agree with it:
//! the route table's `path!` literals (the macro takes only literals), index.html's `ROUTES` (it
//! finds the base path by removing a known route from the address before any wasm runs) and the
//! route roots that the generated static-host configurations send to index.html.

use std::collections::BTreeSet;

use rewards_portal::paths;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The double-quoted strings between `start` and the next `end` in `text`.
fn quoted_list(text: &str, start: &str, end: char, quote: char) -> BTreeSet<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let to = from + text[from..].find(end).expect("end of the list");
    text[from..to]
        .split(',')
        .map(|item| item.trim().trim_matches(quote).to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn deep_routes() -> BTreeSet<String> {
    paths::ALL
        .iter()
        .filter(|route| **route != paths::OVERVIEW)
        .map(|route| route.to_string())
        .collect()
}

#[test]
fn the_route_table_routes_exactly_the_known_paths() {
    let app = read("src/app.rs");
    let literals: BTreeSet<String> = app
        .split("path!(\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("end of literal")].to_string())
        .collect();
    let all: BTreeSet<String> = paths::ALL.iter().map(|r| r.to_string()).collect();
    assert_eq!(literals, all, "src/app.rs path! literals vs src/paths.rs");
    assert_eq!(paths::OVERVIEW, "/", "the overview is the base itself");
}

#[test]
fn index_html_knows_every_deep_route() {
    let html = read("index.html");
    assert_eq!(
        quoted_list(&html, "var ROUTES = [", ']', '"'),
        deep_routes()
    );
}

#[test]
fn static_hosts_send_every_route_root_to_index_html() {
    let script = read("scripts/host-config.mjs");
    let roots: BTreeSet<String> = deep_routes()
        .iter()
        .map(|route| {
            route
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        quoted_list(&script, "const ROUTE_ROOTS = [", ']', '\''),
        roots
    );
}
