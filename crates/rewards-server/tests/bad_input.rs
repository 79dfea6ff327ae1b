//! Hostile input on every text field of every write route (sign-in, marketing
//! contacts, technical requests, tenant association) and on path and query
//! parameters: script and markup, 10,000 characters, right-to-left and
//! combining characters, emoji, surrounding whitespace. The API stores free
//! text byte for byte (inert: it never rewrites or interprets it), trims it,
//! or rejects it with a field error code; it answers 4xx problems, never 500.
//! Then property tests decode arbitrary and mutated JSON bodies and push
//! arbitrary text through the technical-request route.

mod common;

use axum::http::{Method, StatusCode};
use common::*;
use proptest::prelude::*;
use rewards_core::api::{
    MarketingContactRequest, SignInRequest, TechnicalRequestCreate, TenantAssociationRequest,
};
use rewards_server::extract::parse_json;
use rewards_server::problem::Problem;
use serde_json::{json, Value};

const TEN_THOUSAND: usize = 10_000;

/// The hostile payload classes, by name.
fn payloads() -> Vec<(&'static str, String)> {
    vec![
        ("script", "<script>alert('x')</script>".to_string()),
        (
            "markup",
            "<img src=x onerror=alert(1)><b>bold</b> &amp; \"quoted\" 'single' {{x}}".to_string(),
        ),
        ("10k", "x".repeat(TEN_THOUSAND)),
        // Arabic and Hebrew with an RLM and a right-to-left override.
        (
            "rtl",
            "مرحبا بالعالم \u{200F}שלום \u{202E}fdp.exe".to_string(),
        ),
        (
            "combining",
            "Z\u{0351}\u{0358}a\u{0301}\u{0302}l\u{0308}g\u{0327}o e\u{0301}".to_string(),
        ),
        ("emoji", "Launch 🚀 👩\u{200D}💻 🇳🇱".to_string()),
        ("whitespace", " \t padded value \u{00A0}\n ".to_string()),
    ]
}

fn technical_request() -> Value {
    json!({
        "phase": "design", "solution_type": "hybrid", "title": "Design review",
        "description": "Please review our architecture.", "products": ["Azure SQL"],
        "phone": "+44 20 7946 0000", "country_region": "GB", "time_zone": "Europe/London",
        "language": "en", "preferred_contact_time": "mornings"
    })
}

/// Sets `field` ("title" or "products[0]") of `body` to `value`.
fn set(body: &mut Value, field: &str, value: &str) {
    match field.strip_suffix("[0]") {
        Some(list) => body[list] = json!([value]),
        None => body[field] = json!(value),
    }
}

/// Reads `field` back from a stored technical request.
fn get<'a>(request: &'a Value, field: &str) -> &'a Value {
    match field.strip_suffix("[0]") {
        Some(list) => &request[list][0],
        None => &request[field],
    }
}

/// A 4xx problem document (never a 5xx, never another body).
#[track_caller]
fn assert_client_error(r: &Resp, what: &str) -> Value {
    assert!(
        r.status.is_client_error(),
        "{what}: expected a 4xx problem, got {} {}",
        r.status,
        r.text()
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/problem+json"),
        "{what}"
    );
    r.json()
}

/// A 422 whose field errors all name `field`; returns their codes.
#[track_caller]
fn assert_field_rejected(r: &Resp, field: &str, what: &str) -> Vec<String> {
    let v = assert_client_error(r, what);
    assert_eq!(r.status, 422, "{what}: {v}");
    assert_eq!(v["code"], "validation_failed", "{what}: {v}");
    let errors = v["errors"].as_array().unwrap();
    assert!(!errors.is_empty(), "{what}: no field errors");
    errors
        .iter()
        .map(|e| {
            assert_eq!(e["field"], field, "{what}: {v}");
            e["code"].as_str().unwrap().to_string()
        })
        .collect()
}

#[tokio::test]
async fn technical_request_free_text_is_stored_inert_trimmed_or_rejected() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    for (field, max) in [
        ("title", 100),
        ("description", 2000),
        ("products[0]", 100),
        ("preferred_contact_time", 100),
    ] {
        for (name, payload) in payloads() {
            let what = format!("{field} = {name}");
            let mut body = technical_request();
            set(&mut body, field, &payload);
            let r = app
                .call(
                    Method::POST,
                    "/api/v1/technical-requests",
                    Some(&alex),
                    Some(body),
                )
                .await;
            if payload.trim().chars().count() > max {
                assert_eq!(assert_field_rejected(&r, field, &what), ["too_long"]);
                continue;
            }
            assert_eq!(r.status, StatusCode::CREATED, "{what}: {}", r.text());
            assert_eq!(r.header("content-type"), Some("application/json"));
            assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
            let id = r.json()["request"]["id"].as_str().unwrap().to_string();
            // Read back: exactly the trimmed text, not escaped, not stripped.
            let stored = app
                .get(&format!("/api/v1/technical-requests/{id}"), &alex)
                .await
                .json();
            assert_eq!(get(&stored["request"], field), payload.trim(), "{what}");
        }
    }
}

