//! The Insights series: computed from the stored records, consistent with the
//! overview and the benefits list, documented, and cacheable with an ETag.

mod common;

use common::*;
use serde_json::Value;

const SALES: &str = "/api/v1/insights/sales";
const BENEFITS: &str = "/api/v1/insights/benefits";
const TECHNICAL: &str = "/api/v1/insights/technical-use";
const M365: &str = "/api/v1/insights/m365-usage";

fn months(v: &Value) -> &Vec<Value> {
    v["months"].as_array().unwrap()
}

#[tokio::test]
async fn sales_by_month_agree_with_the_stored_sales_and_the_overview() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get(SALES, &alex).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", SALES, &r);
    let s = r.json();
    let months = months(&s);
    assert_eq!(months.len(), 24);

    // The last month's trailing-twelve-month total is the overview's figure.
    let overview = app.get("/api/v1/rewards/overview", &alex).await.json();
    assert_eq!(
        months[23]["ttm_cents"], overview["billed_sales_ttm_cents"],
        "{s}"
    );
    assert_eq!(months[23]["tier"], overview["tier"]);

    // Every month's sum against the rows in the database, fraud apart; an invoice dated after
    // today (the demo's renewal) is not billed yet.
    let today = rewards_server::clock::today().to_string();
    for m in months {
        let first = m["month"].as_str().unwrap();
        let prefix = &first[..7];
        let sum = |fraud: i32| {
            app.sql_count(&format!(
                "SELECT COALESCE(SUM(amount_cents), 0) FROM billed_sales
                 WHERE billed_on LIKE '{prefix}-%' AND billed_on <= '{today}'
                 AND fraudulent = {fraud}"
            ))
        };
        assert_eq!(m["billed_cents"].as_i64(), Some(sum(0)), "{prefix}");
        assert_eq!(
            m["excluded_fraudulent_cents"].as_i64(),
            Some(sum(1)),
            "{prefix}"
        );
    }
    let fraud: i64 = months
        .iter()
        .map(|m| m["excluded_fraudulent_cents"].as_i64().unwrap())
        .sum();
    assert!(fraud > 0, "the demo has a fraudulent sale");

    // The demo company crossed into the $50K tier within the two years.
    let crossings: Vec<&str> = months
        .iter()
        .filter_map(|m| m["crossed_into"].as_str())
        .collect();
    assert!(crossings.contains(&"usd50k"), "{crossings:?}");
    let tiers: Vec<&str> = s["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tier"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, ["usd500", "usd25k", "usd50k", "usd100k"]);
}

#[tokio::test]
async fn benefits_by_status_end_with_todays_statuses() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get(BENEFITS, &alex).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", BENEFITS, &r);
    let s = r.json();
    assert_eq!(months(&s).len(), 24);
    let last = &months(&s)[23];
    let list = app.get("/api/v1/benefits", &alex).await.json();
    let count = |status: &str| {
        list["benefits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["benefit"]["status"] == status)
            .count() as u64
    };
    for status in [
        "available",
        "activated",
        "in_progress",
        "completed",
        "expired",
    ] {
        assert_eq!(last[status].as_u64(), Some(count(status)), "{status}");
    }
    assert!(count("expired") > 0 && count("completed") > 0);
    // Two years ago fewer benefits had been granted than today.
    let total = |m: &Value| -> u64 {
        [
            "available",
            "activated",
            "in_progress",
            "completed",
            "expired",
        ]
        .iter()
        .map(|k| m[k].as_u64().unwrap())
        .sum()
    };
    assert!(total(&months(&s)[0]) < total(last));
}

#[tokio::test]
async fn answers_carry_an_etag_and_revalidate() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    for path in [SALES, BENEFITS, TECHNICAL, M365] {
        let r = app.get(path, &alex).await;
        let etag = r.header("etag").expect("etag").to_string();
        assert_eq!(r.header("cache-control"), Some("private, no-cache"));
        let again = app
            .call_with(
                axum::http::Method::GET,
                path,
                Some(&alex),
                None,
                &[("If-None-Match", &etag)],
            )
            .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_documented("GET", path, &again);
        let other = app
            .call_with(
                axum::http::Method::GET,
                path,
                Some(&alex),
                None,
                &[("If-None-Match", "\"something-else\"")],
            )
            .await;
        assert_eq!(other.status, 200);
    }

    // A change in the records changes the benefits series' ETag.
    let before = app.get(BENEFITS, &alex).await;
    let list = app.get("/api/v1/benefits", &alex).await.json();
    let technical = list["benefits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["benefit"]["key"] == "presales_deployment_advisory"
                && b["benefit"]["status"] == "available"
        })
        .expect("an available technical benefit")["benefit"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &format!("/api/v1/benefits/{technical}/activation"),
            &alex,
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let after = app.get(BENEFITS, &alex).await;
    assert_ne!(before.header("etag"), after.header("etag"));
    assert_eq!(
        months(&after.json())[23]["activated"].as_u64().unwrap(),
        months(&before.json())[23]["activated"].as_u64().unwrap() + 1
    );
}

#[tokio::test]
async fn a_hidden_programme_has_no_insights() {
    let app = TestApp::new();
    let lee = app.sign_in(LEE).await;
    for path in [SALES, BENEFITS, TECHNICAL, M365] {
        let r = app.get(path, &lee).await;
        r.assert_problem(403, "programme_hidden");
        assert_documented("GET", path, &r);
    }
}

