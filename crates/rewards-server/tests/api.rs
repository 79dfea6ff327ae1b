//! Integration tests of every /api/v1 route over a real SQLite file.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use serde_json::{json, Value};

fn contact(user_id: &str, email: &str) -> Value {
    json!({"user_id": user_id, "email": email, "phone": "+31 20 123 4567", "preferred_language": "nl"})
}

fn technical_request() -> Value {
    json!({
        "phase": "design", "solution_type": "hybrid", "title": "Design review for sync engine",
        "description": "Please review our architecture. Mornings CET preferred.",
        "products": ["Azure SQL", "Azure Functions"], "phone": "+44 20 7946 0000",
        "country_region": "GB", "time_zone": "Europe/London", "language": "en",
        "preferred_contact_time": "weekdays 9:00-12:00"
    })
}

async fn benefit_id(app: &TestApp, token: &str, key: &str, offer: &str) -> String {
    let r = app.get("/api/v1/benefits", token).await;
    r.json()["benefits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["benefit"]["key"] == key && b["benefit"]["offer_id"] == offer)
        .unwrap_or_else(|| panic!("no {key} on {offer}"))["benefit"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn health_and_openapi() {
    let app = TestApp::new();
    let r = app.call(Method::GET, "/api/v1/health", None, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
    assert_documented("GET", "/api/v1/health", &r);
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/benefits/{id}/activation"]["post"].is_object());
}

#[tokio::test]
async fn sign_in_me_and_sign_out() {
    let app = TestApp::new();
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": MEGAN, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 201);
    assert_documented("POST", "/api/v1/session", &r);
    let token = r.json()["token"].as_str().unwrap().to_string();
    // Only the hash of the token is stored.
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'"
        )),
        0
    );

    let r = app.get("/api/v1/me", &token).await;
    assert_eq!(r.status, 200);
    assert_documented("GET", "/api/v1/me", &r);
    let me = r.json();
    assert_eq!(me["user"]["display_name"], "Megan Bowen");
    assert_eq!(me["user"]["roles"], json!(["global_admin"]));
    assert_eq!(me["company"]["name"], "Contoso Software Ltd");
    assert_eq!(me["company"]["partner_id"], "4781230");
    assert_eq!(
        me["company"]["account_email"],
        "partnercenter@contoso.example"
    );
    assert_eq!(me["company"]["home_tenant"], "contoso.onmicrosoft.com");
    assert_eq!(me["tenant"], "contoso.onmicrosoft.com");
    assert_eq!(me["programme_visible"], true);
    assert_eq!(me["can_manage_rewards"], true);
    assert_eq!(me["can_manage_tenants"], true);
    let managers: Vec<&str> = me["reward_managers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(managers.contains(&"Alex Wilber") && managers.contains(&"Adele Vance"));
    assert!(!managers.contains(&"Diego Siciliani"));
    assert_eq!(me["tenant_managers"], json!(["Megan Bowen"]));

    let r = app
        .call(Method::DELETE, "/api/v1/session", Some(&token), None)
        .await;
    assert_eq!(r.status, 204);
    assert_documented("DELETE", "/api/v1/session", &r);
    let r = app.get("/api/v1/me", &token).await;
    r.assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn sign_in_failures() {
    let app = TestApp::new();
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": MEGAN, "password": "wrong"})),
        )
        .await;
    r.assert_problem(401, "invalid_credentials");
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    assert_documented("POST", "/api/v1/session", &r);
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": "nobody@contoso.example", "password": "x"})),
        )
        .await;
    r.assert_problem(401, "invalid_credentials");
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": "not-an-email", "password": ""})),
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"email") && fields.contains(&"password"));
    assert_documented("POST", "/api/v1/session", &r);
    // Sign-in is never replayed: the same key signs in again with a new token.
    let h = [("Idempotency-Key", "same-sign-in")];
    let body = json!({"email": ALEX, "password": PASSWORD});
    let a = app
        .call_with(
            Method::POST,
            "/api/v1/session",
            None,
            Some(body.clone()),
            &h,
        )
        .await;
    let b = app
        .call_with(Method::POST, "/api/v1/session", None, Some(body), &h)
        .await;
    assert_eq!((a.status.as_u16(), b.status.as_u16()), (201, 201));
    assert_ne!(a.json()["token"], b.json()["token"]);
    assert!(b.header("idempotent-replayed").is_none());
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM idempotency_keys"), 0);
}