#[tokio::test]
async fn technical_request_coded_fields_reject_hostile_text_and_trim_valid_values() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let fields = [
        ("phase", "  design\t", "design"),
        ("solution_type", " cloud ", "cloud"),
        ("phone", "  +31 (0)20 123 4567  ", "+31201234567"),
        ("country_region", " nl ", "NL"),
        ("time_zone", " Europe/Amsterdam ", "Europe/Amsterdam"),
        ("language", "  zh-tw ", "zh-TW"),
    ];
    for (field, padded, normalized) in fields {
        for (name, payload) in payloads() {
            let mut body = technical_request();
            set(&mut body, field, &payload);
            let r = app
                .call(
                    Method::POST,
                    "/api/v1/technical-requests",
                    Some(&alex),
                    Some(body),
                )
                .await;
            assert_field_rejected(&r, field, &format!("{field} = {name}"));
        }
        let mut body = technical_request();
        set(&mut body, field, padded);
        let r = app
            .call(
                Method::POST,
                "/api/v1/technical-requests",
                Some(&alex),
                Some(body),
            )
            .await;
        assert_eq!(r.status, 201, "{field} = {padded:?}: {}", r.text());
        let stored = &r.json()["request"];
        let stored_field = if field == "phone" {
            "phone_e164"
        } else {
            field
        };
        assert_eq!(stored[stored_field], normalized, "{field}");
    }
}

#[tokio::test]
async fn marketing_contact_fields_reject_hostile_text_and_trim_valid_values() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let valid = json!({"user_id": "usr-adele", "email": "adele@contoso.example", "phone": "+31 20 123 4567", "preferred_language": "en"});
    let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(valid.clone()),
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["contacts"][0]["id"].as_str().unwrap().to_string();
    let another = json!({"user_id": "usr-megan", "email": "megan.b@contoso.example", "phone": "+31 20 123 4567", "preferred_language": "en"});
    let path = format!("/api/v1/marketing-contacts/{id}");
    let fields = [
        ("user_id", "  usr-alex  ", "user_id", "usr-alex"),
        (
            "email",
            " \tAlex.W@contoso.example  ",
            "email",
            "Alex.W@contoso.example",
        ),
        ("phone", " 0031 20 765 4321 ", "phone_e164", "+31207654321"),
        ("preferred_language", "  NL ", "preferred_language", "nl"),
    ];
    for (field, padded, stored_field, normalized) in fields {
        for (name, payload) in payloads() {
            let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
            for (method, path, base) in [
                (Method::POST, "/api/v1/marketing-contacts", &another),
                (Method::PUT, path.as_str(), &valid),
            ] {
                let mut body = base.clone();
                body[field] = json!(payload);
                let r = app
                    .call_with(
                        method.clone(),
                        path,
                        Some(&alex),
                        Some(body),
                        &[("If-Match", &tag)],
                    )
                    .await;
                let what = format!("{method} {field} = {name}");
                let codes = assert_field_rejected(&r, field, &what);
                if name == "10k" {
                    let expected = match field {
                        "email" => "email_too_long",
                        "phone" => "phone_invalid",
                        "preferred_language" => "language_unsupported",
                        _ => "too_long",
                    };
                    assert_eq!(codes, [expected], "{what}");
                }
            }
        }
        let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
        let mut body = valid.clone();
        body[field] = json!(padded);
        let r = app
            .call_with(
                Method::PUT,
                &path,
                Some(&alex),
                Some(body),
                &[("If-Match", &tag)],
            )
            .await;
        assert_eq!(r.status, 200, "{field} = {padded:?}: {}", r.text());
        assert_eq!(r.json()["contacts"][0][stored_field], normalized, "{field}");
    }
    // Nothing hostile was stored along the way.
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM marketing_contacts"), 1);
}

