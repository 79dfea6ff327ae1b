//! Demo data, written once into an empty database inside one transaction.
//! Dates are placed relative to the real current date at first start; the
//! rules (expiry, unlocking) then run on the server's clock as time passes.

use crate::auth::hash_password;
use crate::params;
use crate::repo;
use crate::sql::Conn;
use rewards_core::api::OfferOwner;
use rewards_core::case;
use rewards_core::catalog::{self, Grant};
use rewards_core::date::{Date, Timestamp};
use rewards_core::insights::m365::UsageRecord;
use rewards_core::insights::months_ending;
use rewards_core::model::{
    Benefit, BenefitStatus, CaseParty, Language, Offer, OfferType, RequestStatus, RevocationReason,
    Role, SolutionType, TechnicalPhase, TechnicalRequest, Visibility,
};
use rewards_core::status;
use rewards_core::tier::{
    company_tier, tier_for_sales, trailing_twelve_month_sales, BilledSale, Tier,
};
use rewards_core::timeline::{self, TierStanding};

pub const COMPANY_ID: &str = "co-contoso";
pub const COMPANY_NAME: &str = "Contoso Software Ltd";
pub const PARTNER_ID: &str = "4781230";
pub const ACCOUNT_EMAIL: &str = "partnercenter@contoso.example";
pub const HOME_TENANT: &str = "contoso.onmicrosoft.com";
pub const DEMO_PASSWORD: &str = "Rewards-Demo-2026";
pub const FABRIKAM_TENANT: &str = "fabrikam.onmicrosoft.com";
pub const FABRIKAM_ORGANISATION: &str = "Fabrikam, Inc.";
pub const FABRIKAM_ADMIN: &str = "admin@fabrikam.onmicrosoft.com";
pub const FABRIKAM_PASSWORD: &str = "Fabrikam-Tenant-2026";
/// First technical-request sequence number (case TR-YYYY-000123).
pub const FIRST_CASE_SEQ: i64 = 123;

/// (id, email, display name, roles, tenant)
pub const USERS: &[(&str, &str, &str, &[Role], &str)] = &[
    (
        "usr-megan",
        "megan@contoso.example",
        "Megan Bowen",
        &[Role::GlobalAdmin],
        HOME_TENANT,
    ),
    (
        "usr-alex",
        "alex@contoso.example",
        "Alex Wilber",
        &[Role::MpnPartnerAdmin],
        HOME_TENANT,
    ),
    (
        "usr-adele",
        "adele@contoso.example",
        "Adele Vance",
        &[Role::AdminAgent],
        HOME_TENANT,
    ),
    (
        "usr-diego",
        "diego@contoso.example",
        "Diego Siciliani",
        &[Role::Developer],
        HOME_TENANT,
    ),
    (
        "usr-lee",
        "lee@fabrikam.example",
        "Lee Gu",
        &[Role::MpnPartnerAdmin],
        FABRIKAM_TENANT,
    ),
    // A Global admin who signs in through Fabrikam: tenants can be associated only after
    // signing in through the company's home tenant (its global account).
    (
        "usr-patti",
        "patti@fabrikam.example",
        "Patti Fernandez",
        &[Role::GlobalAdmin],
        FABRIKAM_TENANT,
    ),
];

/// The Marketplace Rewards team: its own company row (users need one) with
/// one demo user who works on every partner's technical cases through
/// `/api/v1/team` (README, Demo accounts).
pub const TEAM_COMPANY_ID: &str = "co-rewards-team";
pub const TEAM_USER_ID: &str = "usr-team";
pub const TEAM_EMAIL: &str = "team@rewards.example";
pub const TEAM_NAME: &str = "Nestor Wilke";
pub const TEAM_TENANT: &str = "rewards.example";

/// Seeds the demo data if the database has no company yet. Returns whether
/// it seeded. The check and the seeding run in one transaction (SQLite:
/// `BEGIN IMMEDIATE`) under the start-up lock ([`crate::db::with_lock`] on
/// PostgreSQL), so two instances starting at once seed once.
pub fn seed_if_empty(conn: &mut Conn, now: Timestamp) -> crate::sql::Result<bool> {
    crate::db::with_lock(conn, "seed", |conn| {
        let tx = conn.transaction()?;
        let count: i64 = tx.query_row("SELECT COUNT(*) FROM companies", (), |r| r.get(0))?;
        if count > 0 {
            return Ok(false);
        }
        seed(&tx, now)?;
        tx.commit()?;
        Ok(true)
    })
}