#[tokio::test]
async fn unauthenticated_requests_get_401() {
    let app = TestApp::new();
    for path in [
        "/api/v1/me",
        "/api/v1/rewards/overview",
        "/api/v1/benefits",
        "/api/v1/users",
        "/api/v1/tenants",
    ] {
        let r = app.call(Method::GET, path, None, None).await;
        r.assert_problem(401, "unauthenticated");
        assert_eq!(
            r.header("www-authenticate"),
            Some("Bearer realm=\"rewards\"")
        );
    }
    let r = app
        .call(Method::GET, "/api/v1/me", Some("forged-token"), None)
        .await;
    r.assert_problem(401, "invalid_token");
    // Expired sessions are rejected.
    let token = app.sign_in(MEGAN).await;
    app.sql("UPDATE sessions SET expires_at = 0");
    app.get("/api/v1/me", &token)
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn overview_matches_demo_data() {
    let app = TestApp::new();
    let token = app.sign_in(ALEX).await;
    let r = app.get("/api/v1/rewards/overview", &token).await;
    assert_eq!(r.status, 200);
    assert_documented("GET", "/api/v1/rewards/overview", &r);
    let o = r.json();
    assert_eq!(o["eligibility"]["eligible"], true);
    assert_eq!(o["tier"], "usd50k");
    assert_eq!(o["billed_sales_ttm_cents"], 6_150_000);
    assert_eq!(o["next_tier"]["tier"], "usd100k");
    assert_eq!(o["next_tier"]["shortfall_cents"], 3_850_000);
    assert_eq!(o["next_tier"]["progress_basis_points"], 6150);
    assert!(o["next_tier"]["unlocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["key"] == "success_story"));
    let profiles = o["publisher_profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 2);
    let total: i64 = profiles
        .iter()
        .map(|p| p["billed_sales_ttm_cents"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 6_150_000);
    let offers: Vec<&Value> = profiles
        .iter()
        .flat_map(|p| p["offers"].as_array().unwrap())
        .collect();
    for t in ["list", "trial", "consulting", "transact"] {
        assert!(
            offers
                .iter()
                .any(|o| o["offer"]["offer_type"] == t && o["live"] == true),
            "{t}"
        );
    }
    assert!(offers.iter().any(|o| o["offer"]["visibility"] == "private"));
    assert!(offers
        .iter()
        .any(|o| o["offer"]["bring_your_own_license"] == true));
    let counts = o["status_counts"].as_array().unwrap();
    assert_eq!(counts.len(), 7);
    for c in counts {
        assert!(
            c["count"].as_u64().unwrap() > 0,
            "no benefit in status {}",
            c["status"]
        );
    }
    let overdue = o["overdue_activations"].as_array().unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["key"], "rewards_testimonial");
    assert_eq!(overdue[0]["days_waiting"], 10);
    assert_eq!(
        o["checklist"],
        json!({"offer_live": true, "benefits_viewed": false, "marketing_contact_assigned": false, "benefit_activated": true})
    );
    // Benefits viewed is idempotent and shows in the checklist.
    for _ in 0..2 {
        let r = app
            .call(Method::POST, "/api/v1/benefits/viewed", Some(&token), None)
            .await;
        assert_eq!(r.status, 200);
        assert_documented("POST", "/api/v1/benefits/viewed", &r);
        assert_eq!(r.json()["benefits_viewed"], true);
    }
    let o = app.get("/api/v1/rewards/overview", &token).await.json();
    assert_eq!(o["checklist"]["benefits_viewed"], true);
}

#[tokio::test]
async fn benefits_list_filters_and_detail() {
    let app = TestApp::new();
    let token = app.sign_in(DIEGO).await;
    let r = app.get("/api/v1/benefits", &token).await;
    assert_eq!(r.status, 200);
    assert_documented("GET", "/api/v1/benefits", &r);
    let all = r.json()["benefits"].as_array().unwrap().len();
    assert!(all > 20);
    let r = app
        .get(
            "/api/v1/benefits?category=technical&status=available",
            &token,
        )
        .await;
    assert_documented("GET", "/api/v1/benefits", &r);
    let items = r.json()["benefits"].as_array().unwrap().clone();
    assert!(!items.is_empty() && items.len() < all);
    assert!(items
        .iter()
        .all(|b| b["benefit"]["category"] == "technical" && b["benefit"]["status"] == "available"));
    let r = app.get("/api/v1/benefits?q=Press%20RELEASE", &token).await;
    let items = r.json()["benefits"].as_array().unwrap().clone();
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|b| b["benefit"]["key"] == "press_release_support"));
    let revoked = app
        .get("/api/v1/benefits?status=revoked", &token)
        .await
        .json();
    let revoked = &revoked["benefits"][0]["benefit"];
    assert_eq!(revoked["status_reason"], "cancelled_before_use");

    for bad in ["status=pending", "category=gold", "status=Available"] {
        let r = app.get(&format!("/api/v1/benefits?{bad}"), &token).await;
        let v = r.assert_problem(400, "invalid_query");
        assert_eq!(v["errors"][0]["code"], "value_not_allowed");
        assert_documented("GET", "/api/v1/benefits", &r);
    }

    let id = revoked["id"].as_str().unwrap();
    let r = app.get(&format!("/api/v1/benefits/{id}"), &token).await;
    assert_eq!(r.status, 200);
    assert_documented("GET", "/api/v1/benefits/{id}", &r);
    let d = r.json();
    let history = d["benefit"]["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[2]["to"], "revoked");
    assert_eq!(d["can_activate"], false);
    assert_eq!(d["activation_blocker"]["code"], "revoked");

    let r = app.get("/api/v1/benefits/ben-does-not-exist", &token).await;
    r.assert_problem(404, "not_found");
    assert_documented("GET", "/api/v1/benefits/{id}", &r);
}

#[tokio::test]
async fn activation_rules_and_history() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let diego = app.sign_in(DIEGO).await;
    let testimonial_like =
        benefit_id(&app, &alex, "featured_category_placement", "off-analytics").await;
    let path = format!("/api/v1/benefits/{testimonial_like}/activation");

    // Read-only role.
    let r = app.call(Method::POST, &path, Some(&diego), None).await;
    r.assert_problem(403, "read_only_role");
    assert_documented("POST", "/api/v1/benefits/{id}/activation", &r);

    // Sales and marketing benefits need a marketing contact first.
    let r = app.call(Method::POST, &path, Some(&alex), None).await;
    r.assert_problem(422, "marketing_contact_required");
    assert_documented("POST", "/api/v1/benefits/{id}/activation", &r);
    let d = app
        .get(&format!("/api/v1/benefits/{testimonial_like}"), &alex)
        .await
        .json();
    assert_eq!(
        d["activation_blocker"]["code"],
        "marketing_contact_required"
    );

    // Locked (tier not reached).
    let locked = benefit_id(&app, &alex, "success_story", "off-analytics").await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/benefits/{locked}/activation"),
            Some(&alex),
            None,
        )
        .await;
    let v = r.assert_problem(409, "tier_not_reached");
    assert!(v["detail"].as_str().unwrap().contains("usd100k"));
    assert_documented("POST", "/api/v1/benefits/{id}/activation", &r);

    // Sponsorship arrives by email.
    let sponsorship =
        benefit_id(&app, &alex, "azure_sponsorship_deployment", "off-analytics").await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/benefits/{sponsorship}/activation"),
            Some(&alex),
            None,
        )
        .await;
    r.assert_problem(409, "activated_by_email");

    // Technical benefits need no contact: activate one and see the history.
    let technical = benefit_id(&app, &alex, "presales_deployment_advisory", "off-analytics").await;
    let tpath = format!("/api/v1/benefits/{technical}/activation");
    let r = app.call(Method::POST, &tpath, Some(&alex), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("POST", "/api/v1/benefits/{id}/activation", &r);
    let d = r.json();
    assert_eq!(d["benefit"]["status"], "activated");
    assert!(d["contact_due_by"].is_string());
    let last = d["benefit"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (
            last["from"].as_str(),
            last["to"].as_str(),
            last["actor"].as_str()
        ),
        (Some("available"), Some("activated"), Some("usr-alex"))
    );
    let r = app.call(Method::POST, &tpath, Some(&alex), None).await;
    r.assert_problem(409, "already_activated");

    // Assign a contact, then the marketing benefit activates.
    let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-adele", "adele@contoso.example")),
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = app.call(Method::POST, &path, Some(&alex), None).await;
    assert_eq!(r.status, 200, "{}", r.text());

    // Constraint markers: a BYOL offer cannot get a `+` benefit.
    let byol = benefit_id(
        &app,
        &alex,
        "featured_category_placement",
        "off-gateway-byol",
    )
    .await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/benefits/{byol}/activation"),
            Some(&alex),
            None,
        )
        .await;
    r.assert_problem(422, "constraint_not_met");

    // Expired.
    let r = app
        .get("/api/v1/benefits?status=expired", &alex)
        .await
        .json();
    let expired = r["benefits"][0]["benefit"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/benefits/{expired}/activation"),
            Some(&alex),
            None,
        )
        .await;
    r.assert_problem(409, "expired");

    // Unknown benefit.
    let r = app
        .call(
            Method::POST,
            "/api/v1/benefits/nope/activation",
            Some(&alex),
            None,
        )
        .await;
    r.assert_problem(404, "not_found");
}

