//! Technical cases a partner can follow: the case page's data (timeline, notes, the reply
//! promise, the benefit drawn on), the partner's note and cancel, and the Rewards team's
//! transitions and notes (API only), with If-Match, Idempotency-Key and the draw-down.

mod common;

use axum::http::Method;
use common::*;
use serde_json::{json, Value};

const REQUESTS: &str = "/api/v1/technical-requests";
const TEAM_REQUESTS: &str = "/api/v1/team/technical-requests";
const ONE: &str = "/api/v1/technical-requests/{id}";
const NOTES: &str = "/api/v1/technical-requests/{id}/notes";
const CANCEL: &str = "/api/v1/technical-requests/{id}/cancel";
const TEAM_ONE: &str = "/api/v1/team/technical-requests/{id}";
const TRANSITIONS: &str = "/api/v1/team/technical-requests/{id}/transitions";
const TEAM_NOTES: &str = "/api/v1/team/technical-requests/{id}/notes";

fn request(phase: &str, title: &str) -> Value {
    json!({
        "phase": phase, "solution_type": "cloud", "title": title,
        "description": "Help with the deployment.", "products": ["Azure Kubernetes Service"],
        "phone": "+44 20 7946 0000", "country_region": "GB", "time_zone": "Europe/London",
        "language": "en", "preferred_contact_time": ""
    })
}

#[track_caller]
fn ok(r: &Resp, status: u16, method: &str, template: &str) -> Value {
    assert_eq!(r.status, status, "{}", r.text());
    assert_documented(method, template, r);
    r.json()
}

#[track_caller]
fn problem(r: &Resp, status: u16, code: &str, method: &str, template: &str) -> Value {
    let v = r.assert_problem(status, code);
    assert_documented(method, template, r);
    v
}

fn at(path: &str, id: &str) -> String {
    path.replace("{id}", id)
}

/// The benefit's (`drawn_down`, remaining) as the Technical tab reads it.
async fn benefit_draw(app: &TestApp, token: &str, id: &str) -> (u64, u64) {
    let b = app
        .get(&format!("/api/v1/benefits/{id}"), token)
        .await
        .json();
    let b = if b.get("benefit").is_some() {
        b["benefit"].clone()
    } else {
        b
    };
    let n = b["quantity"]["n"].as_u64().unwrap();
    let drawn = b["drawn_down"].as_u64().unwrap();
    (drawn, n - drawn)
}

async fn transition(app: &TestApp, team: &str, id: &str, etag: &str, body: Value) -> Resp {
    app.if_match(Method::POST, &at(TRANSITIONS, id), team, Some(body), etag)
        .await
}