/// One status change of a seeded life-cycle: to, days ago, actor, reason.
type Step = (BenefitStatus, i64, &'static str, Option<RevocationReason>);

fn days_ago(now: Timestamp, days: i64) -> Timestamp {
    now.add_days(-days)
}

fn seed(conn: &Conn, now: Timestamp) -> crate::sql::Result<()> {
    let today = now.date();
    let day = |n: i64| today.add_days(-n);
    conn.execute(
        "INSERT INTO companies (id, name, partner_global_account_id, partner_id, account_email, home_tenant)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![COMPANY_ID, COMPANY_NAME, "pga-4781230", PARTNER_ID, ACCOUNT_EMAIL, HOME_TENANT],
    )?;
    for (id, email, name, roles, tenant) in USERS {
        conn.execute(
            "INSERT INTO users (id, company_id, email, display_name, password_hash, tenant, roles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                COMPANY_ID,
                email,
                name,
                hash_password(DEMO_PASSWORD),
                tenant,
                serde_json::to_string(roles).unwrap_or_default()
            ],
        )?;
    }
    conn.execute(
        "INSERT INTO tenant_associations (company_id, domain, organisation, associated_at, is_home)
         VALUES (?1, ?2, ?3, ?4, 1)",
        params![
            COMPANY_ID,
            HOME_TENANT,
            COMPANY_NAME,
            days_ago(now, 730).unix_seconds()
        ],
    )?;
    // The server's tenant directory (stand-in for Azure AD).
    conn.execute(
        "INSERT INTO tenant_directory (domain, organisation) VALUES (?1, ?2), (?3, ?4)",
        params![
            HOME_TENANT,
            COMPANY_NAME,
            FABRIKAM_TENANT,
            FABRIKAM_ORGANISATION
        ],
    )?;
    conn.execute(
        "INSERT INTO tenant_directory_users (domain, username, password_hash) VALUES (?1, ?2, ?3)",
        params![
            FABRIKAM_TENANT,
            FABRIKAM_ADMIN,
            hash_password(FABRIKAM_PASSWORD)
        ],
    )?;

    conn.execute(
        "INSERT INTO publisher_profiles (id, company_id, name, seller_id) VALUES
         ('pp-apps', ?1, 'Contoso Apps', 'SELLER-4781230-01'),
         ('pp-data', ?1, 'Contoso Data Services', 'SELLER-4781230-02')",
        [COMPANY_ID],
    )?;
    let offer = |id: &str, profile: &str, name: &str, offer_type, live: Option<Date>| Offer {
        id: id.into(),
        publisher_profile_id: profile.into(),
        name: name.into(),
        offer_type,
        live_date: live,
        visibility: Visibility::Public,
        bring_your_own_license: false,
        listing_optimization_completed: true,
        co_sell_ready: true,
        has_public_listing_of_same_solution: false,
    };
    let analytics = offer(
        "off-analytics",
        "pp-apps",
        "Contoso Analytics Cloud",
        OfferType::Transact,
        Some(day(730)),
    );
    let private = Offer {
        visibility: Visibility::Private,
        co_sell_ready: false,
        ..offer(
            "off-insights-private",
            "pp-data",
            "Contoso Insights for Northwind (private plan)",
            OfferType::Transact,
            Some(day(240)),
        )
    };
    let byol = Offer {
        bring_your_own_license: true,
        co_sell_ready: false,
        ..offer(
            "off-gateway-byol",
            "pp-data",
            "Contoso Secure Gateway (BYOL)",
            OfferType::Transact,
            Some(day(300)),
        )
    };
    let trial = Offer {
        listing_optimization_completed: false,
        ..offer(
            "off-forms-trial",
            "pp-apps",
            "Contoso Forms – 30-day free trial",
            OfferType::Trial,
            Some(day(165)),
        )
    };
    let consulting = offer(
        "off-migration-workshop",
        "pp-apps",
        "Contoso Cloud Migration Workshop",
        OfferType::Consulting,
        Some(day(20)),
    );
    let list = Offer {
        co_sell_ready: false,
        ..offer(
            "off-field-connector",
            "pp-data",
            "Contoso Field Service Connector",
            OfferType::List,
            Some(day(250)),
        )
    };
    let draft = Offer {
        listing_optimization_completed: false,
        co_sell_ready: false,
        ..offer(
            "off-copilot-draft",
            "pp-apps",
            "Contoso Copilot Add-in (draft)",
            OfferType::Transact,
            None,
        )
    };
    for o in [
        &analytics,
        &private,
        &byol,
        &trial,
        &consulting,
        &list,
        &draft,
    ] {
        repo::insert_offer(conn, COMPANY_ID, o)?;
    }
    // Owners, the Rewards team's first message, and Microsoft 365 app users.
    // The trial went live 165 days ago and nobody from the Rewards team has
    // written (the four-week rule shows it now); the workshop went live 20
    // days ago (it shows once the clock passes four weeks).
    let owner = |name: &str, email: &str| {
        Some(OfferOwner {
            name: name.into(),
            email: Some(email.into()),
        })
    };
    let extras = [
        (
            "off-analytics",
            owner("Megan Bowen", "megan@contoso.example"),
            Some(410),
            None,
        ),
        (
            "off-insights-private",
            owner("Alex Wilber", "alex@contoso.example"),
            Some(233),
            None,
        ),
        (
            "off-gateway-byol",
            owner("Alex Wilber", "alex@contoso.example"),
            Some(295),
            None,
        ),
        // Contoso Forms is a Microsoft 365 app: 320 monthly active users.
        (
            "off-forms-trial",
            owner("Adele Vance", "adele@contoso.example"),
            None,
            Some(320),
        ),
        (
            "off-migration-workshop",
            owner("Alex Wilber", "alex@contoso.example"),
            None,
            None,
        ),
        (
            "off-field-connector",
            owner("Megan Bowen", "megan@contoso.example"),
            Some(244),
            None,
        ),
        (
            "off-copilot-draft",
            owner("Adele Vance", "adele@contoso.example"),
            None,
            None,
        ),
    ];
    for (offer_id, owner, contacted, users) in extras {
        repo::set_offer_extras(
            conn,
            COMPANY_ID,
            &repo::OfferExtras {
                offer_id: offer_id.into(),
                owner,
                rewards_contacted_on: contacted.map(day),
                engagement_opted_out: false,
                monthly_active_users: users,
            },
        )?;
    }

    seed_usage(conn, today, &trial)?;

    // Billed sales: $61,500 within the trailing twelve months across both
    // profiles, plus a fraudulent sale and an old one that do not count, and
    // the annual renewal invoice of the flagship offer, billed in 10 days:
    // from then on the company is at $101,500 and the $100K tier's benefits
    // unlock (at run time, on the server's clock). Before that, a year of
    // smaller sales of the flagship offer: the company crossed into the $500
    // tier 23 months ago, $25K some 17 months ago and $50K with the large sale
    // 400 days ago (the Insights charts show it).
    let sales: &[(&str, &str, i64, i64, bool)] = &[
        ("pp-apps", "off-analytics", 20, 10_000, false),
        ("pp-apps", "off-analytics", 95, 12_500, false),
        ("pp-apps", "off-analytics", 180, 9_000, false),
        ("pp-apps", "off-analytics", 300, 8_000, false),
        ("pp-data", "off-insights-private", 45, 15_000, false),
        ("pp-data", "off-insights-private", 150, 7_000, false),
        ("pp-data", "off-insights-private", 60, 5_000, true),
        ("pp-apps", "off-analytics", 370, 9_500, false),
        ("pp-apps", "off-analytics", 400, 20_000, false),
        ("pp-apps", "off-analytics", -10, 40_000, false),
        ("pp-apps", "off-analytics", 440, 7_000, false),
        ("pp-apps", "off-analytics", 470, 5_500, false),
        ("pp-apps", "off-analytics", 505, 6_000, false),
        ("pp-apps", "off-analytics", 540, 4_500, false),
        ("pp-apps", "off-analytics", 575, 5_000, false),
        ("pp-apps", "off-analytics", 610, 3_500, false),
        ("pp-apps", "off-analytics", 650, 4_000, false),
        ("pp-apps", "off-analytics", 680, 3_000, false),
        ("pp-apps", "off-analytics", 715, 2_500, false),
    ];
    let mut billed = Vec::new();
    for (profile, offer_id, ago, dollars, fraudulent) in sales {
        conn.execute(
            "INSERT INTO billed_sales (publisher_profile_id, offer_id, billed_on, amount_cents, fraudulent)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![profile, offer_id, day(*ago).to_string(), dollars * 100, fraudulent],
        )?;
        billed.push(BilledSale {
            publisher_profile_id: profile.to_string(),
            offer_id: offer_id.to_string(),
            billed_on: day(*ago),
            amount_cents: dollars * 100,
            fraudulent: *fraudulent,
        });
    }
    debug_assert_eq!(trailing_twelve_month_sales(&billed, today), 61_500 * 100);
    // The first day since the flagship offer went live on which the sales reached `tier`.
    let reached_on = |tier: Tier| -> Timestamp {
        (0..=730)
            .rev()
            .map(day)
            .find(|d| tier_for_sales(trailing_twelve_month_sales(&billed, *d)) >= tier)
            .unwrap_or(day(730))
            .start_of_day()
    };
    let tier = company_tier(true, 61_500 * 100);
    debug_assert_eq!(tier, Some(Tier::Usd50k));

    let mut n = 0;
    let mut next_id = || {
        n += 1;
        format!("ben-{n:03}")
    };
    let mut benefits: Vec<Benefit> = Vec::new();
    // Transact benefits of the flagship offer: each unlocked one granted on the day the
    // company reached its tier; the locked ones since the offer went live.
    for entry in catalog::benefits_unlocked_at(Tier::Usd50k)
        .into_iter()
        .chain(catalog::benefits_locked_at(Some(Tier::Usd50k)))
    {
        let granted = if entry.unlock_tier <= Tier::Usd50k {
            reached_on(entry.unlock_tier)
        } else {
            days_ago(now, 730)
        };
        let id = next_id();
        benefits.push(entry.instantiate(Grant {
            id: &id,
            offer_id: Some(&analytics.id),
            offer_type: OfferType::Transact,
            company_tier: tier,
            granted_on: granted.date(),
            at: granted,
            actor: "system",
        }));
    }
    // Constraint demonstrations on the private and the BYOL offer.
    for (key, o) in [
        ("press_release_support", &private),
        ("featured_category_placement", &byol),
    ] {
        if let Some(entry) = catalog::find_transact(key, Tier::Usd50k) {
            let id = next_id();
            let at = o.live_date.map(|d| d.start_of_day()).unwrap_or(now);
            benefits.push(entry.instantiate(Grant {
                id: &id,
                offer_id: Some(&o.id),
                offer_type: OfferType::Transact,
                company_tier: tier,
                granted_on: at.date(),
                at,
                actor: "system",
            }));
        }
    }
    // List / Trial / Consulting benefits, granted when each offer went live.
    for o in [&trial, &consulting, &list] {
        let at = o.live_date.map(|d| d.start_of_day()).unwrap_or(now);
        for entry in catalog::benefits_for_offer_type(o.offer_type) {
            let id = next_id();
            benefits.push(entry.instantiate(Grant {
                id: &id,
                offer_id: Some(&o.id),
                offer_type: o.offer_type,
                company_tier: tier,
                granted_on: at.date(),
                at,
                actor: "system",
            }));
        }
    }

    // Life-cycle examples.
    let find = |benefits: &mut Vec<Benefit>, key: &str, offer: &str| -> Option<usize> {
        benefits
            .iter()
            .position(|b| b.key == key && b.offer_id.as_deref() == Some(offer))
    };
    let steps: &[(&str, &str, &[Step])] = &[
        // Activated 10 days ago: the one-week contact window has passed.
        (
            "rewards_testimonial",
            "off-analytics",
            &[(BenefitStatus::Activated, 10, "usr-alex", None)],
        ),
        // Activated 3 days ago, still within the window.
        (
            "blog_feature",
            "off-analytics",
            &[(BenefitStatus::Activated, 3, "usr-megan", None)],
        ),
        (
            "in_depth_customer_review",
            "off-analytics",
            &[
                (BenefitStatus::Activated, 40, "usr-alex", None),
                (BenefitStatus::InProgress, 35, "system", None),
            ],
        ),
        (
            "listing_optimization",
            "off-analytics",
            &[
                (BenefitStatus::Activated, 150, "usr-megan", None),
                (BenefitStatus::InProgress, 146, "system", None),
                (BenefitStatus::Completed, 100, "system", None),
            ],
        ),
        (
            "application_design_review",
            "off-analytics",
            &[
                (BenefitStatus::Activated, 90, "usr-adele", None),
                (
                    BenefitStatus::Revoked,
                    70,
                    "system",
                    Some(RevocationReason::CancelledBeforeUse),
                ),
            ],
        ),
    ];
    for (key, offer_id, changes) in steps {
        let Some(i) = find(&mut benefits, key, offer_id) else {
            continue;
        };
        for (to, ago, actor, reason) in changes.iter() {
            let _ = status::transition(&mut benefits[i], *to, *reason, actor, days_ago(now, *ago));
        }
    }
    // The rules as of now: the List offer went live long ago, so its
    // benefits are past activate-by (expired, with the date and the reason).
    let basis = TierStanding {
        eligible: true,
        billed_sales_ttm_cents: 61_500 * 100,
        monthly_active_users: Some(320),
    };
    for b in benefits.iter_mut() {
        timeline::refresh(b, &basis, now);
    }
    for b in &benefits {
        repo::insert_benefit(conn, COMPANY_ID, b)?;
    }
    seed_team(conn)?;
    seed_cases(conn, now, &benefits)
}