#[tokio::test]
async fn other_company_ids_are_404() {
    let app = TestApp::new();
    app.add_other_company();
    let megan = app.sign_in(MEGAN).await;
    app.get("/api/v1/benefits/ben-other", &megan)
        .await
        .assert_problem(404, "not_found");
    app.call(
        Method::POST,
        "/api/v1/benefits/ben-other/activation",
        Some(&megan),
        None,
    )
    .await
    .assert_problem(404, "not_found");
    app.get("/api/v1/technical-requests/tr-other", &megan)
        .await
        .assert_problem(404, "not_found");
    let tag = app.etag("/api/v1/marketing-contacts", &megan).await;
    app.call_with(
        Method::PUT,
        "/api/v1/marketing-contacts/mc-other",
        Some(&megan),
        Some(contact("usr-alex", "alex@contoso.example")),
        &[("If-Match", &tag)],
    )
    .await
    .assert_problem(404, "not_found");
    app.call_with(
        Method::DELETE,
        "/api/v1/marketing-contacts/mc-other",
        Some(&megan),
        None,
        &[("If-Match", &tag)],
    )
    .await
    .assert_problem(404, "not_found");
    // Another company's user cannot be picked as a contact.
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&megan),
            Some(contact("usr-nina", "nina2@contoso.example")),
            &[("If-Match", &tag)],
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_eq!(v["errors"][0]["field"], "user_id");
    let list = app.get("/api/v1/benefits", &megan).await.json();
    assert!(list["benefits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["benefit"]["id"] != "ben-other"));
    let users = app.get("/api/v1/users", &megan).await;
    assert_documented("GET", "/api/v1/users", &users);
    let users = users.json();
    assert_eq!(users["users"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn marketing_contacts_versioning() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get("/api/v1/marketing-contacts", &alex).await;
    assert_documented("GET", "/api/v1/marketing-contacts", &r);
    assert_eq!(r.json()["contacts"], json!([]));
    let v1 = r.header("etag").unwrap().to_string();
    assert_eq!(v1, format!("\"{}\"", r.json()["version"]));

    // If-Match missing → 428; stale → 412.
    let r = app
        .call(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-alex", "alex@contoso.example")),
        )
        .await;
    r.assert_problem(428, "if_match_required");
    assert_documented("POST", "/api/v1/marketing-contacts", &r);
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-alex", "alex@contoso.example")),
            &[("If-Match", "\"999\"")],
        )
        .await;
    r.assert_problem(412, "version_mismatch");
    assert_documented("POST", "/api/v1/marketing-contacts", &r);

    // Validation: account email not allowed, phone needs a country code.
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(json!({"user_id": "usr-alex", "email": "PartnerCenter@contoso.example", "phone": "020 123", "preferred_language": "xx"})),
            &[("If-Match", &v1)],
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_documented("POST", "/api/v1/marketing-contacts", &r);
    let codes: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"email_same_as_account"), "{codes:?}");
    assert!(codes.contains(&"language_unsupported"), "{codes:?}");

    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-alex", "alex@contoso.example")),
            &[("If-Match", &v1)],
        )
        .await;
    assert_eq!(r.status, 201);
    assert_documented("POST", "/api/v1/marketing-contacts", &r);
    let v2 = r.header("etag").unwrap().to_string();
    assert_ne!(v1, v2);
    let first_id = r.json()["contacts"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["contacts"][0]["phone_e164"], "+31201234567");

    // The old version is now stale.
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-megan", "megan@contoso.example")),
            &[("If-Match", &v1)],
        )
        .await;
    r.assert_problem(412, "version_mismatch");

    // Replace.
    let r = app
        .call_with(
            Method::PUT,
            &format!("/api/v1/marketing-contacts/{first_id}"),
            Some(&alex),
            Some(contact("usr-megan", "megan@contoso.example")),
            &[("If-Match", &v2)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("PUT", "/api/v1/marketing-contacts/{id}", &r);
    let v3 = r.header("etag").unwrap().to_string();
    assert_eq!(r.json()["contacts"][0]["user_id"], "usr-megan");

    // Cannot remove the last contact.
    let r = app
        .call_with(
            Method::DELETE,
            &format!("/api/v1/marketing-contacts/{first_id}"),
            Some(&alex),
            None,
            &[("If-Match", &v3)],
        )
        .await;
    r.assert_problem(409, "last_contact_required");
    assert_documented("DELETE", "/api/v1/marketing-contacts/{id}", &r);

    // Up to three; a fourth is refused.
    let mut tag = v3;
    for (u, e) in [
        ("usr-alex", "alex@contoso.example"),
        ("usr-adele", "adele@contoso.example"),
    ] {
        let r = app
            .call_with(
                Method::POST,
                "/api/v1/marketing-contacts",
                Some(&alex),
                Some(contact(u, e)),
                &[("If-Match", &tag)],
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        tag = r.header("etag").unwrap().to_string();
    }
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-diego", "diego@contoso.example")),
            &[("If-Match", &tag)],
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert!(v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["code"] == "too_many_contacts"));

    // Remove one.
    let r = app
        .call_with(
            Method::DELETE,
            &format!("/api/v1/marketing-contacts/{first_id}"),
            Some(&alex),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("DELETE", "/api/v1/marketing-contacts/{id}", &r);
    assert_eq!(r.json()["contacts"].as_array().unwrap().len(), 2);

    // Read-only role.
    let diego = app.sign_in(DIEGO).await;
    let tag = app.etag("/api/v1/marketing-contacts", &diego).await;
    app.call_with(
        Method::POST,
        "/api/v1/marketing-contacts",
        Some(&diego),
        Some(contact("usr-diego", "diego@contoso.example")),
        &[("If-Match", &tag)],
    )
    .await
    .assert_problem(403, "read_only_role");
}

#[tokio::test]
async fn idempotent_replay_and_key_reuse() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
    let h = [("If-Match", tag.as_str()), ("Idempotency-Key", "contact-1")];
    let body = contact("usr-alex", "alex@contoso.example");
    let first = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(body.clone()),
            &h,
        )
        .await;
    assert_eq!(first.status, 201);
    assert!(first.header("idempotent-replayed").is_none());
    // Same key, same body (even with the now-stale If-Match): the first response again.
    let again = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(body.clone()),
            &h,
        )
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("etag"), first.header("etag"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM marketing_contacts"), 1);
    // Key order in the JSON does not matter.
    let reordered = json!({"preferred_language": "nl", "phone": "+31 20 123 4567", "email": "alex@contoso.example", "user_id": "usr-alex"});
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(reordered),
            &h,
        )
        .await;
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    // Same key, different body.
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-megan", "megan@contoso.example")),
            &h,
        )
        .await;
    r.assert_problem(422, "idempotency_key_reused");
    // Same key on another path is a different request too.
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/benefits/viewed",
            Some(&alex),
            None,
            &[("Idempotency-Key", "contact-1")],
        )
        .await;
    r.assert_problem(422, "idempotency_key_reused");
    // Keys are per user: another user may use the same key.
    let megan = app.sign_in(MEGAN).await;
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/benefits/viewed",
            Some(&megan),
            None,
            &[("Idempotency-Key", "contact-1")],
        )
        .await;
    assert_eq!(r.status, 200);
    // Failed requests are not recorded: the key can be reused after fixing.
    let tag2 = app.etag("/api/v1/marketing-contacts", &alex).await;
    let bad = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-adele", "bad")),
            &[("If-Match", &tag2), ("Idempotency-Key", "k2")],
        )
        .await;
    bad.assert_problem(422, "validation_failed");
    let bad2 = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact("usr-adele", "adele@contoso.example")),
            &[("If-Match", &tag2), ("Idempotency-Key", "k2")],
        )
        .await;
    assert_eq!(bad2.status, 201);
}