#[tokio::test]
async fn the_demo_cases_show_every_state_a_partner_meets() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let list = ok(&app.get(REQUESTS, &alex).await, 200, "GET", REQUESTS);
    let by_title = |t: &str| -> Value {
        list["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"].as_str().unwrap().contains(t))
            .unwrap_or_else(|| panic!("{t}"))
            .clone()
    };
    // Submitted a few hours ago: the reply is pending and it can be cancelled.
    let fresh = by_title("second Azure region");
    assert_eq!(fresh["status"], "submitted");
    let case = fresh["case_number"].as_str().unwrap();
    // The case page deep-links by case number.
    let r = app.get(&at(ONE, case), &alex).await;
    let v = ok(&r, 200, "GET", ONE);
    assert_eq!(r.header("etag"), Some("\"0\""));
    assert_eq!(v["reply"], "pending");
    assert_eq!(v["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(v["timeline"][0]["to"], "submitted");
    assert_eq!(v["timeline"][0]["actor"], "Alex Wilber");
    assert_eq!(v["benefit"]["key"], "presales_deployment_advisory");

    // Resolved 20 days ago with 12 of the 50 advisory hours.
    let resolved = by_title("proof of concept");
    let v = app
        .get(&at(ONE, resolved["id"].as_str().unwrap()), &alex)
        .await
        .json();
    assert_eq!(v["request"]["status"], "resolved");
    assert_eq!(v["request"]["quantity_used"], 12);
    assert_eq!(v["reply"], "met");
    let steps: Vec<&str> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["to"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["submitted", "in_review", "in_progress", "resolved"]);
    assert_eq!(v["timeline"][3]["party"], "rewards_team");
    assert_eq!(v["timeline"][3]["actor"], "Nestor Wilke");
    assert_eq!(v["benefit"]["drawn_down"], 12);
    assert_eq!(v["benefit"]["remaining"], 38);
    let hours = v["benefit"]["id"].as_str().unwrap().to_string();
    assert_eq!(benefit_draw(&app, &alex, &hours).await, (12, 38));
    // The benefits list carries the same draw-down (the Technical tab).
    let benefits = app.get("/api/v1/benefits?category=technical", &alex).await;
    assert_eq!(benefits.status, 200, "{}", benefits.text());
    assert!(
        benefits.text().contains("\"drawn_down\":12"),
        "{}",
        benefits.text()
    );

    // The first reply came after the two business days.
    let late = by_title("data isolation");
    let v = app
        .get(&at(ONE, late["id"].as_str().unwrap()), &alex)
        .await
        .json();
    assert_eq!(v["reply"], "missed");
    assert_eq!(v["request"]["status"], "action_required");
    assert_eq!(v["notes"][0]["party"], "rewards_team");

    for (title, status) in [
        ("metering API", "in_progress"),
        ("Private offer", "cancelled"),
        ("Webhook retries", "closed"),
    ] {
        assert_eq!(by_title(title)["status"], status, "{title}");
    }
    // The closed case keeps the 2 incidents its resolution used.
    let closed = by_title("Webhook retries");
    assert_eq!(closed["quantity_used"], 2);
}

#[tokio::test]
async fn a_new_case_draws_on_the_benefit_of_its_phase_and_its_reply_can_be_missed() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    for (phase, key) in [
        ("deployment", "presales_deployment_advisory"),
        ("presales", "presales_deployment_advisory"),
        // The design review was revoked in the demo data: advisory hours instead.
        ("design", "presales_deployment_advisory"),
        ("app_development", "support_incidents"),
    ] {
        let r = app
            .post(REQUESTS, &megan, Some(request(phase, phase)))
            .await;
        let v = ok(&r, 201, "POST", REQUESTS);
        assert_eq!(v["benefit"]["key"], key, "{phase}");
        assert_eq!(v["reply"], "pending");
        assert_eq!(r.header("etag"), Some("\"0\""));
    }
    let r = app
        .post(REQUESTS, &megan, Some(request("presales", "late")))
        .await;
    let id = r.json()["request"]["id"].as_str().unwrap().to_string();
    // Five days later (two business days are at most four) nobody has answered.
    app.clock.advance(5 * 86_400);
    let v = app.get(&at(ONE, &id), &megan).await.json();
    assert_eq!(v["reply"], "missed");
}

#[tokio::test]
async fn the_partner_adds_notes_and_cancels_a_submitted_case() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let diego = app.sign_in(DIEGO).await;
    let created = app
        .post(REQUESTS, &alex, Some(request("deployment", "Cancel me")))
        .await
        .json();
    let id = created["request"]["id"].as_str().unwrap().to_string();
    let case = created["request"]["case_number"]
        .as_str()
        .unwrap()
        .to_string();

    // A note, by case number; stored trimmed and shown with its author.
    let r = app
        .post(
            &at(NOTES, &case),
            &alex,
            Some(json!({"text": "  Logs are attached.\nThanks!  "})),
        )
        .await;
    let v = ok(&r, 201, "POST", NOTES);
    assert_eq!(v["notes"][0]["text"], "Logs are attached.\nThanks!");
    assert_eq!(v["notes"][0]["author"], "Alex Wilber");
    assert_eq!(v["notes"][0]["party"], "partner");
    // A note does not change the version.
    assert_eq!(r.header("etag"), Some("\"0\""));
    let r = app
        .post(&at(NOTES, &id), &alex, Some(json!({"text": "   "})))
        .await;
    let v = problem(&r, 422, "validation_failed", "POST", NOTES);
    assert_eq!(v["errors"][0]["field"], "text");
    let r = app
        .post(&at(NOTES, &id), &diego, Some(json!({"text": "x"})))
        .await;
    problem(&r, 403, "read_only_role", "POST", NOTES);

    // Cancel: If-Match is required, a stale one is 412, the right one cancels once.
    let r = app.post(&at(CANCEL, &id), &alex, None).await;
    problem(&r, 428, "if_match_required", "POST", CANCEL);
    let r = app
        .if_match(Method::POST, &at(CANCEL, &id), &alex, None, "\"7\"")
        .await;
    problem(&r, 412, "version_mismatch", "POST", CANCEL);
    let r = app
        .if_match(Method::POST, &at(CANCEL, &id), &diego, None, "\"0\"")
        .await;
    problem(&r, 403, "read_only_role", "POST", CANCEL);
    let key = new_key();
    let headers = [("If-Match", "\"0\""), ("Idempotency-Key", key.as_str())];
    let r = app
        .call_with(Method::POST, &at(CANCEL, &id), Some(&alex), None, &headers)
        .await;
    let v = ok(&r, 200, "POST", CANCEL);
    assert_eq!(v["request"]["status"], "cancelled");
    assert_eq!(v["reply"], "not_needed");
    assert_eq!(r.header("etag"), Some("\"1\""));
    let last = &v["timeline"][1];
    assert_eq!(
        (&last["from"], &last["to"], &last["party"]),
        (&json!("submitted"), &json!("cancelled"), &json!("partner"))
    );
    // The same key replays the answer; nothing is applied twice.
    let again = app
        .call_with(Method::POST, &at(CANCEL, &id), Some(&alex), None, &headers)
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM technical_request_events WHERE request_id = '{id}' AND to_status = 'cancelled'"
        )),
        1
    );
    // A cancelled case takes no more cancels or notes.
    let r = app
        .if_match(Method::POST, &at(CANCEL, &id), &alex, None, "\"1\"")
        .await;
    problem(&r, 409, "case_transition_not_allowed", "POST", CANCEL);
    let r = app
        .post(
            &at(NOTES, &id),
            &alex,
            Some(json!({"text": "Still there?"})),
        )
        .await;
    problem(&r, 409, "case_not_open", "POST", NOTES);
}

