//! Statuses that move with the server's clock and billed sales: expiry,
//! unlocking, "expires soon", the four-week rule, opting out, the
//! engagement choice of List and Trial offers, the Microsoft 365 apps' tier
//! by users and the activation blocker of each list row. The clock is the
//! app's injectable [`rewards_server::clock::Clock`], moved by the tests.

mod common;

use axum::http::Method;
use common::*;
use serde_json::{json, Value};

const DAY: i64 = 86_400;

fn rows(list: &Value) -> Vec<Value> {
    list["benefits"].as_array().unwrap().clone()
}

fn row<'a>(rows: &'a [Value], key: &str, offer: &str) -> &'a Value {
    rows.iter()
        .find(|b| b["benefit"]["key"] == key && b["benefit"]["offer_id"] == offer)
        .unwrap_or_else(|| panic!("no {key} on {offer}"))
}

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/api/v1/benefits", token).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", "/api/v1/benefits", &r);
    rows(&r.json())
}

async fn overview(app: &TestApp, token: &str) -> Value {
    let r = app.get("/api/v1/rewards/overview", token).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", "/api/v1/rewards/overview", &r);
    r.json()
}

#[tokio::test]
async fn trial_benefits_expire_soon_then_expire_with_date_and_reason() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let now = list(&app, &megan).await;
    let trial: Vec<&Value> = now
        .iter()
        .filter(|b| b["benefit"]["offer_id"] == "off-forms-trial")
        .collect();
    assert!(!trial.is_empty());
    for b in &trial {
        assert_eq!(b["benefit"]["status"], "available", "{b}");
        let left = b["expires_in_days"]
            .as_i64()
            .expect("flagged as expiring soon");
        assert!((0..=30).contains(&left), "{left}");
    }
    // Benefits far from their activate-by date are not flagged.
    let workshop = row(&now, "marketing_toolkit", "off-migration-workshop");
    assert!(workshop["expires_in_days"].is_null());
    let o = overview(&app, &megan).await;
    let soon: Vec<&str> = o["expiring_soon"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["benefit_id"].as_str().unwrap())
        .collect();
    assert_eq!(soon.len(), trial.len());
    for b in &trial {
        assert!(soon.contains(&b["benefit"]["id"].as_str().unwrap()));
    }
    let available_before = o["status_counts"][1]["count"].as_u64().unwrap();
    let expired_before = o["status_counts"][5]["count"].as_u64().unwrap();

    // Thirty days later the activate-by date has passed.
    app.clock.advance(30 * DAY);
    let later = list(&app, &megan).await;
    let id = trial[0]["benefit"]["id"].as_str().unwrap().to_string();
    let by = trial[0]["benefit"]["activate_by"]
        .as_str()
        .unwrap()
        .to_string();
    for b in later
        .iter()
        .filter(|b| b["benefit"]["offer_id"] == "off-forms-trial")
    {
        assert_eq!(b["benefit"]["status"], "expired", "{b}");
        assert!(b["expires_in_days"].is_null());
        assert_eq!(b["activation_blocker"]["code"], "expired");
    }
    let detail = app.get(&format!("/api/v1/benefits/{id}"), &megan).await;
    assert_documented("GET", "/api/v1/benefits/{id}", &detail);
    let last = detail.json()["benefit"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["to"], "expired");
    assert_eq!(last["actor"], "system");
    assert_eq!(
        last["cause"],
        json!({"code": "activate_by_passed", "activate_by": by})
    );
    // Dated the first moment after the activate-by day.
    assert!(last["at"].as_str().unwrap().ends_with("T00:00:00Z"));
    let o = overview(&app, &megan).await;
    assert!(o["expiring_soon"].as_array().unwrap().is_empty());
    let n = trial.len() as u64;
    assert_eq!(
        o["status_counts"][5]["count"].as_u64().unwrap(),
        expired_before + n
    );
    // The $100K tier's benefits unlocked meanwhile (see below), so compare
    // the trial's share only.
    assert!(o["status_counts"][1]["count"].as_u64().unwrap() >= available_before - n);
    // Recorded once, however often it is read.
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM benefit_history WHERE benefit_id = '{id}' AND to_status = 'expired'"
        )),
        1
    );
    // Activating it is refused.
    let r = app
        .post(&format!("/api/v1/benefits/{id}/activation"), &megan, None)
        .await;
    r.assert_problem(409, "expired");
}