/// Contoso Forms' monthly active users over the last 24 months (oldest first, the current month
/// last and equal to the figure on the offer): the app was used through AppSource before its
/// marketplace trial went live, and crossed 250 users (the $25K tier's threshold) a few months ago.
const FORMS_USERS: [u64; 24] = [
    38, 45, 52, 61, 66, 74, 83, 90, 102, 111, 118, 126, 139, 150, 162, 171, 186, 204, 229, 248,
    263, 281, 297, 320,
];
/// Seats sold through the marketplace, by the same months (stored only from the month the offer
/// went live, five or six months ago).
const FORMS_SEATS: [u64; 24] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 150, 190, 232, 268, 301, 336, 365, 384,
];

/// The Microsoft 365 app's monthly history: users every month, seats from the month it went live.
fn seed_usage(conn: &Conn, today: Date, app: &Offer) -> crate::sql::Result<()> {
    let months = months_ending(today);
    for (i, (first, last)) in months.into_iter().enumerate() {
        let live = app.live_date.is_some_and(|d| d <= last);
        repo::set_usage_month(
            conn,
            &UsageRecord {
                offer_id: app.id.clone(),
                month: first,
                seats_sold: live.then_some(FORMS_SEATS[i]),
                monthly_active_users: Some(FORMS_USERS[i]),
            },
        )?;
    }
    debug_assert_eq!(FORMS_USERS.last(), Some(&320));
    Ok(())
}

