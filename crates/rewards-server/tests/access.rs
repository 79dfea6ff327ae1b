//! Access control of every API operation, driven by the OpenAPI document so
//! that a new route cannot be left out: no token (401), a signed-out token
//! (401), the wrong role (403), another company's resource (404, answered
//! exactly like a resource that does not exist) and nothing of another
//! company in any list.

mod common;

use axum::http::Method;
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Access {
    /// No token needed.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed in with a tenant associated with the company (Lee's is not).
    Programme,
    /// [`Access::Programme`] and a role that manages rewards (not Diego).
    RewardsManager,
    /// Global admin or Account admin (not Alex, Diego or Lee), signed in through an associated
    /// tenant (not Patti, a Global admin who signs in through Fabrikam).
    TenantManager,
    /// The Marketplace Rewards team (`team@rewards.example`), no partner user. Its
    /// operations span every company's cases by design, so they name no other company.
    Team,
}

struct Operation {
    method: &'static str,
    template: &'static str,
    access: Access,
    /// The path with another company's resource id, when the path names one.
    other_company: Option<&'static str>,
    /// A request body of the documented shape.
    body: Option<fn() -> Value>,
}

const fn op(method: &'static str, template: &'static str, access: Access) -> Operation {
    Operation {
        method,
        template,
        access,
        other_company: None,
        body: None,
    }
}

fn contact_body() -> Value {
    json!({"user_id": "usr-adele", "email": "adele@contoso.example", "phone": "+31 20 123 4567", "preferred_language": "en"})
}

fn technical_body() -> Value {
    json!({
        "phase": "design", "solution_type": "cloud", "title": "Access check",
        "description": "A request made by the access test.", "products": ["Azure SQL"],
        "phone": "+44 20 7946 0000", "country_region": "GB", "time_zone": "Europe/London",
        "language": "en", "preferred_contact_time": ""
    })
}

fn note_body() -> Value {
    json!({"text": "A note made by the access test."})
}

fn transition_body() -> Value {
    json!({"to": "in_review"})
}

fn association_body() -> Value {
    json!({"domain": "fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": "Wrong-Password-1"})
}

fn opt_out_body() -> Value {
    json!({"reason": "not_now"})
}

fn engagement_body() -> Value {
    json!({"opted_in": false})
}

fn sign_in_body() -> Value {
    json!({"email": DIEGO, "password": PASSWORD})
}

/// Every documented operation. The test fails when the document and this
/// table differ, so a new route needs an entry here.
fn operations() -> Vec<Operation> {
    use Access::*;
    vec![
        Operation {
            body: Some(sign_in_body),
            ..op("post", "/api/v1/session", Public)
        },
        op("get", "/api/v1/session", Public),
        op("delete", "/api/v1/session", SignedIn),
        op("get", "/api/v1/me", SignedIn),
        op("get", "/api/v1/users", SignedIn),
        op("get", "/api/v1/rewards/overview", Programme),
        op("get", "/api/v1/benefits", Programme),
        Operation {
            other_company: Some("/api/v1/benefits/ben-other"),
            ..op("get", "/api/v1/benefits/{id}", Programme)
        },
        Operation {
            other_company: Some("/api/v1/benefits/ben-other/activation"),
            ..op("post", "/api/v1/benefits/{id}/activation", RewardsManager)
        },
        Operation {
            other_company: Some("/api/v1/benefits/ben-other/opt-out"),
            body: Some(opt_out_body),
            ..op("post", "/api/v1/benefits/{id}/opt-out", RewardsManager)
        },
        Operation {
            other_company: Some("/api/v1/offers/off-other/engagement"),
            body: Some(engagement_body),
            ..op("put", "/api/v1/offers/{id}/engagement", RewardsManager)
        },
        op("post", "/api/v1/benefits/viewed", Programme),
        op("get", "/api/v1/marketing-contacts", Programme),
        Operation {
            body: Some(contact_body),
            ..op("post", "/api/v1/marketing-contacts", RewardsManager)
        },
        Operation {
            other_company: Some("/api/v1/marketing-contacts/mc-other"),
            body: Some(contact_body),
            ..op("put", "/api/v1/marketing-contacts/{id}", RewardsManager)
        },
        Operation {
            other_company: Some("/api/v1/marketing-contacts/mc-other"),
            ..op("delete", "/api/v1/marketing-contacts/{id}", RewardsManager)
        },
        op("get", "/api/v1/technical-requests", Programme),
        Operation {
            body: Some(technical_body),
            ..op("post", "/api/v1/technical-requests", RewardsManager)
        },
        Operation {
            other_company: Some("/api/v1/technical-requests/tr-other"),
            ..op("get", "/api/v1/technical-requests/{id}", Programme)
        },
        Operation {
            other_company: Some("/api/v1/technical-requests/tr-other/notes"),
            body: Some(note_body),
            ..op(
                "post",
                "/api/v1/technical-requests/{id}/notes",
                RewardsManager,
            )
        },
        Operation {
            other_company: Some("/api/v1/technical-requests/tr-other/cancel"),
            ..op(
                "post",
                "/api/v1/technical-requests/{id}/cancel",
                RewardsManager,
            )
        },
        op("get", "/api/v1/team/technical-requests", Team),
        op("get", "/api/v1/team/technical-requests/{id}", Team),
        Operation {
            body: Some(transition_body),
            ..op(
                "post",
                "/api/v1/team/technical-requests/{id}/transitions",
                Team,
            )
        },
        Operation {
            body: Some(note_body),
            ..op("post", "/api/v1/team/technical-requests/{id}/notes", Team)
        },
        op("get", "/api/v1/tenants", SignedIn),
        Operation {
            body: Some(association_body),
            ..op("post", "/api/v1/tenants/associations", TenantManager)
        },
        Operation {
            other_company: Some("/api/v1/tenants/associations/ta-other/confirm"),
            ..op(
                "post",
                "/api/v1/tenants/associations/{association_id}/confirm",
                TenantManager,
            )
        },
        Operation {
            other_company: Some("/api/v1/tenants/northwind.onmicrosoft.com"),
            ..op("delete", "/api/v1/tenants/{domain}", TenantManager)
        },
        op("get", "/api/v1/insights/sales", Programme),
        op("get", "/api/v1/insights/benefits", Programme),
        op("get", "/api/v1/insights/technical-use", Programme),
        op("get", "/api/v1/insights/m365-usage", Programme),
        op("get", "/api/v1/openapi.json", Public),
        op("get", "/api/v1/health", Public),
    ]
}

