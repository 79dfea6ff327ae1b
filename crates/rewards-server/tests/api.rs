//! Integration tests of every /api/v1 route over a real SQLite file.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::*;
use serde_json::{json, Value};

const CONTACTS: &str = "/api/v1/marketing-contacts";
const REQUESTS: &str = "/api/v1/technical-requests";
const ASSOCIATIONS: &str = "/api/v1/tenants/associations";

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

/// The tenant-association form body.
fn tenant_form(domain: &str, username: &str, password: &str) -> Value {
    json!({"domain": domain, "username": username, "password": password})
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

/// POST /api/v1/benefits/{id}/activation as `token`.
async fn activate(app: &TestApp, token: &str, id: &str) -> Resp {
    app.post(&format!("/api/v1/benefits/{id}/activation"), token, None)
        .await
}

/// Adds a marketing contact against collection version `version`.
async fn add_contact(app: &TestApp, token: &str, body: Value, version: &str) -> Resp {
    app.if_match(Method::POST, CONTACTS, token, Some(body), version)
        .await
}

/// `method /api/v1/marketing-contacts/{id}` against collection version `version`.
async fn on_contact(
    app: &TestApp,
    method: Method,
    id: &str,
    token: &str,
    body: Option<Value>,
    version: &str,
) -> Resp {
    app.if_match(method, &format!("{CONTACTS}/{id}"), token, body, version)
        .await
}

/// DELETE /api/v1/tenants/{domain} against collection version `version`.
async fn remove_tenant(app: &TestApp, token: &str, domain: &str, version: &str) -> Resp {
    app.if_match(
        Method::DELETE,
        &format!("/api/v1/tenants/{domain}"),
        token,
        None,
        version,
    )
    .await
}

/// Asserts the status (showing the body when it differs) and that the
/// response matches the OpenAPI document for `method template`.
#[track_caller]
fn assert_status_documented(r: &Resp, status: u16, method: &str, template: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert_documented(method, template, r);
}

/// [`Resp::assert_problem`] plus [`assert_documented`].
#[track_caller]
fn assert_problem_documented(
    r: &Resp,
    status: u16,
    code: &str,
    method: &str,
    template: &str,
) -> Value {
    let v = r.assert_problem(status, code);
    assert_documented(method, template, r);
    v
}

/// The strings of a JSON array (e.g. a list of names).
fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// `key` of every entry of a JSON array (e.g. the `field` of each error).
fn each<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e[key].as_str().unwrap())
        .collect()
}

/// The length of a JSON array.
fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[tokio::test]
async fn health_and_openapi() {
    let app = TestApp::new();
    let r = app.call(Method::GET, "/api/v1/health", None, None).await;
    assert_status_documented(&r, 200, "GET", "/api/v1/health");
    assert_eq!(r.json()["status"], "ok");
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
        .sign_in_with(json!({"email": MEGAN, "password": PASSWORD}))
        .await;
    assert_status_documented(&r, 201, "POST", "/api/v1/session");
    let token = r.json()["token"].as_str().unwrap().to_string();
    // Only the hash of the token is stored.
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'"
        )),
        0
    );

    let r = app.get("/api/v1/me", &token).await;
    assert_status_documented(&r, 200, "GET", "/api/v1/me");
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
    let managers = strings(&me["reward_managers"]);
    assert!(managers.contains(&"Alex Wilber") && managers.contains(&"Adele Vance"));
    assert!(!managers.contains(&"Diego Siciliani"));
    assert_eq!(me["tenant_managers"], json!(["Megan Bowen"]));

    let r = app
        .call(Method::DELETE, "/api/v1/session", Some(&token), None)
        .await;
    assert_status_documented(&r, 204, "DELETE", "/api/v1/session");
    let r = app.get("/api/v1/me", &token).await;
    r.assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn sign_in_failures() {
    let app = TestApp::new();
    let r = app
        .sign_in_with(json!({"email": MEGAN, "password": "wrong"}))
        .await;
    assert_problem_documented(&r, 401, "invalid_credentials", "POST", "/api/v1/session");
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    app.sign_in_with(json!({"email": "nobody@contoso.example", "password": "x"}))
        .await
        .assert_problem(401, "invalid_credentials");
    let r = app
        .sign_in_with(json!({"email": "not-an-email", "password": ""}))
        .await;
    let v = assert_problem_documented(&r, 422, "validation_failed", "POST", "/api/v1/session");
    let fields = each(&v["errors"], "field");
    assert!(fields.contains(&"email") && fields.contains(&"password"));
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
    assert_status_documented(&r, 200, "GET", "/api/v1/rewards/overview");
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
        let r = app.post("/api/v1/benefits/viewed", &token, None).await;
        assert_status_documented(&r, 200, "POST", "/api/v1/benefits/viewed");
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
    assert_status_documented(&r, 200, "GET", "/api/v1/benefits");
    let all = len(&r.json()["benefits"]);
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
        let v = assert_problem_documented(&r, 400, "invalid_query", "GET", "/api/v1/benefits");
        assert_eq!(v["errors"][0]["code"], "value_not_allowed");
    }

    let id = revoked["id"].as_str().unwrap();
    let r = app.get(&format!("/api/v1/benefits/{id}"), &token).await;
    assert_status_documented(&r, 200, "GET", "/api/v1/benefits/{id}");
    let d = r.json();
    let history = d["benefit"]["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[2]["to"], "revoked");
    assert_eq!(d["can_activate"], false);
    assert_eq!(d["activation_blocker"]["code"], "revoked");

    let r = app.get("/api/v1/benefits/ben-does-not-exist", &token).await;
    assert_problem_documented(&r, 404, "not_found", "GET", "/api/v1/benefits/{id}");
}