#[tokio::test]
async fn billed_sales_reaching_a_tier_unlock_its_benefits() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let before = list(&app, &megan).await;
    let story = row(&before, "success_story", "off-analytics");
    assert_eq!(story["benefit"]["status"], "locked");
    assert_eq!(
        story["activation_blocker"],
        json!({"code": "tier_not_reached", "required": "usd100k"})
    );
    let o = overview(&app, &megan).await;
    assert_eq!(o["tier"], "usd50k");
    assert_eq!(o["billed_sales_ttm_cents"], 6_150_000);

    // The renewal invoice is billed ten days from now: $101,500.
    app.clock.advance(9 * DAY);
    let still = list(&app, &megan).await;
    assert_eq!(
        row(&still, "success_story", "off-analytics")["benefit"]["status"],
        "locked"
    );
    app.clock.advance(2 * DAY);
    let o = overview(&app, &megan).await;
    assert_eq!(o["tier"], "usd100k");
    assert_eq!(o["billed_sales_ttm_cents"], 10_150_000);
    let after = list(&app, &megan).await;
    let story = row(&after, "success_story", "off-analytics");
    assert_eq!(story["benefit"]["status"], "available");
    let id = story["benefit"]["id"].as_str().unwrap();
    let detail = app.get(&format!("/api/v1/benefits/{id}"), &megan).await;
    let last = detail.json()["benefit"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["actor"], "system");
    assert_eq!(
        last["cause"],
        json!({"code": "tier_reached", "tier": "usd100k", "billed_sales_ttm_cents": 10_150_000})
    );
    // Benefits of higher tiers stay locked.
    assert_eq!(
        row(&after, "featured_home_page_placement", "off-analytics")["benefit"]["status"],
        "locked"
    );
}