fn seed_team(conn: &Conn) -> crate::sql::Result<()> {
    conn.execute(
        "INSERT INTO companies (id, name, partner_global_account_id, partner_id, account_email, home_tenant)
         VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
        params![
            TEAM_COMPANY_ID,
            "Microsoft Marketplace Rewards",
            "pga-rewards-team",
            TEAM_EMAIL,
            TEAM_TENANT
        ],
    )?;
    conn.execute(
        "INSERT INTO users (id, company_id, email, display_name, password_hash, tenant, roles)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            TEAM_USER_ID,
            TEAM_COMPANY_ID,
            TEAM_EMAIL,
            TEAM_NAME,
            hash_password(DEMO_PASSWORD),
            TEAM_TENANT,
            serde_json::to_string(&[Role::RewardsTeam]).unwrap_or_default()
        ],
    )?;
    Ok(())
}

/// One step of a seeded case: to, hours ago, actor, quantity used, note.
type CaseStep = (
    RequestStatus,
    i64,
    &'static str,
    Option<u32>,
    Option<&'static str>,
);

/// A seeded case: seq, phase, title, hours ago, submitter, steps.
type DemoCase = (
    i64,
    TechnicalPhase,
    &'static str,
    i64,
    &'static str,
    &'static [CaseStep],
);