#[tokio::test]
async fn activation_rules_and_history() {
    const ACTIVATION: &str = "/api/v1/benefits/{id}/activation";
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let diego = app.sign_in(DIEGO).await;
    let testimonial_like =
        benefit_id(&app, &alex, "featured_category_placement", "off-analytics").await;

    // Read-only role.
    let r = activate(&app, &diego, &testimonial_like).await;
    assert_problem_documented(&r, 403, "read_only_role", "POST", ACTIVATION);

    // Sales and marketing benefits need a marketing contact first.
    let r = activate(&app, &alex, &testimonial_like).await;
    assert_problem_documented(&r, 422, "marketing_contact_required", "POST", ACTIVATION);
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
    let r = activate(&app, &alex, &locked).await;
    let v = assert_problem_documented(&r, 409, "tier_not_reached", "POST", ACTIVATION);
    assert!(v["detail"].as_str().unwrap().contains("usd100k"));

    // Sponsorship arrives by email.
    let sponsorship =
        benefit_id(&app, &alex, "azure_sponsorship_deployment", "off-analytics").await;
    activate(&app, &alex, &sponsorship)
        .await
        .assert_problem(409, "activated_by_email");

    // Technical benefits need no contact: activate one and see the history.
    let technical = benefit_id(&app, &alex, "presales_deployment_advisory", "off-analytics").await;
    let r = activate(&app, &alex, &technical).await;
    assert_status_documented(&r, 200, "POST", ACTIVATION);
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
    activate(&app, &alex, &technical)
        .await
        .assert_problem(409, "already_activated");

    // Assign a contact, then the marketing benefit activates.
    let tag = app.etag(CONTACTS, &alex).await;
    let r = add_contact(
        &app,
        &alex,
        contact("usr-adele", "adele@contoso.example"),
        &tag,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = activate(&app, &alex, &testimonial_like).await;
    assert_eq!(r.status, 200, "{}", r.text());

    // Constraint markers: a BYOL offer cannot get a `+` benefit.
    let byol = benefit_id(
        &app,
        &alex,
        "featured_category_placement",
        "off-gateway-byol",
    )
    .await;
    activate(&app, &alex, &byol)
        .await
        .assert_problem(422, "constraint_not_met");

    // Expired.
    let r = app
        .get("/api/v1/benefits?status=expired", &alex)
        .await
        .json();
    let expired = r["benefits"][0]["benefit"]["id"].as_str().unwrap();
    activate(&app, &alex, expired)
        .await
        .assert_problem(409, "expired");

    // Unknown benefit.
    activate(&app, &alex, "nope")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn other_company_ids_are_404() {
    let app = TestApp::new();
    app.add_other_company();
    let megan = app.sign_in(MEGAN).await;
    app.get("/api/v1/benefits/ben-other", &megan)
        .await
        .assert_problem(404, "not_found");
    activate(&app, &megan, "ben-other")
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/technical-requests/tr-other", &megan)
        .await
        .assert_problem(404, "not_found");
    let tag = app.etag(CONTACTS, &megan).await;
    let alex_contact = contact("usr-alex", "alex@contoso.example");
    on_contact(
        &app,
        Method::PUT,
        "mc-other",
        &megan,
        Some(alex_contact),
        &tag,
    )
    .await
    .assert_problem(404, "not_found");
    on_contact(&app, Method::DELETE, "mc-other", &megan, None, &tag)
        .await
        .assert_problem(404, "not_found");
    // Another company's user cannot be picked as a contact.
    let r = add_contact(
        &app,
        &megan,
        contact("usr-nina", "nina2@contoso.example"),
        &tag,
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
    // Contoso's four users of the home tenant (Lee and Patti's Fabrikam is not associated).
    assert_eq!(len(&users.json()["users"]), 4);
}

#[tokio::test]
async fn marketing_contacts_versioning() {
    const ONE: &str = "/api/v1/marketing-contacts/{id}";
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get(CONTACTS, &alex).await;
    assert_documented("GET", CONTACTS, &r);
    assert_eq!(r.json()["contacts"], json!([]));
    let v1 = r.header("etag").unwrap().to_string();
    assert_eq!(v1, format!("\"{}\"", r.json()["version"]));

    // If-Match missing → 428; stale → 412.
    let r = app
        .post(
            CONTACTS,
            &alex,
            Some(contact("usr-alex", "alex@contoso.example")),
        )
        .await;
    assert_problem_documented(&r, 428, "if_match_required", "POST", CONTACTS);
    let r = add_contact(
        &app,
        &alex,
        contact("usr-alex", "alex@contoso.example"),
        "\"999\"",
    )
    .await;
    assert_problem_documented(&r, 412, "version_mismatch", "POST", CONTACTS);

    // Validation: account email not allowed, phone needs a country code.
    let r = add_contact(
        &app,
        &alex,
        json!({"user_id": "usr-alex", "email": "PartnerCenter@contoso.example", "phone": "020 123", "preferred_language": "xx"}),
        &v1,
    )
    .await;
    let v = assert_problem_documented(&r, 422, "validation_failed", "POST", CONTACTS);
    let codes = each(&v["errors"], "code");
    assert!(codes.contains(&"email_same_as_account"), "{codes:?}");
    assert!(codes.contains(&"language_unsupported"), "{codes:?}");

    let r = add_contact(
        &app,
        &alex,
        contact("usr-alex", "alex@contoso.example"),
        &v1,
    )
    .await;
    assert_status_documented(&r, 201, "POST", CONTACTS);
    let v2 = r.header("etag").unwrap().to_string();
    assert_ne!(v1, v2);
    let first_id = r.json()["contacts"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["contacts"][0]["phone_e164"], "+31201234567");

    // The old version is now stale.
    add_contact(
        &app,
        &alex,
        contact("usr-megan", "megan@contoso.example"),
        &v1,
    )
    .await
    .assert_problem(412, "version_mismatch");

    // Replace.
    let megan_contact = contact("usr-megan", "megan@contoso.example");
    let r = on_contact(
        &app,
        Method::PUT,
        &first_id,
        &alex,
        Some(megan_contact),
        &v2,
    )
    .await;
    assert_status_documented(&r, 200, "PUT", ONE);
    let v3 = r.header("etag").unwrap().to_string();
    assert_eq!(r.json()["contacts"][0]["user_id"], "usr-megan");

    // Cannot remove the last contact.
    let r = on_contact(&app, Method::DELETE, &first_id, &alex, None, &v3).await;
    assert_problem_documented(&r, 409, "last_contact_required", "DELETE", ONE);

    // Up to three; a fourth is refused.
    let mut tag = v3;
    for (u, e) in [
        ("usr-alex", "alex@contoso.example"),
        ("usr-adele", "adele@contoso.example"),
    ] {
        let r = add_contact(&app, &alex, contact(u, e), &tag).await;
        assert_eq!(r.status, 201, "{}", r.text());
        tag = r.header("etag").unwrap().to_string();
    }
    let r = add_contact(
        &app,
        &alex,
        contact("usr-diego", "diego@contoso.example"),
        &tag,
    )
    .await;
    let v = r.assert_problem(422, "validation_failed");
    assert!(each(&v["errors"], "code").contains(&"too_many_contacts"));

    // Remove one.
    let r = on_contact(&app, Method::DELETE, &first_id, &alex, None, &tag).await;
    assert_status_documented(&r, 200, "DELETE", ONE);
    assert_eq!(len(&r.json()["contacts"]), 2);

    // Read-only role.
    let diego = app.sign_in(DIEGO).await;
    let tag = app.etag(CONTACTS, &diego).await;
    add_contact(
        &app,
        &diego,
        contact("usr-diego", "diego@contoso.example"),
        &tag,
    )
    .await
    .assert_problem(403, "read_only_role");
}

#[tokio::test]
async fn the_last_contact_goes_only_when_no_activated_sales_and_marketing_benefit_needs_it() {
    const ONE: &str = "/api/v1/marketing-contacts/{id}";
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let tag = app.etag(CONTACTS, &alex).await;
    let r = add_contact(
        &app,
        &alex,
        contact("usr-adele", "adele@contoso.example"),
        &tag,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["contacts"][0]["id"].as_str().unwrap().to_string();
    let tag = r.header("etag").unwrap().to_string();
    let activated = "SELECT COUNT(*) FROM benefits WHERE company_id = 'co-contoso' \
                     AND category = 'sales_marketing' AND status IN ('activated', 'in_progress')";
    assert!(
        app.sql_count(activated) > 0,
        "the demo data has activated benefits"
    );

    // Refused while the demo's activated (and in-progress) benefits need the contact.
    let r = on_contact(&app, Method::DELETE, &id, &alex, None, &tag).await;
    let v = assert_problem_documented(&r, 409, "last_contact_required", "DELETE", ONE);
    assert!(v["detail"]
        .as_str()
        .unwrap()
        .contains("Assign another contact first"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM marketing_contacts"), 1);

    // An in-progress one alone still needs it.
    app.sql("UPDATE benefits SET status = 'available' WHERE status = 'activated'");
    assert!(app.sql_count(activated) > 0);
    let r = on_contact(&app, Method::DELETE, &id, &alex, None, &tag).await;
    r.assert_problem(409, "last_contact_required");

    // A technical benefit in progress does not; completed ones neither.
    app.sql("UPDATE benefits SET status = 'completed' WHERE status = 'in_progress' AND category = 'sales_marketing'");
    app.sql("UPDATE benefits SET status = 'in_progress' WHERE id = (SELECT id FROM benefits WHERE category = 'technical' LIMIT 1)");
    assert_eq!(app.sql_count(activated), 0);
    let r = on_contact(&app, Method::DELETE, &id, &alex, None, &tag).await;
    assert_status_documented(&r, 200, "DELETE", ONE);
    assert_eq!(r.json()["contacts"], json!([]));
    assert_ne!(r.header("etag").unwrap(), tag);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM marketing_contacts"), 0);
}

/// POST /api/v1/marketing-contacts with exactly these extra headers.
async fn post_contact(app: &TestApp, token: &str, body: Value, headers: &[(&str, &str)]) -> Resp {
    app.call_with(Method::POST, CONTACTS, Some(token), Some(body), headers)
        .await
}

/// POST /api/v1/benefits/viewed with this Idempotency-Key.
async fn viewed_with_key(app: &TestApp, token: &str, key: &str) -> Resp {
    app.call_with(
        Method::POST,
        "/api/v1/benefits/viewed",
        Some(token),
        None,
        &[("Idempotency-Key", key)],
    )
    .await
}

#[tokio::test]
async fn idempotent_replay_and_key_reuse() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let tag = app.etag(CONTACTS, &alex).await;
    let h = [("If-Match", tag.as_str()), ("Idempotency-Key", "contact-1")];
    let body = contact("usr-alex", "alex@contoso.example");
    let first = post_contact(&app, &alex, body.clone(), &h).await;
    assert_eq!(first.status, 201);
    assert!(first.header("idempotent-replayed").is_none());
    // Same key, same body (even with the now-stale If-Match): the first response again.
    let again = post_contact(&app, &alex, body.clone(), &h).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("etag"), first.header("etag"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM marketing_contacts"), 1);
    // Key order in the JSON does not matter.
    let reordered = json!({"preferred_language": "nl", "phone": "+31 20 123 4567", "email": "alex@contoso.example", "user_id": "usr-alex"});
    let r = post_contact(&app, &alex, reordered, &h).await;
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    // Same key, different body.
    post_contact(
        &app,
        &alex,
        contact("usr-megan", "megan@contoso.example"),
        &h,
    )
    .await
    .assert_problem(422, "idempotency_key_reused");
    // Same key on another path is a different request too.
    viewed_with_key(&app, &alex, "contact-1")
        .await
        .assert_problem(422, "idempotency_key_reused");
    // Keys are per user: another user may use the same key.
    let megan = app.sign_in(MEGAN).await;
    let r = viewed_with_key(&app, &megan, "contact-1").await;
    assert_eq!(r.status, 200);
    // Failed requests are not recorded: the key can be reused after fixing.
    let tag2 = app.etag(CONTACTS, &alex).await;
    let h2 = [("If-Match", tag2.as_str()), ("Idempotency-Key", "k2")];
    post_contact(&app, &alex, contact("usr-adele", "bad"), &h2)
        .await
        .assert_problem(422, "validation_failed");
    let bad2 = post_contact(
        &app,
        &alex,
        contact("usr-adele", "adele@contoso.example"),
        &h2,
    )
    .await;
    assert_eq!(bad2.status, 201);
}

/// A request as `token` without an Idempotency-Key.
fn without_key(method: &str, uri: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn idempotency_key_required_and_validated() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    app.send(without_key("POST", "/api/v1/benefits/viewed", &alex))
        .await
        .assert_problem(428, "idempotency_key_required");
    app.call_with(
        Method::POST,
        "/api/v1/benefits/viewed",
        Some(&alex),
        None,
        &[("Idempotency-Key", "has space")],
    )
    .await
    .assert_problem(400, "idempotency_key_invalid");
    app.send(without_key("DELETE", "/api/v1/session", &alex))
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
            .uri(REQUESTS)
            .header("authorization", format!("Bearer {alex}"))
            .header("Idempotency-Key", new_key());
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        b.body(Body::from(body)).unwrap()
    };
    let r = app.send(send(b"{not json", Some("application/json"))).await;
    assert_problem_documented(&r, 400, "malformed_json", "POST", REQUESTS);
    let r = app.send(send(br#"{"phase": "design"}"#, None)).await;
    assert_problem_documented(&r, 415, "unsupported_media_type", "POST", REQUESTS);
    let r = app
        .send(send(br#"{"phase": "design"}"#, Some("text/plain")))
        .await;
    r.assert_problem(415, "unsupported_media_type");
    // Each broken body, the problem it gets and its first field error.
    let broken = |change: fn(&mut Value)| {
        let mut body = technical_request();
        change(&mut body);
        app.post(REQUESTS, &alex, Some(body))
    };
    // Wrong type.
    let v = broken(|b| b["title"] = json!(42))
        .await
        .assert_problem(400, "invalid_body");
    assert_eq!(
        v["errors"][0],
        json!({"field": "title", "code": "value_not_allowed"})
    );
    // Missing field.
    let v = broken(|b| {
        b.as_object_mut().unwrap().remove("phone");
    })
    .await
    .assert_problem(400, "invalid_body");
    assert_eq!(
        v["errors"][0],
        json!({"field": "phone", "code": "required"})
    );
    // Unknown enum value.
    let v = broken(|b| b["phase"] = json!("maintenance"))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(
        v["errors"][0],
        json!({"field": "phase", "code": "value_not_allowed"})
    );
    // Array of wrong element type.
    let v = broken(|b| b["products"] = json!([1, 2]))
        .await
        .assert_problem(400, "invalid_body");
    assert_eq!(v["errors"][0]["field"], "products[0]");
    // Oversized.
    let big = format!("{{\"title\": \"{}\"}}", "x".repeat(70 * 1024));
    let req = Request::builder()
        .method("POST")
        .uri(REQUESTS)
        .header("authorization", format!("Bearer {alex}"))
        .header("Idempotency-Key", new_key())
        .header("content-type", "application/json")
        .body(Body::from(big))
        .unwrap();
    let r = app.send(req).await;
    assert_problem_documented(&r, 413, "body_too_large", "POST", REQUESTS);
    // Unknown API path and method.
    app.get("/api/v1/nothing-here", &alex)
        .await
        .assert_problem(404, "not_found");
    app.post("/api/nothing", &alex, Some(json!({})))
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
    const ONE: &str = "/api/v1/technical-requests/{id}";
    let app = TestApp::new();
    let adele = app.sign_in(ADELE).await;
    let r = app.post(REQUESTS, &adele, Some(technical_request())).await;
    assert_status_documented(&r, 201, "POST", REQUESTS);
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
    let r2 = app.post(REQUESTS, &adele, Some(technical_request())).await;
    assert!(r2.json()["request"]["case_number"]
        .as_str()
        .unwrap()
        .ends_with("-000124"));

    let r = app.get(REQUESTS, &adele).await;
    assert_documented("GET", REQUESTS, &r);
    // Newest first: the two new ones before the demo cases (numbered below 123).
    let listed = r.json();
    let numbers: Vec<&str> = listed["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["case_number"].as_str().unwrap())
        .collect();
    assert!(numbers[0].ends_with("-000124") && numbers[1].ends_with("-000123"));
    assert!(numbers[2..].iter().all(|n| n[n.len() - 6..] < *"000123"));
    let r = app.get(&format!("{REQUESTS}/{id}"), &adele).await;
    assert_status_documented(&r, 200, "GET", ONE);
    let r = app
        .get("/api/v1/technical-requests/tr-missing", &adele)
        .await;
    assert_problem_documented(&r, 404, "not_found", "GET", ONE);

    let mut bad = technical_request();
    bad["country_region"] = json!("XX");
    bad["time_zone"] = json!("Mars/Olympus");
    let r = app.post(REQUESTS, &adele, Some(bad)).await;
    let v = assert_problem_documented(&r, 422, "validation_failed", "POST", REQUESTS);
    assert_eq!(len(&v["errors"]), 2);

    let diego = app.sign_in(DIEGO).await;
    let r = app.post(REQUESTS, &diego, Some(technical_request())).await;
    assert_problem_documented(&r, 403, "read_only_role", "POST", REQUESTS);
    // Diego can still read.
    assert_eq!(app.get(REQUESTS, &diego).await.status, 200);
}

#[tokio::test]
async fn tenants_are_managed_only_when_signed_in_through_an_associated_tenant() {
    const CONFIRM: &str = "/api/v1/tenants/associations/{association_id}/confirm";
    const ONE: &str = "/api/v1/tenants/{domain}";
    const CODE: &str = "associated_tenant_sign_in_required";
    let app = TestApp::new();
    // Patti is a Global admin, but signs in through Fabrikam, which is not associated.
    let patti = app.sign_in(PATTI).await;
    let me = app.get("/api/v1/me", &patti).await.json();
    assert_eq!(me["can_manage_tenants"], true);
    assert_eq!(me["programme_visible"], false);
    assert_eq!(me["tenant_managers"], json!(["Megan Bowen"]));
    let fabrikam = tenant_form(
        "fabrikam.onmicrosoft.com",
        "admin@fabrikam.onmicrosoft.com",
        FABRIKAM_PASSWORD,
    );
    let r = app.post(ASSOCIATIONS, &patti, Some(fabrikam.clone())).await;
    assert_problem_documented(&r, 403, CODE, "POST", ASSOCIATIONS);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM pending_tenant_associations"),
        0
    );
    // A pending association of hers (started while she could) cannot be completed either.
    app.sql(
        "INSERT INTO pending_tenant_associations (id, company_id, user_id, domain, organisation, created_at, expires_at)
         VALUES ('ta-patti', 'co-contoso', 'usr-patti', 'fabrikam.onmicrosoft.com', 'Fabrikam, Inc.', 0, 99999999999)",
    );
    let tag = app.etag("/api/v1/tenants", &patti).await;
    let confirm = format!("{ASSOCIATIONS}/ta-patti/confirm");
    let r = app
        .if_match(Method::POST, &confirm, &patti, None, &tag)
        .await;
    assert_problem_documented(&r, 403, CODE, "POST", CONFIRM);
    let r = remove_tenant(&app, &patti, "fabrikam.onmicrosoft.com", &tag).await;
    assert_problem_documented(&r, 403, CODE, "DELETE", ONE);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM tenant_associations"), 1);

    // Megan, signed in through the home tenant, associates Fabrikam.
    let megan = app.sign_in(MEGAN).await;
    let r = app.post(ASSOCIATIONS, &megan, Some(fabrikam.clone())).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["association_id"].as_str().unwrap().to_string();
    let r = app
        .if_match(
            Method::POST,
            &format!("{ASSOCIATIONS}/{id}/confirm"),
            &megan,
            None,
            &tag,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let tag = r.header("etag").unwrap().to_string();

    // Now Patti's session is in the account: she passes the gate and meets the usual rules.
    let me = app.get("/api/v1/me", &patti).await.json();
    assert_eq!(me["programme_visible"], true);
    assert_eq!(
        me["tenant_managers"],
        json!(["Megan Bowen", "Patti Fernandez"])
    );
    app.post(ASSOCIATIONS, &patti, Some(fabrikam))
        .await
        .assert_problem(409, "tenant_already_associated");
    remove_tenant(&app, &patti, "fabrikam.onmicrosoft.com", &tag)
        .await
        .assert_problem(409, "tenant_is_signed_in");
}

#[tokio::test]
async fn users_of_a_tenant_that_is_not_associated_are_not_the_accounts_users() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let ids = |r: Resp| -> Vec<String> {
        r.json()["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    };
    let users = ids(app.get("/api/v1/users", &alex).await);
    assert_eq!(users.len(), 4, "{users:?}");
    assert!(!users.contains(&"usr-lee".to_string()));
    assert!(!users.contains(&"usr-patti".to_string()));
    // Nor can one become the marketing contact.
    let tag = app.etag(CONTACTS, &alex).await;
    let r = add_contact(
        &app,
        &alex,
        contact("usr-lee", "lee@fabrikam.example"),
        &tag,
    )
    .await;
    let v = r.assert_problem(422, "validation_failed");
    assert_eq!(
        v["errors"],
        json!([{"field": "user_id", "code": "value_not_allowed"}])
    );

    // Once Fabrikam is associated, its users are the account's users.
    app.sql(
        "INSERT INTO tenant_associations (company_id, domain, organisation, associated_at, is_home)
         VALUES ('co-contoso', 'fabrikam.onmicrosoft.com', 'Fabrikam, Inc.', 0, 0)",
    );
    let users = ids(app.get("/api/v1/users", &alex).await);
    assert_eq!(users.len(), 6, "{users:?}");
    assert!(users.contains(&"usr-lee".to_string()));
    let r = add_contact(
        &app,
        &alex,
        contact("usr-lee", "lee@fabrikam.example"),
        &tag,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn hidden_programme_and_tenant_association() {
    const CONFIRM: &str = "/api/v1/tenants/associations/{association_id}/confirm";
    const ONE: &str = "/api/v1/tenants/{domain}";
    let app = TestApp::new();
    let lee = app.sign_in(LEE).await;
    let me = app.get("/api/v1/me", &lee).await.json();
    assert_eq!(me["programme_visible"], false);
    assert_eq!(me["tenant"], "fabrikam.onmicrosoft.com");
    assert_eq!(me["can_manage_rewards"], true);
    for path in [
        "/api/v1/rewards/overview",
        "/api/v1/benefits",
        CONTACTS,
        REQUESTS,
    ] {
        let r = app.get(path, &lee).await;
        r.assert_problem(403, "programme_hidden");
    }
    let r = app.get("/api/v1/rewards/overview", &lee).await;
    assert_documented("GET", "/api/v1/rewards/overview", &r);
    // Lee cannot manage tenants.
    let fabrikam = tenant_form(
        "fabrikam.onmicrosoft.com",
        "admin@fabrikam.onmicrosoft.com",
        FABRIKAM_PASSWORD,
    );
    app.post(ASSOCIATIONS, &lee, Some(fabrikam))
        .await
        .assert_problem(403, "tenant_admin_required");

    let megan = app.sign_in(MEGAN).await;
    let r = app.get("/api/v1/tenants", &megan).await;
    assert_documented("GET", "/api/v1/tenants", &r);
    let v = r.json();
    assert_eq!(len(&v["tenants"]), 1);
    assert_eq!(v["tenants"][0]["is_home"], true);
    let tag = r.header("etag").unwrap().to_string();

    let body = tenant_form(
        "Fabrikam.onmicrosoft.com",
        "admin@fabrikam.onmicrosoft.com",
        FABRIKAM_PASSWORD,
    );
    let r = app.post(ASSOCIATIONS, &megan, Some(body.clone())).await;
    assert_status_documented(&r, 201, "POST", ASSOCIATIONS);
    let pending = r.json();
    assert_eq!(pending["organisation"], "Fabrikam, Inc.");
    assert_eq!(pending["domain"], "fabrikam.onmicrosoft.com");
    assert!(!r.text().contains(FABRIKAM_PASSWORD));
    let confirm = format!(
        "{ASSOCIATIONS}/{}/confirm",
        pending["association_id"].as_str().unwrap()
    );

    app.post(&confirm, &megan, None)
        .await
        .assert_problem(428, "if_match_required");
    let r = app
        .if_match(Method::POST, &confirm, &megan, None, "\"41\"")
        .await;
    assert_problem_documented(&r, 412, "version_mismatch", "POST", CONFIRM);
    let r = app
        .if_match(Method::POST, &confirm, &megan, None, &tag)
        .await;
    assert_status_documented(&r, 200, "POST", CONFIRM);
    assert_eq!(len(&r.json()["tenants"]), 2);
    let tag = r.header("etag").unwrap().to_string();
    app.if_match(Method::POST, &confirm, &megan, None, &tag)
        .await
        .assert_problem(404, "not_found");
    app.post(ASSOCIATIONS, &megan, Some(body))
        .await
        .assert_problem(409, "tenant_already_associated");

    // Lee now sees the programme (computed on each request).
    let me = app.get("/api/v1/me", &lee).await.json();
    assert_eq!(me["programme_visible"], true);
    assert_eq!(app.get("/api/v1/rewards/overview", &lee).await.status, 200);

    // Removal rules.
    let r = remove_tenant(&app, &megan, "contoso.onmicrosoft.com", &tag).await;
    assert_problem_documented(&r, 409, "tenant_is_signed_in", "DELETE", ONE);
    remove_tenant(&app, &megan, "unknown.onmicrosoft.com", &tag)
        .await
        .assert_problem(404, "not_found");
    // Lee cannot manage tenants at all; give Lee Account admin to test "signed in with".
    app.sql("UPDATE users SET roles = '[\"account_admin\"]' WHERE id = 'usr-lee'");
    remove_tenant(&app, &lee, "fabrikam.onmicrosoft.com", &tag)
        .await
        .assert_problem(409, "tenant_is_signed_in");
    remove_tenant(&app, &lee, "contoso.onmicrosoft.com", &tag)
        .await
        .assert_problem(409, "home_tenant_not_removable");
    app.call(
        Method::DELETE,
        "/api/v1/tenants/fabrikam.onmicrosoft.com",
        Some(&megan),
        None,
    )
    .await
    .assert_problem(428, "if_match_required");
    remove_tenant(&app, &megan, "fabrikam.onmicrosoft.com", "\"1\"")
        .await
        .assert_problem(412, "version_mismatch");
    let r = remove_tenant(&app, &megan, "fabrikam.onmicrosoft.com", &tag).await;
    assert_status_documented(&r, 200, "DELETE", ONE);
    assert_eq!(len(&r.json()["tenants"]), 1);
    assert_eq!(
        app.get("/api/v1/me", &lee).await.json()["programme_visible"],
        false
    );

    // Developers cannot manage tenants.
    let diego = app.sign_in(DIEGO).await;
    remove_tenant(&app, &diego, "fabrikam.onmicrosoft.com", &tag)
        .await
        .assert_problem(403, "tenant_admin_required");
}

#[tokio::test]
async fn tenant_credentials_are_rate_limited() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let fabrikam = |password: &str| {
        tenant_form(
            "fabrikam.onmicrosoft.com",
            "admin@fabrikam.onmicrosoft.com",
            password,
        )
    };
    for _ in 0..5 {
        let r = app
            .post(ASSOCIATIONS, &megan, Some(fabrikam("Wrong-Password-1")))
            .await;
        assert_problem_documented(&r, 422, "tenant_credentials_invalid", "POST", ASSOCIATIONS);
    }
    let r = app
        .post(ASSOCIATIONS, &megan, Some(fabrikam(FABRIKAM_PASSWORD)))
        .await;
    assert_problem_documented(&r, 429, "too_many_attempts", "POST", ASSOCIATIONS);
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 900);
    // Another tenant (and an unknown one) is counted separately.
    let unknown = tenant_form("unknown.onmicrosoft.com", "a@unknown.onmicrosoft.com", "x");
    app.post(ASSOCIATIONS, &megan, Some(unknown))
        .await
        .assert_problem(422, "tenant_credentials_invalid");
    // After the window the right password works.
    app.sql("UPDATE attempt_counters SET first_at = first_at - 3600, last_at = last_at - 3600");
    let r = app
        .post(ASSOCIATIONS, &megan, Some(fabrikam(FABRIKAM_PASSWORD)))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // Validation of the form.
    let v = app
        .post(
            ASSOCIATIONS,
            &megan,
            Some(tenant_form("not a domain", "", "")),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(len(&v["errors"]), 3);
}

#[tokio::test]
async fn session_cookie_authenticates_and_sign_out_clears_it() {
    let app = TestApp::new();
    let r = app
        .sign_in_with(json!({"email": "megan@contoso.example", "password": PASSWORD}))
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
    assert_eq!(
        strings(&me["reward_managers"]),
        ["Adele Vance", "Alex Wilber", "Megan Bowen"]
    );
    assert_eq!(me["tenant_managers"], json!(["Megan Bowen"]));
}