#[tokio::test]
async fn technical_use_agrees_with_the_benefits_and_the_cases() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get(TECHNICAL, &alex).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", TECHNICAL, &r);
    let before = r.header("etag").unwrap().to_string();
    let u = r.json();
    let list = app
        .get("/api/v1/benefits?category=technical", &alex)
        .await
        .json();
    let listed = |id: &str| -> Value {
        list["benefits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["benefit"]["id"] == id)
            .unwrap_or_else(|| panic!("{id} in the benefits list"))["benefit"]
            .clone()
    };
    let rows = u["benefits"].as_array().unwrap();
    assert!(!rows.is_empty(), "{u}");
    for row in rows {
        let id = row["benefit_id"].as_str().unwrap();
        let b = listed(id);
        assert_eq!(row["drawn_down"], b["drawn_down"], "{id}");
        assert_eq!(row["key"], b["key"]);
        assert_ne!(b["status"], "locked");
        assert_eq!(row["unit"], b["quantity"]["unit"]);
        assert_eq!(
            row["allocated"], b["quantity"]["n"],
            "{id}: null when unlimited"
        );
        // Against the cases in the database.
        let used = app.sql_count(&format!(
            "SELECT COALESCE(SUM(quantity_used), 0) FROM technical_requests WHERE benefit_id = '{id}'"
        ));
        assert_eq!(row["drawn_down"].as_i64(), Some(used), "{id}");
        let cases = app.sql_count(&format!(
            "SELECT COUNT(*) FROM technical_requests WHERE benefit_id = '{id}' AND quantity_used IS NOT NULL"
        ));
        assert_eq!(row["cases"].as_i64(), Some(cases), "{id}");
        if let Some(n) = row["allocated"].as_u64() {
            assert_eq!(
                row["remaining"].as_u64(),
                Some(n - row["drawn_down"].as_u64().unwrap())
            );
        }
    }
    // The demo: 12 advisory hours and 2 support incidents used.
    let by_key = |key: &str| rows.iter().find(|r| r["key"] == key).cloned().unwrap();
    assert_eq!(by_key("presales_deployment_advisory")["drawn_down"], 12);
    assert_eq!(by_key("support_incidents")["drawn_down"], 2);

    // The team resolves the in-progress case with 3 incidents: the series follows.
    let team = app.sign_in(TEAM).await;
    let r = app
        .if_match(
            axum::http::Method::POST,
            "/api/v1/team/technical-requests/tr-demo-117/transitions",
            &team,
            Some(serde_json::json!({"to": "resolved", "quantity_used": 3})),
            "\"2\"",
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let after = app.get(TECHNICAL, &alex).await;
    assert_ne!(after.header("etag"), Some(before.as_str()));
    let after = after.json();
    let incidents = after["benefits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "support_incidents")
        .cloned()
        .unwrap();
    assert_eq!(incidents["drawn_down"], 5);
    assert_eq!(incidents["cases"], 2);
}

#[tokio::test]
async fn m365_usage_comes_from_the_monthly_history() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let r = app.get(M365, &alex).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_documented("GET", M365, &r);
    let u = r.json();
    let apps = u["apps"].as_array().unwrap();
    assert_eq!(apps.len(), 1, "{u}");
    let forms = &apps[0];
    assert_eq!(forms["offer_id"], "off-forms-trial");
    let months = months(forms);
    assert_eq!(months.len(), 24);
    // Every month against the stored rows; the current month's users are the offer's.
    for m in &months[..23] {
        let month = m["month"].as_str().unwrap();
        let stored = |column: &str| {
            app.sql_count(&format!(
                "SELECT COALESCE(MAX({column}), -1) FROM offer_usage_months
                 WHERE offer_id = 'off-forms-trial' AND month = '{month}'"
            ))
        };
        let value = |key: &str| m[key].as_i64().unwrap_or(-1);
        assert_eq!(value("seats_sold"), stored("seats_sold"), "{month}");
        assert_eq!(
            value("monthly_active_users"),
            stored("monthly_active_users"),
            "{month}"
        );
    }
    let current =
        app.sql_count("SELECT monthly_active_users FROM offers WHERE id = 'off-forms-trial'");
    assert_eq!(months[23]["monthly_active_users"].as_i64(), Some(current));
    // Seats only since the offer went live; users for all two years.
    assert!(months[0]["seats_sold"].is_null());
    assert!(months[23]["seats_sold"].as_u64().unwrap() > 0);
    assert!(months.iter().all(|m| m["monthly_active_users"].is_u64()));
    let overview = app.get("/api/v1/rewards/overview", &alex).await.json();
    let tiers: Vec<&str> = forms["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tier"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, ["usd25k", "usd50k"], "{overview}");

    // A new month in the history changes the answer and its ETag.
    let before = app
        .get(M365, &alex)
        .await
        .header("etag")
        .unwrap()
        .to_string();
    let first = months[0]["month"].as_str().unwrap();
    app.sql(&format!(
        "UPDATE offer_usage_months SET seats_sold = 12 WHERE offer_id = 'off-forms-trial' AND month = '{first}'"
    ));
    let after = app.get(M365, &alex).await;
    assert_ne!(after.header("etag"), Some(before.as_str()));
    assert_eq!(after.json()["apps"][0]["months"][0]["seats_sold"], 12);
}

#[tokio::test]
async fn a_company_without_a_microsoft_365_app_has_an_empty_list() {
    let app = TestApp::new();
    app.sql("UPDATE offers SET monthly_active_users = NULL");
    app.sql("DELETE FROM offer_usage_months");
    let alex = app.sign_in(ALEX).await;
    let r = app.get(M365, &alex).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["apps"].as_array().map(Vec::len), Some(0));
}