/// Demo technical cases, numbered below [`FIRST_CASE_SEQ`] (new cases continue from it): one
/// submitted a few hours ago (cancellable), one in progress, one resolved that drew down 12
/// advisory hours, one whose first reply came after the promised two business days, a
/// cancelled one and a closed one that used 2 support incidents.
const DEMO_CASES: &[DemoCase] = &[
    (
        118,
        TechnicalPhase::Deployment,
        "Deploying Contoso Analytics Cloud to a second Azure region",
        3,
        "usr-alex",
        &[],
    ),
    (
        117,
        TechnicalPhase::AppDevelopment,
        "Throttling errors from the metering API",
        6 * 24,
        "usr-adele",
        &[
            (RequestStatus::InReview, 5 * 24, TEAM_USER_ID, None, None),
            (
                RequestStatus::InProgress,
                4 * 24,
                TEAM_USER_ID,
                None,
                Some("We reproduced the throttling with your sample and are working on it with the metering team."),
            ),
        ],
    ),
    (
        116,
        TechnicalPhase::Presales,
        "Architecture review before a customer proof of concept",
        30 * 24,
        "usr-megan",
        &[
            (RequestStatus::InReview, 29 * 24, TEAM_USER_ID, None, None),
            (RequestStatus::InProgress, 27 * 24, TEAM_USER_ID, None, None),
            (
                RequestStatus::Resolved,
                20 * 24,
                TEAM_USER_ID,
                Some(12),
                Some("Three advisory sessions held (12 hours). The reference architecture is attached to your Partner Center case."),
            ),
        ],
    ),
    (
        115,
        TechnicalPhase::Design,
        "Multi-tenant data isolation for the Insights offer",
        12 * 24,
        "usr-alex",
        &[
            (
                RequestStatus::ActionRequired,
                6 * 24,
                TEAM_USER_ID,
                None,
                Some("Sorry for the late answer. Could you send the tenant model you have in mind (a diagram is enough)?"),
            ),
        ],
    ),
    (
        114,
        TechnicalPhase::Deployment,
        "Private offer deployment question",
        40 * 24,
        "usr-adele",
        &[(RequestStatus::Cancelled, 40 * 24 - 2, "usr-adele", None, None)],
    ),
    (
        113,
        TechnicalPhase::AppDevelopment,
        "Webhook retries after an outage",
        60 * 24,
        "usr-alex",
        &[
            (RequestStatus::InReview, 60 * 24 - 20, TEAM_USER_ID, None, None),
            (
                RequestStatus::Resolved,
                55 * 24,
                TEAM_USER_ID,
                Some(2),
                Some("Two support incidents: the retry policy and the dead-letter queue are now configured."),
            ),
            (RequestStatus::Closed, 50 * 24, TEAM_USER_ID, None, None),
        ],
    ),
];