/// The template with ids of the signed-in company (or ids that exist nowhere).
fn own_path(template: &str) -> String {
    template
        .replace("{id}", "does-not-exist")
        .replace("{association_id}", "does-not-exist")
        .replace("{domain}", "does-not-exist.onmicrosoft.com")
}

/// Another company with a tenant and a pending association of its own.
fn add_other_company(app: &TestApp) {
    app.add_other_company();
    app.sql(
        "INSERT INTO tenant_associations (company_id, domain, organisation, associated_at, is_home)
           VALUES ('co-other', 'northwind.onmicrosoft.com', 'Northwind Traders', 0, 1),
                  ('co-other', 'wingtip.onmicrosoft.com', 'Wingtip Toys', 0, 0);
         INSERT INTO pending_tenant_associations (id, company_id, user_id, domain, organisation, created_at, expires_at)
           VALUES ('ta-other', 'co-other', 'usr-nina', 'tailspin.onmicrosoft.com', 'Tailspin', 0, 4102444800);
         INSERT INTO publisher_profiles (id, company_id, name, seller_id)
           VALUES ('pp-other', 'co-other', 'Northwind Apps', NULL);
         INSERT INTO offers (id, company_id, publisher_profile_id, name, offer_type, live_date, visibility,
                             bring_your_own_license, listing_optimization_completed, co_sell_ready,
                             has_public_listing_of_same_solution, owner_name)
           VALUES ('off-other', 'co-other', 'pp-other', 'Northwind Catalog', 'list', '2026-01-01', 'public', 0, 0, 0, 0, 'Nina');",
    );
}

async fn call(app: &TestApp, op: &Operation, path: &str, token: Option<&str>) -> Resp {
    let method = Method::from_bytes(op.method.to_ascii_uppercase().as_bytes()).unwrap();
    // `If-Match` of version 1 where a collection needs one: the access
    // checks come before the version check.
    app.call_with(
        method,
        path,
        token,
        op.body.map(|b| b()),
        &[("If-Match", "\"1\"")],
    )
    .await
}

#[test]
fn the_table_lists_every_documented_operation() {
    let doc = openapi_doc();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let secured = item[method].get("security").is_some();
            documented.insert((method.clone(), path.clone(), secured));
        }
    }
    let table: BTreeSet<(String, String, bool)> = operations()
        .iter()
        .map(|o| {
            (
                o.method.to_string(),
                o.template.to_string(),
                o.access != Access::Public,
            )
        })
        .collect();
    assert_eq!(
        documented, table,
        "the access table and the OpenAPI document (operations and their `security`) differ"
    );
    for o in operations() {
        assert_eq!(
            o.other_company.is_some(),
            o.template.contains('{') && o.access != Access::Team,
            "{} {}: an operation on one resource needs another company's id",
            o.method,
            o.template
        );
    }
}

#[tokio::test]
async fn no_token_and_signed_out_token_are_401() {
    let app = TestApp::new();
    let signed_out = app.sign_in(MEGAN).await;
    app.call(Method::DELETE, "/api/v1/session", Some(&signed_out), None)
        .await;
    for op in operations() {
        let path = own_path(op.template);
        let what = format!("{} {path}", op.method);
        let anonymous = call(&app, &op, &path, None).await;
        let revoked = call(&app, &op, &path, Some(&signed_out)).await;
        if op.access == Access::Public {
            assert_ne!(anonymous.status, 401, "{what} without a token");
            assert_ne!(revoked.status, 401, "{what} with a signed-out token");
            continue;
        }
        anonymous.assert_problem(401, "unauthenticated");
        assert_documented(op.method, op.template, &anonymous);
        assert!(anonymous.header("www-authenticate").is_some(), "{what}");
        revoked.assert_problem(401, "invalid_token");
    }
    // The public session status tells a signed-out token apart without an error.
    let status = app.get("/api/v1/session", &signed_out).await;
    assert_eq!(status.json()["signed_in"], false);
}