#[tokio::test]
async fn idempotency_key_required_and_validated() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/benefits/viewed")
        .header("authorization", format!("Bearer {alex}"))
        .body(Body::empty())
        .unwrap();
    app.send(req)
        .await
        .assert_problem(428, "idempotency_key_required");
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/benefits/viewed",
            Some(&alex),
            None,
            &[("Idempotency-Key", "has space")],
        )
        .await;
    r.assert_problem(400, "idempotency_key_invalid");
    let req = Request::builder()
        .method("DELETE")
        .uri("/api/v1/session")
        .header("authorization", format!("Bearer {alex}"))
        .body(Body::empty())
        .unwrap();
    app.send(req)
        .await
        .assert_problem(428, "idempotency_key_required");
}

#[tokio::test]
async fn malformed_requests_are_problems_not_500() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let send = |body: &'static [u8], ct: Option<&'static str>| {
        let mut b = Request::builder()
            .method("POST")
            .uri("/api/v1/technical-requests")
            .header("authorization", format!("Bearer {alex}"))
            .header("Idempotency-Key", new_key());
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        b.body(Body::from(body)).unwrap()
    };
    let r = app.send(send(b"{not json", Some("application/json"))).await;
    r.assert_problem(400, "malformed_json");
    assert_documented("POST", "/api/v1/technical-requests", &r);
    let r = app.send(send(br#"{"phase": "design"}"#, None)).await;
    r.assert_problem(415, "unsupported_media_type");
    assert_documented("POST", "/api/v1/technical-requests", &r);
    let r = app
        .send(send(br#"{"phase": "design"}"#, Some("text/plain")))
        .await;
    r.assert_problem(415, "unsupported_media_type");
    // Wrong type.
    let mut body = technical_request();
    body["title"] = json!(42);
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&alex),
            Some(body),
        )
        .await;
    let v = r.assert_problem(400, "invalid_body");
    assert_eq!(
        v["errors"][0],
        json!({"field": "title", "code": "value_not_allowed"})
    );
    // Missing field.
    let mut body = technical_request();
    body.as_object_mut().unwrap().remove("phone");
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&alex),
            Some(body),
        )
        .await;
    let v = r.assert_problem(400, "invalid_body");
    assert_eq!(
        v["errors"][0],
        json!({"field": "phone", "code": "required"})
    );
    // Unknown enum value.
    let mut body = technical_request();
    body["phase"] = json!("maintenance");
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&alex),
            Some(body),
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_eq!(
        v["errors"][0],
        json!({"field": "phase", "code": "value_not_allowed"})
    );
    // Array of wrong element type.
    let mut body = technical_request();
    body["products"] = json!([1, 2]);
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&alex),
            Some(body),
        )
        .await;
    let v = r.assert_problem(400, "invalid_body");
    assert_eq!(v["errors"][0]["field"], "products[0]");
    // Oversized.
    let big = format!("{{\"title\": \"{}\"}}", "x".repeat(70 * 1024));
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/technical-requests")
        .header("authorization", format!("Bearer {alex}"))
        .header("Idempotency-Key", new_key())
        .header("content-type", "application/json")
        .body(Body::from(big))
        .unwrap();
    let r = app.send(req).await;
    r.assert_problem(413, "body_too_large");
    assert_documented("POST", "/api/v1/technical-requests", &r);
    // Unknown API path and method.
    app.get("/api/v1/nothing-here", &alex)
        .await
        .assert_problem(404, "not_found");
    app.call(Method::POST, "/api/nothing", Some(&alex), Some(json!({})))
        .await
        .assert_problem(404, "not_found");
    app.call(Method::PATCH, "/api/v1/me", Some(&alex), Some(json!({})))
        .await
        .assert_problem(405, "method_not_allowed");
    // Invalid percent-encoding in a path parameter.
    app.get("/api/v1/benefits/%FF", &alex)
        .await
        .assert_problem(400, "invalid_path");
}