fn seed_cases(conn: &Conn, now: Timestamp, benefits: &[Benefit]) -> crate::sql::Result<()> {
    for (seq, phase, title, hours_ago, by, steps) in DEMO_CASES {
        let created_at = now.add_seconds(-hours_ago * 3600);
        let request = TechnicalRequest {
            id: format!("tr-demo-{seq}"),
            case_number: format!("TR-{}-{seq:06}", created_at.date().year()),
            phase: *phase,
            solution_type: SolutionType::Cloud,
            title: (*title).into(),
            description: format!("{title}. Details are in the attached notes."),
            products: vec![
                "Azure Kubernetes Service".into(),
                "Azure SQL Database".into(),
            ],
            phone_e164: "+442079460000".into(),
            country_region: "GB".into(),
            time_zone: "Europe/London".into(),
            language: Language::En,
            preferred_contact_time: "Weekdays 9:00–12:00".into(),
            status: RequestStatus::Submitted,
            created_at,
            created_by: (*by).into(),
            benefit_id: case::draws_on(*phase, benefits).map(|b| b.id.clone()),
            quantity_used: None,
            version: 0,
        };
        repo::insert_technical_request(conn, COMPANY_ID, *seq, &request)?;
        let mut from = RequestStatus::Submitted;
        let mut kept = None;
        for (version, (to, ago, actor, used, note)) in (0u64..).zip(steps.iter()) {
            // As the team's transition keeps it: a resolution records its quantity, closing
            // keeps it, any other move clears it.
            kept = match to {
                RequestStatus::Resolved => *used,
                RequestStatus::Closed => kept,
                _ => None,
            };
            repo::move_case_if(conn, &request.id, version, *to, kept)?;
            let party = if *actor == TEAM_USER_ID {
                CaseParty::RewardsTeam
            } else {
                CaseParty::Partner
            };
            repo::insert_case_event(
                conn,
                &request.id,
                &repo::CaseEventRow {
                    at: now.add_seconds(-ago * 3600),
                    actor_id: actor,
                    party,
                    from: Some(from),
                    to: Some(*to),
                    note: *note,
                },
            )?;
            from = *to;
        }
    }
    Ok(())
}
