//! The OpenAPI document and the router agree: every documented operation is
//! routed, no undocumented method answers on a documented path, and the
//! documented set is exactly the API the SPA is written against.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use std::collections::BTreeSet;

const EXPECTED: &[(&str, &str)] = &[
    ("get", "/api/v1/session"),
    ("post", "/api/v1/session"),
    ("delete", "/api/v1/session"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/users"),
    ("get", "/api/v1/rewards/overview"),
    ("get", "/api/v1/benefits"),
    ("get", "/api/v1/benefits/{id}"),
    ("post", "/api/v1/benefits/{id}/activation"),
    ("post", "/api/v1/benefits/{id}/opt-out"),
    ("put", "/api/v1/offers/{id}/engagement"),
    ("post", "/api/v1/benefits/viewed"),
    ("get", "/api/v1/marketing-contacts"),
    ("post", "/api/v1/marketing-contacts"),
    ("put", "/api/v1/marketing-contacts/{id}"),
    ("delete", "/api/v1/marketing-contacts/{id}"),
    ("post", "/api/v1/technical-requests"),
    ("get", "/api/v1/technical-requests"),
    ("get", "/api/v1/technical-requests/{id}"),
    ("post", "/api/v1/technical-requests/{id}/notes"),
    ("post", "/api/v1/technical-requests/{id}/cancel"),
    ("get", "/api/v1/team/technical-requests"),
    ("get", "/api/v1/team/technical-requests/{id}"),
    ("post", "/api/v1/team/technical-requests/{id}/transitions"),
    ("post", "/api/v1/team/technical-requests/{id}/notes"),
    ("get", "/api/v1/tenants"),
    ("post", "/api/v1/tenants/associations"),
    (
        "post",
        "/api/v1/tenants/associations/{association_id}/confirm",
    ),
    ("delete", "/api/v1/tenants/{domain}"),
    ("get", "/api/v1/insights/sales"),
    ("get", "/api/v1/insights/benefits"),
    ("get", "/api/v1/insights/technical-use"),
    ("get", "/api/v1/insights/m365-usage"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/health"),
];

const METHODS: &[&str] = &["get", "post", "put", "delete", "patch"];

fn concrete(template: &str) -> String {
    template
        .replace("{id}", "x1")
        .replace("{association_id}", "x2")
        .replace("{domain}", "example.onmicrosoft.com")
}

fn documented(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut set = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if item.get(*m).is_some() {
                set.insert((m.to_string(), path.clone()));
            }
        }
    }
    set
}

#[tokio::test]
async fn document_and_router_agree() {
    let app = TestApp::new();
    let r = app
        .send(
            Request::get("/api/v1/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let ops = documented(&doc);
    let expected: BTreeSet<(String, String)> = EXPECTED
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(ops, expected);

    let paths: BTreeSet<&String> = ops.iter().map(|(_, p)| p).collect();
    for path in paths {
        for m in METHODS {
            let req = Request::builder()
                .method(m.to_ascii_uppercase().as_str())
                .uri(concrete(path))
                .header("Idempotency-Key", new_key())
                .body(Body::empty())
                .unwrap();
            let resp = app.send(req).await;
            let is_documented = ops.contains(&(m.to_string(), path.clone()));
            let unrouted = resp.status == 405
                || (resp.status == 404
                    && resp.json()["detail"] == "There is no API resource at this path.");
            assert_eq!(
                !unrouted, is_documented,
                "{m} {path}: status {} (documented: {is_documented})",
                resp.status
            );
        }
    }
}

#[test]
fn every_operation_documents_its_problems_and_schemas_resolve() {
    let doc = openapi_doc();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}: no success response"
            );
            let secured = op.get("security").is_some();
            if secured {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path}: 401 undocumented"
                );
            }
            if method != "get" {
                assert!(
                    responses.contains_key("428"),
                    "{method} {path}: 428 undocumented"
                );
            }
            // A 400 with several causes names each of them.
            let bad_request = responses.get("400").map(|r| r["description"].to_string());
            if op.get("requestBody").is_some() && bad_request.is_some() {
                let text = bad_request.unwrap_or_default();
                assert!(
                    text.contains("malformed_json"),
                    "{method} {path}: 400 says {text}"
                );
                if path.contains('{') {
                    assert!(
                        text.contains("invalid_path"),
                        "{method} {path}: 400 says {text}"
                    );
                }
            }
        }
    }
    // Every $ref resolves.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "unresolved {name}"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