#[tokio::test]
async fn technical_requests_lifecycle() {
    let app = TestApp::new();
    let adele = app.sign_in(ADELE).await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&adele),
            Some(technical_request()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_documented("POST", "/api/v1/technical-requests", &r);
    let v = r.json();
    let case = v["request"]["case_number"].as_str().unwrap();
    assert!(
        case.starts_with("TR-") && case.ends_with("-000123"),
        "{case}"
    );
    assert_eq!(v["request"]["status"], "submitted");
    assert_eq!(v["request"]["phone_e164"], "+442079460000");
    let id = v["request"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/technical-requests/{id}").as_str())
    );
    let r2 = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&adele),
            Some(technical_request()),
        )
        .await;
    assert!(r2.json()["request"]["case_number"]
        .as_str()
        .unwrap()
        .ends_with("-000124"));

    let r = app.get("/api/v1/technical-requests", &adele).await;
    assert_documented("GET", "/api/v1/technical-requests", &r);
    assert_eq!(r.json()["requests"].as_array().unwrap().len(), 2);
    let r = app
        .get(&format!("/api/v1/technical-requests/{id}"), &adele)
        .await;
    assert_eq!(r.status, 200);
    assert_documented("GET", "/api/v1/technical-requests/{id}", &r);
    let r = app
        .get("/api/v1/technical-requests/tr-missing", &adele)
        .await;
    r.assert_problem(404, "not_found");
    assert_documented("GET", "/api/v1/technical-requests/{id}", &r);

    let mut bad = technical_request();
    bad["country_region"] = json!("XX");
    bad["time_zone"] = json!("Mars/Olympus");
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&adele),
            Some(bad),
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_eq!(v["errors"].as_array().unwrap().len(), 2);
    assert_documented("POST", "/api/v1/technical-requests", &r);

    let diego = app.sign_in(DIEGO).await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&diego),
            Some(technical_request()),
        )
        .await;
    r.assert_problem(403, "read_only_role");
    assert_documented("POST", "/api/v1/technical-requests", &r);
    // Diego can still read.
    assert_eq!(
        app.get("/api/v1/technical-requests", &diego).await.status,
        200
    );
}

