//! The Insights series: computed from the stored records, consistent with the
//! overview and the benefits list, documented, and cacheable with an ETag.

mod common;

use common::*;
use serde_json::Value;

const SALES: &str = "/api/v1/insights/sales";
const BENEFITS: &str = "/api/v1/insights/benefits";

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
    for path in [SALES, BENEFITS] {
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
    for path in [SALES, BENEFITS] {
        let r = app.get(path, &lee).await;
        r.assert_problem(403, "programme_hidden");
        assert_documented("GET", path, &r);
    }
}