#[tokio::test]
async fn the_four_week_rule_and_the_engagement_choice() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let ids = |o: &Value| -> Vec<String> {
        o["follow_ups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["offer_id"].as_str().unwrap().to_string())
            .collect()
    };
    let o = overview(&app, &megan).await;
    assert_eq!(ids(&o), ["off-forms-trial"]);
    let f = &o["follow_ups"][0];
    assert_eq!(f["owner"]["name"], "Adele Vance");
    assert_eq!(f["days_live"], 165);
    // The workshop went live 20 days ago: due once more than 28 days have passed.
    app.clock.advance(8 * DAY);
    assert_eq!(ids(&overview(&app, &megan).await), ["off-forms-trial"]);
    app.clock.advance(DAY);
    let o = overview(&app, &megan).await;
    let mut due = ids(&o);
    due.sort();
    assert_eq!(due, ["off-forms-trial", "off-migration-workshop"]);

    // Opting the trial out of the engagement takes it off the list.
    let put = |id: &str, body: Value| {
        let path = format!("/api/v1/offers/{id}/engagement");
        let app = &app;
        let megan = megan.clone();
        async move { app.call(Method::PUT, &path, Some(&megan), Some(body)).await }
    };
    let r = put("off-forms-trial", json!({"opted_in": false})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("PUT", "/api/v1/offers/{id}/engagement", &r);
    assert_eq!(r.json()["engagement_opted_in"], false);
    assert_eq!(
        ids(&overview(&app, &megan).await),
        ["off-migration-workshop"]
    );
    let trial = &overview(&app, &megan).await["publisher_profiles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["offers"].as_array().unwrap().clone())
        .find(|o| o["offer"]["id"] == "off-forms-trial")
        .unwrap();
    assert_eq!(trial["engagement_opted_in"], false);
    // And back in.
    let r = put("off-forms-trial", json!({"opted_in": true})).await;
    assert_eq!(r.json()["engagement_opted_in"], true);
    assert_eq!(ids(&overview(&app, &megan).await).len(), 2);
    // Only List and Trial offers have the choice.
    let r = put("off-migration-workshop", json!({"opted_in": false})).await;
    r.assert_problem(409, "engagement_not_optional");
    assert_documented("PUT", "/api/v1/offers/{id}/engagement", &r);
    let r = put("off-forms-trial", json!({"opted_in": "no"})).await;
    assert_eq!(r.status, 400, "{}", r.text());
    // A read-only user cannot choose.
    let diego = app.sign_in(DIEGO).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/offers/off-forms-trial/engagement",
            Some(&diego),
            Some(json!({"opted_in": false})),
        )
        .await;
    r.assert_problem(403, "read_only_role");
}

#[tokio::test]
async fn opting_out_of_an_engagement_records_the_reason() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let benefits = list(&app, &alex).await;
    let blog = row(&benefits, "blog_feature", "off-analytics");
    assert_eq!(blog["benefit"]["status"], "activated");
    let id = blog["benefit"]["id"].as_str().unwrap();
    let path = format!("/api/v1/benefits/{id}/opt-out");

    let r = app
        .post(&path, &alex, Some(json!({"reason": "maybe_later"})))
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    let r = app
        .post(&path, &alex, Some(json!({"reason": "handled_elsewhere"})))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("POST", "/api/v1/benefits/{id}/opt-out", &r);
    let d = r.json();
    assert_eq!(d["benefit"]["status"], "available");
    assert!(d["benefit"]["activated_at"].is_null());
    let last = d["benefit"]["history"].as_array().unwrap().last().unwrap();
    assert_eq!(last["from"], "activated");
    assert_eq!(last["actor"], "usr-alex");
    assert_eq!(
        last["cause"],
        json!({"code": "opted_out", "reason": "handled_elsewhere"})
    );
    // Not engaged any more: a second opt-out is refused.
    let r = app
        .post(&path, &alex, Some(json!({"reason": "not_now"})))
        .await;
    r.assert_problem(409, "not_engaged");
    assert_documented("POST", "/api/v1/benefits/{id}/opt-out", &r);
    // In progress can be opted out of too.
    let review = row(&benefits, "in_depth_customer_review", "off-analytics");
    assert_eq!(review["benefit"]["status"], "in_progress");
    let r = app
        .post(
            &format!(
                "/api/v1/benefits/{}/opt-out",
                review["benefit"]["id"].as_str().unwrap()
            ),
            &alex,
            Some(json!({"reason": "no_longer_needed"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn each_row_says_what_blocks_activation_for_this_user() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let diego = app.sign_in(DIEGO).await;
    let m = list(&app, &megan).await;
    // No marketing contact yet: sales and marketing benefits wait for one.
    assert_eq!(
        row(&m, "marketing_toolkit", "off-migration-workshop")["activation_blocker"],
        json!({"code": "marketing_contact_required"})
    );
    // Technical benefits need no contact.
    let technical = m
        .iter()
        .find(|b| b["benefit"]["category"] == "technical" && b["benefit"]["status"] == "available")
        .unwrap();
    assert!(technical["activation_blocker"].is_null(), "{technical}");
    // With a contact, the offer's conditions decide: the private plan has
    // no public listing, so ♦ is unmet.
    app.sql(
        "INSERT INTO marketing_contacts (id, company_id, user_id, email, phone_e164, preferred_language, created_at)
         VALUES ('mc-1', 'co-contoso', 'usr-adele', 'adele@contoso.example', '+31201234567', 'en', 0)",
    );
    let m = list(&app, &megan).await;
    assert!(row(&m, "marketing_toolkit", "off-migration-workshop")["activation_blocker"].is_null());
    assert_eq!(
        row(&m, "press_release_support", "off-insights-private")["activation_blocker"],
        json!({"code": "constraint_not_met", "marker": "private_needs_public_listing"})
    );
    // Read-only Diego sees why he cannot act.
    let d = list(&app, &diego).await;
    assert_eq!(
        row(&d, "marketing_toolkit", "off-migration-workshop")["activation_blocker"],
        json!({"code": "not_permitted"})
    );
    // The blocker agrees with what an activation answers.
    let id = technical["benefit"]["id"].as_str().unwrap();
    let r = app
        .post(&format!("/api/v1/benefits/{id}/activation"), &diego, None)
        .await;
    r.assert_problem(403, "read_only_role");
}

#[tokio::test]
async fn microsoft_365_apps_show_their_users_and_tier() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let o = overview(&app, &megan).await;
    assert_eq!(
        o["users_tier"],
        json!({"monthly_active_users": 320, "tier": "usd25k"})
    );
    let forms = o["publisher_profiles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["offers"].as_array().unwrap().clone())
        .find(|o| o["offer"]["id"] == "off-forms-trial")
        .unwrap();
    assert_eq!(forms["monthly_active_users"], 320);
    assert_eq!(forms["engagement_opted_in"], true);
    assert_eq!(forms["owner"]["email"], "adele@contoso.example");
    // Users above the sales tier raise the company tier.
    app.sql("UPDATE offers SET monthly_active_users = 1200 WHERE id = 'off-forms-trial'");
    let o = overview(&app, &megan).await;
    assert_eq!(o["tier"], "usd100k");
    let b = list(&app, &megan).await;
    let story = row(&b, "success_story", "off-analytics");
    assert_eq!(story["benefit"]["status"], "available");
    let id = story["benefit"]["id"].as_str().unwrap();
    let detail = app.get(&format!("/api/v1/benefits/{id}"), &megan).await;
    let last = detail.json()["benefit"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["cause"],
        json!({"code": "tier_reached_by_users", "tier": "usd100k", "monthly_active_users": 1200})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_reads_record_a_change_once() {
    let app = std::sync::Arc::new(TestApp::new());
    let megan = app.sign_in(MEGAN).await;
    app.clock.advance(40 * DAY);
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (app, megan) = (app.clone(), megan.clone());
            tokio::spawn(async move { app.get("/api/v1/benefits", &megan).await.status })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    assert_eq!(
        app.sql_count(
            "SELECT COUNT(*) FROM benefit_history h JOIN benefits b ON b.id = h.benefit_id
             WHERE b.offer_id = 'off-forms-trial' AND h.to_status = 'expired'"
        ),
        app.sql_count("SELECT COUNT(*) FROM benefits WHERE offer_id = 'off-forms-trial'")
    );
}