#[tokio::test]
async fn hidden_programme_and_tenant_association() {
    let app = TestApp::new();
    let lee = app.sign_in(LEE).await;
    let me = app.get("/api/v1/me", &lee).await.json();
    assert_eq!(me["programme_visible"], false);
    assert_eq!(me["tenant"], "fabrikam.onmicrosoft.com");
    assert_eq!(me["can_manage_rewards"], true);
    for path in [
        "/api/v1/rewards/overview",
        "/api/v1/benefits",
        "/api/v1/marketing-contacts",
        "/api/v1/technical-requests",
    ] {
        let r = app.get(path, &lee).await;
        r.assert_problem(403, "programme_hidden");
    }
    let r = app.get("/api/v1/rewards/overview", &lee).await;
    assert_documented("GET", "/api/v1/rewards/overview", &r);
    // Lee cannot manage tenants.
    let r = app
        .call(Method::POST, "/api/v1/tenants/associations", Some(&lee), Some(json!({"domain": "fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": FABRIKAM_PASSWORD})))
        .await;
    r.assert_problem(403, "tenant_admin_required");

    let megan = app.sign_in(MEGAN).await;
    let r = app.get("/api/v1/tenants", &megan).await;
    assert_documented("GET", "/api/v1/tenants", &r);
    let v = r.json();
    assert_eq!(v["tenants"].as_array().unwrap().len(), 1);
    assert_eq!(v["tenants"][0]["is_home"], true);
    let tag = r.header("etag").unwrap().to_string();

    let body = json!({"domain": "Fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": FABRIKAM_PASSWORD});
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body.clone()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_documented("POST", "/api/v1/tenants/associations", &r);
    let pending = r.json();
    assert_eq!(pending["organisation"], "Fabrikam, Inc.");
    assert_eq!(pending["domain"], "fabrikam.onmicrosoft.com");
    assert!(!r.text().contains(FABRIKAM_PASSWORD));
    let confirm = format!(
        "/api/v1/tenants/associations/{}/confirm",
        pending["association_id"].as_str().unwrap()
    );

    app.call(Method::POST, &confirm, Some(&megan), None)
        .await
        .assert_problem(428, "if_match_required");
    let r = app
        .call_with(
            Method::POST,
            &confirm,
            Some(&megan),
            None,
            &[("If-Match", "\"41\"")],
        )
        .await;
    r.assert_problem(412, "version_mismatch");
    assert_documented(
        "POST",
        "/api/v1/tenants/associations/{association_id}/confirm",
        &r,
    );
    let r = app
        .call_with(
            Method::POST,
            &confirm,
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented(
        "POST",
        "/api/v1/tenants/associations/{association_id}/confirm",
        &r,
    );
    assert_eq!(r.json()["tenants"].as_array().unwrap().len(), 2);
    let tag = r.header("etag").unwrap().to_string();
    let r = app
        .call_with(
            Method::POST,
            &confirm,
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    r.assert_problem(404, "not_found");
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body),
        )
        .await;
    r.assert_problem(409, "tenant_already_associated");

    // Lee now sees the programme (computed on each request).
    let me = app.get("/api/v1/me", &lee).await.json();
    assert_eq!(me["programme_visible"], true);
    assert_eq!(app.get("/api/v1/rewards/overview", &lee).await.status, 200);

    // Removal rules.
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/contoso.onmicrosoft.com",
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    r.assert_problem(409, "tenant_is_signed_in");
    assert_documented("DELETE", "/api/v1/tenants/{domain}", &r);
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/unknown.onmicrosoft.com",
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    r.assert_problem(404, "not_found");
    // Lee cannot manage tenants at all; give Lee Account admin to test "signed in with".
    app.sql("UPDATE users SET roles = '[\"account_admin\"]' WHERE id = 'usr-lee'");
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/fabrikam.onmicrosoft.com",
            Some(&lee),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    r.assert_problem(409, "tenant_is_signed_in");
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/contoso.onmicrosoft.com",
            Some(&lee),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    r.assert_problem(409, "home_tenant_not_removable");
    app.call(
        Method::DELETE,
        "/api/v1/tenants/fabrikam.onmicrosoft.com",
        Some(&megan),
        None,
    )
    .await
    .assert_problem(428, "if_match_required");
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/fabrikam.onmicrosoft.com",
            Some(&megan),
            None,
            &[("If-Match", "\"1\"")],
        )
        .await;
    r.assert_problem(412, "version_mismatch");
    let r = app
        .call_with(
            Method::DELETE,
            "/api/v1/tenants/fabrikam.onmicrosoft.com",
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("DELETE", "/api/v1/tenants/{domain}", &r);
    assert_eq!(r.json()["tenants"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/api/v1/me", &lee).await.json()["programme_visible"],
        false
    );

    // Developers cannot manage tenants.
    let diego = app.sign_in(DIEGO).await;
    app.call_with(
        Method::DELETE,
        "/api/v1/tenants/fabrikam.onmicrosoft.com",
        Some(&diego),
        None,
        &[("If-Match", &tag)],
    )
    .await
    .assert_problem(403, "tenant_admin_required");
}

#[tokio::test]
async fn tenant_credentials_are_rate_limited() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let wrong = json!({"domain": "fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": "Wrong-Password-1"});
    for _ in 0..5 {
        let r = app
            .call(
                Method::POST,
                "/api/v1/tenants/associations",
                Some(&megan),
                Some(wrong.clone()),
            )
            .await;
        r.assert_problem(422, "tenant_credentials_invalid");
        assert_documented("POST", "/api/v1/tenants/associations", &r);
    }
    let right = json!({"domain": "fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": FABRIKAM_PASSWORD});
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(right.clone()),
        )
        .await;
    r.assert_problem(429, "too_many_attempts");
    assert_documented("POST", "/api/v1/tenants/associations", &r);
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 900);
    // Another tenant (and an unknown one) is counted separately.
    let r = app
        .call(Method::POST, "/api/v1/tenants/associations", Some(&megan), Some(json!({"domain": "unknown.onmicrosoft.com", "username": "a@unknown.onmicrosoft.com", "password": "x"})))
        .await;
    r.assert_problem(422, "tenant_credentials_invalid");
    // After the window the right password works.
    app.sql("UPDATE attempt_counters SET first_at = first_at - 3600, last_at = last_at - 3600");
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(right),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // Validation of the form.
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(json!({"domain": "not a domain", "username": "", "password": ""})),
        )
        .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_eq!(v["errors"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn session_cookie_authenticates_and_sign_out_clears_it() {
    let app = TestApp::new();
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": "megan@contoso.example", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let set_cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("rewards_session="), "{set_cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1"] {
        assert!(
            set_cookie.contains(attribute),
            "{set_cookie} lacks {attribute}"
        );
    }
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let with_cookie = |method: Method, path: &str| {
        let mut b = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::COOKIE, cookie.clone());
        if method != Method::GET {
            b = b.header("Idempotency-Key", new_key());
        }
        b.body(Body::empty()).unwrap()
    };
    let status = app.send(with_cookie(Method::GET, "/api/v1/session")).await;
    assert_eq!(status.status, StatusCode::OK);
    assert_eq!(status.json()["signed_in"], true);
    assert_eq!(
        status.json()["me"]["company"]["name"],
        "Contoso Software Ltd"
    );
    let me = app.send(with_cookie(Method::GET, "/api/v1/me")).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    assert_eq!(me.json()["user"]["email"], "megan@contoso.example");

    let out = app
        .send(with_cookie(Method::DELETE, "/api/v1/session"))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = app.send(with_cookie(Method::GET, "/api/v1/me")).await;
    assert_eq!(
        after.status,
        StatusCode::UNAUTHORIZED,
        "revoked cookie session"
    );
    let status = app.send(with_cookie(Method::GET, "/api/v1/session")).await;
    assert_eq!(status.status, StatusCode::OK, "signed out is not an error");
    assert_eq!(status.json()["signed_in"], false);
    assert!(status.json()["me"].is_null());
}

#[tokio::test]
async fn managers_named_to_read_only_users_can_see_the_programme() {
    let app = TestApp::new();
    let diego = app.sign_in("diego@contoso.example").await;
    let me = app.get("/api/v1/me", &diego).await.json();
    let managers: Vec<&str> = me["reward_managers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(managers, ["Adele Vance", "Alex Wilber", "Megan Bowen"]);
    assert_eq!(me["tenant_managers"], json!(["Megan Bowen"]));
}