#[tokio::test]
async fn sign_in_rejects_hostile_email_and_never_trims_passwords() {
    let app = TestApp::new();
    for (name, payload) in payloads() {
        let r = app
            .call(
                Method::POST,
                "/api/v1/session",
                None,
                Some(json!({"email": payload, "password": PASSWORD})),
            )
            .await;
        assert_field_rejected(&r, "email", &format!("email = {name}"));
        let r = app
            .call(
                Method::POST,
                "/api/v1/session",
                None,
                Some(json!({"email": ALEX, "password": payload})),
            )
            .await;
        let what = format!("password = {name}");
        if name == "10k" {
            assert_eq!(assert_field_rejected(&r, "password", &what), ["too_long"]);
        } else {
            // Well-formed but wrong (a padded password is not the password).
            assert_eq!(
                assert_client_error(&r, &what)["code"],
                "invalid_credentials"
            );
        }
    }
    // Trimmed, and matched without regard to case.
    let padded = format!("  {}\t", ALEX.to_uppercase());
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": padded, "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["me"]["user"]["email"], ALEX);
}

#[tokio::test]
async fn tenant_association_rejects_hostile_fields_and_normalizes_the_domain() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let body = |domain: &str, username: &str, password: &str| json!({"domain": domain, "username": username, "password": password});
    let user = "admin@fabrikam.onmicrosoft.com";
    for (i, (name, payload)) in payloads().into_iter().enumerate() {
        for (field, b) in [
            ("domain", body(&payload, user, FABRIKAM_PASSWORD)),
            (
                "username",
                body("fabrikam.onmicrosoft.com", &payload, FABRIKAM_PASSWORD),
            ),
        ] {
            let r = app
                .call(
                    Method::POST,
                    "/api/v1/tenants/associations",
                    Some(&megan),
                    Some(b),
                )
                .await;
            assert_field_rejected(&r, field, &format!("{field} = {name}"));
        }
        // A wrong password of any shape is a failed check (each on its own
        // tenant, below the rate limit), or too long.
        let domain = format!("probe-{i}.onmicrosoft.com");
        let r = app
            .call(
                Method::POST,
                "/api/v1/tenants/associations",
                Some(&megan),
                Some(body(&domain, user, &payload)),
            )
            .await;
        let what = format!("password = {name}");
        if name == "10k" {
            assert_eq!(assert_field_rejected(&r, "password", &what), ["too_long"]);
        } else {
            assert_eq!(
                assert_client_error(&r, &what)["code"],
                "tenant_credentials_invalid"
            );
        }
    }
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body(
                " FABRIKAM.onmicrosoft.com. ",
                "  admin@fabrikam.onmicrosoft.com ",
                FABRIKAM_PASSWORD,
            )),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["domain"], "fabrikam.onmicrosoft.com");
}

/// Percent-encodes everything but unreserved characters.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn hostile_path_and_query_parameters_are_4xx() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    for (name, payload) in payloads() {
        let p = encode(&payload);
        for (method, path) in [
            (Method::GET, format!("/api/v1/benefits/{p}")),
            (Method::POST, format!("/api/v1/benefits/{p}/activation")),
            (Method::GET, format!("/api/v1/technical-requests/{p}")),
            (Method::DELETE, format!("/api/v1/marketing-contacts/{p}")),
            (Method::DELETE, format!("/api/v1/tenants/{p}")),
            (
                Method::POST,
                format!("/api/v1/tenants/associations/{p}/confirm"),
            ),
        ] {
            let r = app
                .call_with(
                    method.clone(),
                    &path,
                    Some(&megan),
                    None,
                    &[("If-Match", "\"1\"")],
                )
                .await;
            let v = assert_client_error(&r, &format!("{method} {name}"));
            let malformed = payload.chars().count() > 253 || payload.chars().any(char::is_control);
            let expected = if malformed { 400 } else { 404 };
            assert_eq!(r.status, expected, "{method} {name}: {v}");
        }
        let r = app.get(&format!("/api/v1/benefits?q={p}"), &megan).await;
        if payload.trim().chars().count() > 100 {
            assert_eq!(assert_client_error(&r, name)["code"], "invalid_query");
        } else {
            assert_eq!(r.status, 200, "q = {name}: {}", r.text());
            assert_eq!(r.json()["benefits"], json!([]), "q = {name}");
        }
        for param in ["category", "status"] {
            let r = app
                .get(&format!("/api/v1/benefits?{param}={p}"), &megan)
                .await;
            let v = assert_client_error(&r, name);
            assert_eq!(v["errors"][0]["field"], param);
        }
    }
}

// ---------------------------------------------------------------------------
// JSON decoding properties
// ---------------------------------------------------------------------------

/// Decodes `bytes` as every request body type; each must succeed or be a 400
/// `malformed_json` / `invalid_body` problem.
fn decode_all(bytes: &[u8]) -> Vec<Result<(), Problem>> {
    vec![
        parse_json::<SignInRequest>(bytes).map(drop),
        parse_json::<MarketingContactRequest>(bytes).map(drop),
        parse_json::<TechnicalRequestCreate>(bytes).map(drop),
        parse_json::<TenantAssociationRequest>(bytes).map(drop),
    ]
}