#[tokio::test]
async fn the_team_moves_a_case_and_resolving_draws_down_the_benefit() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let team = app.sign_in(TEAM).await;
    let created = app
        .post(REQUESTS, &alex, Some(request("deployment", "Team journey")))
        .await
        .json();
    let id = created["request"]["id"].as_str().unwrap().to_string();
    let hours = created["benefit"]["id"].as_str().unwrap().to_string();
    let (drawn_before, left_before) = benefit_draw(&app, &alex, &hours).await;

    // The team sees every company's cases; a partner does not get the team's API.
    let list = ok(
        &app.get(TEAM_REQUESTS, &team).await,
        200,
        "GET",
        TEAM_REQUESTS,
    );
    assert!(list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == json!(id) && c["company_name"] == "Contoso Software Ltd"));
    let r = app.get(&at(TEAM_ONE, &id), &team).await;
    ok(&r, 200, "GET", TEAM_ONE);
    assert_eq!(r.header("etag"), Some("\"0\""));
    let r = transition(&app, &alex, &id, "\"0\"", json!({"to": "in_review"})).await;
    problem(&r, 403, "rewards_team_required", "POST", TRANSITIONS);
    // And the team has no partner programme.
    let r = app.get(REQUESTS, &team).await;
    r.assert_problem(403, "partner_account_required");

    // In review, with an answer: the reply promise is met.
    let r = app
        .call_with(
            Method::POST,
            &at(TRANSITIONS, &id),
            Some(&team),
            Some(json!({"to": "in_review", "note": "We are looking at it."})),
            &[],
        )
        .await;
    problem(&r, 428, "if_match_required", "POST", TRANSITIONS);
    let r = transition(
        &app,
        &team,
        &id,
        "\"0\"",
        json!({"to": "in_review", "note": "We are looking at it."}),
    )
    .await;
    let v = ok(&r, 200, "POST", TRANSITIONS);
    assert_eq!(r.header("etag"), Some("\"1\""));
    assert_eq!(v["reply"], "met");
    assert_eq!(v["notes"][0]["text"], "We are looking at it.");
    assert_eq!(v["notes"][0]["author"], "Nestor Wilke");
    // The partner's copy is now stale: cancelling with version 0 is 412, with 1 it is 409.
    let r = app
        .if_match(Method::POST, &at(CANCEL, &id), &alex, None, "\"0\"")
        .await;
    problem(&r, 412, "version_mismatch", "POST", CANCEL);
    let r = app
        .if_match(Method::POST, &at(CANCEL, &id), &alex, None, "\"1\"")
        .await;
    problem(&r, 409, "case_transition_not_allowed", "POST", CANCEL);

    // Edges outside the table are 409; a stale version is 412.
    let r = transition(&app, &team, &id, "\"1\"", json!({"to": "submitted"})).await;
    problem(&r, 409, "case_transition_not_allowed", "POST", TRANSITIONS);
    let r = transition(&app, &team, &id, "\"0\"", json!({"to": "in_progress"})).await;
    problem(&r, 412, "version_mismatch", "POST", TRANSITIONS);
    let r = transition(&app, &team, &id, "\"1\"", json!({"to": "in_progress"})).await;
    ok(&r, 200, "POST", TRANSITIONS);

    // Resolving needs the quantity used, within what is left.
    let r = transition(&app, &team, &id, "\"2\"", json!({"to": "resolved"})).await;
    let v = problem(&r, 422, "validation_failed", "POST", TRANSITIONS);
    assert_eq!(v["errors"][0]["field"], "quantity_used");
    let too_much = json!({"to": "resolved", "quantity_used": left_before + 1});
    let r = transition(&app, &team, &id, "\"2\"", too_much).await;
    problem(&r, 422, "validation_failed", "POST", TRANSITIONS);
    let r = transition(
        &app,
        &team,
        &id,
        "\"2\"",
        json!({"to": "resolved", "quantity_used": 5, "note": "Done in two sessions."}),
    )
    .await;
    let v = ok(&r, 200, "POST", TRANSITIONS);
    assert_eq!(v["request"]["status"], "resolved");
    assert_eq!(v["benefit"]["drawn_down"], drawn_before + 5);
    assert_eq!(v["benefit"]["remaining"], left_before - 5);
    assert_eq!(
        benefit_draw(&app, &alex, &hours).await,
        (drawn_before + 5, left_before - 5)
    );
    // The partner sees it on the case page; notes are closed on a resolved case.
    let v = app.get(&at(ONE, &id), &alex).await.json();
    assert_eq!(v["request"]["status"], "resolved");
    assert_eq!(v["timeline"].as_array().unwrap().len(), 4);
    let r = app
        .post(&at(NOTES, &id), &alex, Some(json!({"text": "Thanks"})))
        .await;
    problem(&r, 409, "case_not_open", "POST", NOTES);

    // Reopening gives the hours back; resolving again draws again.
    let r = transition(&app, &team, &id, "\"3\"", json!({"to": "in_progress"})).await;
    ok(&r, 200, "POST", TRANSITIONS);
    assert_eq!(
        benefit_draw(&app, &alex, &hours).await,
        (drawn_before, left_before)
    );
    let r = transition(
        &app,
        &team,
        &id,
        "\"4\"",
        json!({"to": "resolved", "quantity_used": 3}),
    )
    .await;
    ok(&r, 200, "POST", TRANSITIONS);
    let r = transition(&app, &team, &id, "\"5\"", json!({"to": "closed"})).await;
    let v = ok(&r, 200, "POST", TRANSITIONS);
    assert_eq!(v["request"]["quantity_used"], 3);
    assert_eq!(
        benefit_draw(&app, &alex, &hours).await,
        (drawn_before + 3, left_before - 3)
    );
    // A quantity on a move that is not a resolution is refused.
    let other = app
        .post(REQUESTS, &alex, Some(request("presales", "Other")))
        .await
        .json();
    let other_id = other["request"]["id"].as_str().unwrap();
    let r = transition(
        &app,
        &team,
        other_id,
        "\"0\"",
        json!({"to": "in_review", "quantity_used": 1}),
    )
    .await;
    problem(&r, 422, "validation_failed", "POST", TRANSITIONS);
}