#[tokio::test]
async fn the_wrong_role_is_403_and_the_right_one_is_let_through() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await; // Global admin
    let alex = app.sign_in(ALEX).await; // MPN partner admin
    let diego = app.sign_in(DIEGO).await; // Developer (read-only)
    let lee = app.sign_in(LEE).await; // MPN partner admin, tenant not associated
    let patti = app.sign_in(PATTI).await; // Global admin, tenant not associated
    let team = app.sign_in(TEAM).await; // the Rewards team, no partner
    for op in operations() {
        let path = own_path(op.template);
        let what = format!("{} {path}", op.method);
        let denied: Vec<(&str, &str)> = match op.access {
            Access::Public | Access::SignedIn => vec![],
            Access::Programme => vec![
                (&lee, "programme_hidden"),
                (&patti, "programme_hidden"),
                (&team, "partner_account_required"),
            ],
            Access::RewardsManager => vec![
                (&lee, "programme_hidden"),
                (&patti, "programme_hidden"),
                (&diego, "read_only_role"),
                (&team, "partner_account_required"),
            ],
            Access::TenantManager => vec![
                (&alex, "tenant_admin_required"),
                (&diego, "tenant_admin_required"),
                (&lee, "tenant_admin_required"),
                (&patti, "associated_tenant_sign_in_required"),
                (&team, "tenant_admin_required"),
            ],
            Access::Team => vec![
                (&megan, "rewards_team_required"),
                (&alex, "rewards_team_required"),
                (&diego, "rewards_team_required"),
                (&lee, "rewards_team_required"),
                (&patti, "rewards_team_required"),
            ],
        };
        for (token, code) in &denied {
            let r = call(&app, &op, &path, Some(token)).await;
            r.assert_problem(403, code);
            assert_documented(op.method, op.template, &r);
        }
        let allowed: Vec<&str> = match op.access {
            Access::Public | Access::SignedIn => vec![&alex, &diego, &lee, &patti, &team],
            Access::Programme => vec![&megan, &alex, &diego],
            Access::RewardsManager => vec![&megan, &alex],
            Access::TenantManager => vec![&megan],
            Access::Team => vec![&team],
        };
        for token in allowed {
            if op.method == "delete" && op.template == "/api/v1/session" {
                continue; // signing out here would end the session the next checks use
            }
            let r = call(&app, &op, &path, Some(token)).await;
            assert!(
                ![401, 403].contains(&r.status.as_u16()),
                "{what}: a permitted role got {} {}",
                r.status,
                r.text()
            );
        }
    }
}

#[tokio::test]
async fn another_companys_resources_are_404_like_missing_ones() {
    let app = TestApp::new();
    add_other_company(&app);
    let megan = app.sign_in(MEGAN).await;
    for op in operations() {
        let Some(other) = op.other_company else {
            continue;
        };
        let foreign = call(&app, &op, other, Some(&megan)).await;
        let missing = call(&app, &op, &own_path(op.template), Some(&megan)).await;
        let v = foreign.assert_problem(404, "not_found");
        assert_documented(op.method, op.template, &foreign);
        assert_eq!(
            v,
            missing.json(),
            "{} {other}: another company's resource must look exactly like a missing one",
            op.method
        );
    }
    // Nothing was changed in the other company.
    assert_eq!(
        app.sql_count(
            "SELECT COUNT(*) FROM benefits WHERE id = 'ben-other' AND status = 'available'"
        ),
        1
    );
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM marketing_contacts WHERE company_id = 'co-other'"),
        1
    );
    assert_eq!(
        app.sql_count(
            "SELECT COUNT(*) FROM offers WHERE id = 'off-other' AND engagement_opted_out = 0"
        ),
        1
    );
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM tenant_associations WHERE company_id = 'co-other'"),
        2
    );
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM pending_tenant_associations WHERE id = 'ta-other'"),
        1
    );
}

#[tokio::test]
async fn no_read_shows_another_companys_data() {
    let app = TestApp::new();
    add_other_company(&app);
    let megan = app.sign_in(MEGAN).await;
    let mut checked = 0;
    for op in operations() {
        if op.method != "get"
            || op.template.contains('{')
            || op.template.ends_with("openapi.json")
            || op.access == Access::Team
        {
            continue;
        }
        let r = app.get(op.template, &megan).await;
        assert_eq!(r.status, 200, "GET {}: {}", op.template, r.text());
        let text = r.text();
        for marker in [
            "co-other",
            "ben-other",
            "mc-other",
            "tr-other",
            "ta-other",
            "usr-nina",
            "nina@northwind",
            "Northwind Traders",
            "northwind.onmicrosoft.com",
            "Northwind Catalog",
            "off-other",
            "wingtip",
            "tailspin",
        ] {
            assert!(
                !text.contains(marker),
                "GET {} shows {marker}: {text}",
                op.template
            );
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} list reads checked");
}