fn check_decoding(bytes: &[u8]) -> Result<(), TestCaseError> {
    for result in decode_all(bytes) {
        if let Err(p) = result {
            prop_assert_eq!(p.status, StatusCode::BAD_REQUEST);
            prop_assert!(
                ["malformed_json", "invalid_body"].contains(&p.code),
                "code {}",
                p.code
            );
            prop_assert!(p.errors.len() <= 1);
        }
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::String),
        "[a-z_]{1,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,22}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const TECHNICAL_FIELDS: [&str; 10] = [
    "phase",
    "solution_type",
    "title",
    "description",
    "products",
    "phone",
    "country_region",
    "time_zone",
    "language",
    "preferred_contact_time",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_decode_or_are_400(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check_decoding(&bytes)?;
    }

    #[test]
    fn arbitrary_json_decodes_or_is_400(value in json_value()) {
        check_decoding(value.to_string().as_bytes())?;
    }

    /// One field of a valid body replaced by any JSON value: decoded, or a 400
    /// naming exactly that field (or an element of it).
    #[test]
    fn a_mutated_field_is_named_in_the_400(which in 0usize..10, value in json_value()) {
        let field = TECHNICAL_FIELDS[which];
        let mut body = technical_request();
        body[field] = value;
        match parse_json::<TechnicalRequestCreate>(body.to_string().as_bytes()) {
            Ok(_) => {}
            Err(p) => {
                prop_assert_eq!(p.status, StatusCode::BAD_REQUEST);
                prop_assert_eq!(p.code, "invalid_body");
                prop_assert_eq!(p.errors.len(), 1);
                let named = &p.errors[0].field;
                prop_assert!(
                    named == field || named.starts_with(&format!("{field}[")),
                    "{} named for a change of {}", named, field
                );
            }
        }
    }

    /// Truncated or padded valid bodies never panic the decoder.
    #[test]
    fn truncated_bodies_are_400(cut in 0usize..400, pad in "[ \\t\\r\\n]{0,3}") {
        let full = technical_request().to_string();
        let cut = cut.min(full.len());
        let body = format!("{pad}{}{pad}", &full[..cut]);
        check_decoding(body.as_bytes())?;
        if cut == full.len() {
            prop_assert!(parse_json::<TechnicalRequestCreate>(body.as_bytes()).is_ok());
        }
    }
}

/// Text for a free-text field: arbitrary printable text mixed with the
/// hostile pieces above.
fn free_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "\\PC{0,20}",
        Just("<script>".to_string()),
        Just("\u{202E}".to_string()),
        Just("e\u{0301}".to_string()),
        Just("👩\u{200D}💻".to_string()),
        Just(" \t".to_string()),
        Just("\n".to_string()),
        Just("\u{0000}".to_string()),
        Just("\u{FEFF}".to_string()),
    ];
    proptest::collection::vec(pieces, 0..8).prop_map(|p| p.concat())
}

#[test]
fn arbitrary_text_through_the_route_is_stored_trimmed_or_rejected() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = TestApp::new();
    let alex = rt.block_on(app.sign_in(ALEX));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(96));
    runner
        .run(
            &(free_text(), free_text(), free_text(), free_text()),
            |(title, description, product, time)| {
                let mut body = technical_request();
                body["title"] = json!(title);
                body["description"] = json!(description);
                body["products"] = json!([product]);
                body["preferred_contact_time"] = json!(time);
                let r = rt.block_on(app.call(
                    Method::POST,
                    "/api/v1/technical-requests",
                    Some(&alex),
                    Some(body),
                ));
                match r.status.as_u16() {
                    201 => {
                        let stored = &r.json()["request"];
                        prop_assert_eq!(&stored["title"], title.trim());
                        prop_assert_eq!(
                            &stored["description"],
                            &description.trim().replace("\r\n", "\n")
                        );
                        prop_assert_eq!(&stored["products"][0], product.trim());
                        prop_assert_eq!(&stored["preferred_contact_time"], time.trim());
                    }
                    422 => {
                        let v = r.json();
                        for e in v["errors"].as_array().unwrap() {
                            let field = e["field"].as_str().unwrap();
                            prop_assert!(
                                [
                                    "title",
                                    "description",
                                    "products",
                                    "products[0]",
                                    "preferred_contact_time"
                                ]
                                .contains(&field),
                                "unexpected field {}",
                                field
                            );
                        }
                    }
                    other => prop_assert!(false, "status {} {}", other, r.text()),
                }
                Ok(())
            },
        )
        .unwrap();
}