#[tokio::test]
async fn team_notes_and_missing_cases() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let team = app.sign_in(TEAM).await;
    let created = app
        .post(REQUESTS, &alex, Some(request("presales", "Question")))
        .await
        .json();
    let case = created["request"]["case_number"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &at(TEAM_NOTES, &case),
            &team,
            Some(json!({"text": "Which region?"})),
        )
        .await;
    let v = ok(&r, 201, "POST", TEAM_NOTES);
    assert_eq!(v["notes"][0]["party"], "rewards_team");
    // A team note is a reply: the promise is met, and the partner sees the note.
    assert_eq!(v["reply"], "met");
    let seen = app.get(&at(ONE, &case), &alex).await.json();
    assert_eq!(seen["notes"][0]["text"], "Which region?");
    let r = app
        .post(&at(TEAM_NOTES, &case), &alex, Some(json!({"text": "x"})))
        .await;
    problem(&r, 403, "rewards_team_required", "POST", TEAM_NOTES);
    let r = app
        .post(&at(TEAM_NOTES, &case), &team, Some(json!({"text": ""})))
        .await;
    problem(&r, 422, "validation_failed", "POST", TEAM_NOTES);
    let r = app.get(&at(TEAM_ONE, "TR-2000-000001"), &team).await;
    problem(&r, 404, "not_found", "GET", TEAM_ONE);
    let r = app
        .post(
            &at(TEAM_NOTES, "tr-missing"),
            &team,
            Some(json!({"text": "x"})),
        )
        .await;
    problem(&r, 404, "not_found", "POST", TEAM_NOTES);
}
