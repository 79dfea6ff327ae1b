//! Row mapping between the database (SQLite or PostgreSQL, through
//! [`crate::sql`]) and the core model types. Enums are stored as
//! their serde wire names, structured values as JSON text.

use crate::clock;
use crate::params;
use crate::sql::{Conn, OptionalExtension, Row};
use rewards_core::api::OfferOwner;
use rewards_core::date::{Date, Timestamp};
use rewards_core::eligibility::{check_eligibility, Eligibility};
use rewards_core::insights::m365::UsageRecord;
use rewards_core::insights::month_start;
use rewards_core::model::{
    Benefit, CaseNote, CaseParty, CaseStatusChange, Company, MarketingContact, Offer,
    PublisherProfile, RequestStatus, StatusChange, TechnicalRequest, TenantAssociation,
};
use rewards_core::tier::{trailing_twelve_month_sales, BilledSale, Tier};
use rewards_core::timeline::{refresh, TierStanding};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Serializes an enum to its wire name (or any value to JSON text).
pub fn enc<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn conv_err(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> crate::sql::Error {
    crate::sql::Error::Conversion(idx, e.to_string())
}

/// Reads an enum stored by [`enc`].
pub fn dec<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> crate::sql::Result<T> {
    let s: String = row.get(idx)?;
    serde_json::from_value(serde_json::Value::String(s)).map_err(|e| conv_err(idx, e))
}

fn dec_opt<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> crate::sql::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| serde_json::from_value(serde_json::Value::String(s)).map_err(|e| conv_err(idx, e)))
        .transpose()
}

/// Reads a JSON text column.
pub fn json<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> crate::sql::Result<T> {
    let s: String = row.get(idx)?;
    serde_json::from_str(&s).map_err(|e| conv_err(idx, e))
}

fn date_opt(row: &Row<'_>, idx: usize) -> crate::sql::Result<Option<Date>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| Date::parse(&s).map_err(|e| conv_err(idx, e)))
        .transpose()
}

fn date(row: &Row<'_>, idx: usize) -> crate::sql::Result<Date> {
    let s: String = row.get(idx)?;
    Date::parse(&s).map_err(|e| conv_err(idx, e))
}

fn ts(row: &Row<'_>, idx: usize) -> crate::sql::Result<Timestamp> {
    Ok(clock::ts(row.get(idx)?))
}

fn ts_opt(row: &Row<'_>, idx: usize) -> crate::sql::Result<Option<Timestamp>> {
    Ok(row.get::<_, Option<i64>>(idx)?.map(clock::ts))
}

pub fn company(conn: &Conn, company_id: &str) -> crate::sql::Result<Company> {
    conn.query_row(
        "SELECT partner_global_account_id, partner_id, name, account_email, home_tenant FROM companies WHERE id = ?1",
        [company_id],
        |r| {
            Ok(Company {
                partner_global_account_id: r.get(0)?,
                partner_id: r.get(1)?,
                name: r.get(2)?,
                account_email: r.get(3)?,
                home_tenant: r.get(4)?,
            })
        },
    )
}

pub fn profiles(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<PublisherProfile>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, seller_id FROM publisher_profiles WHERE company_id = ?1 ORDER BY name",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok(PublisherProfile {
            id: r.get(0)?,
            name: r.get(1)?,
            seller_id: r.get(2)?,
        })
    })?;
    rows.collect()
}

const OFFER_COLUMNS: &str = "id, publisher_profile_id, name, offer_type, live_date, visibility, \
    bring_your_own_license, listing_optimization_completed, co_sell_ready, has_public_listing_of_same_solution";

fn offer_row(r: &Row<'_>) -> crate::sql::Result<Offer> {
    Ok(Offer {
        id: r.get(0)?,
        publisher_profile_id: r.get(1)?,
        name: r.get(2)?,
        offer_type: dec(r, 3)?,
        live_date: date_opt(r, 4)?,
        visibility: dec(r, 5)?,
        bring_your_own_license: r.get(6)?,
        listing_optimization_completed: r.get(7)?,
        co_sell_ready: r.get(8)?,
        has_public_listing_of_same_solution: r.get(9)?,
    })
}

pub fn offers(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<Offer>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OFFER_COLUMNS} FROM offers WHERE company_id = ?1 ORDER BY name"
    ))?;
    let rows = stmt.query_map([company_id], offer_row)?;
    rows.collect()
}

pub fn offer(conn: &Conn, company_id: &str, id: &str) -> crate::sql::Result<Option<Offer>> {
    conn.query_row(
        &format!("SELECT {OFFER_COLUMNS} FROM offers WHERE company_id = ?1 AND id = ?2"),
        [company_id, id],
        offer_row,
    )
    .optional()
}

pub fn insert_offer(conn: &Conn, company_id: &str, o: &Offer) -> crate::sql::Result<()> {
    conn.execute(
        &format!("INSERT INTO offers (company_id, {OFFER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            company_id,
            o.id,
            o.publisher_profile_id,
            o.name,
            enc(&o.offer_type),
            o.live_date.map(|d| d.to_string()),
            enc(&o.visibility),
            o.bring_your_own_license,
            o.listing_optimization_completed,
            o.co_sell_ready,
            o.has_public_listing_of_same_solution
        ],
    )?;
    Ok(())
}

pub fn sales(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<BilledSale>> {
    let mut stmt = conn.prepare(
        "SELECT s.publisher_profile_id, s.offer_id, s.billed_on, s.amount_cents, s.fraudulent
         FROM billed_sales s JOIN publisher_profiles p ON p.id = s.publisher_profile_id
         WHERE p.company_id = ?1 ORDER BY s.billed_on",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok(BilledSale {
            publisher_profile_id: r.get(0)?,
            offer_id: r.get(1)?,
            billed_on: date(r, 2)?,
            amount_cents: r.get(3)?,
            fraudulent: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// Programme standing of a company on `today`.
pub struct Standing {
    pub company: Company,
    pub offers: Vec<Offer>,
    pub sales: Vec<BilledSale>,
    pub eligibility: Eligibility,
    pub ttm_cents: i64,
    /// What the tier rests on (billed sales, Microsoft 365 app users).
    pub basis: TierStanding,
    /// The higher of the tier by billed sales and by monthly active users.
    pub tier: Option<Tier>,
}

pub fn standing(conn: &Conn, company_id: &str, today: Date) -> crate::sql::Result<Standing> {
    let company = company(conn, company_id)?;
    let offers = offers(conn, company_id)?;
    let sales = sales(conn, company_id)?;
    let eligibility = check_eligibility(&company, &offers, today);
    let ttm_cents = trailing_twelve_month_sales(&sales, today);
    let live: Vec<&str> = offers
        .iter()
        .filter(|o| o.is_live(today))
        .map(|o| o.id.as_str())
        .collect();
    let monthly_active_users = offer_extras(conn, company_id)?
        .into_iter()
        .filter(|e| live.contains(&e.offer_id.as_str()))
        .filter_map(|e| e.monthly_active_users)
        .max();
    let basis = TierStanding {
        eligible: eligibility.is_eligible(),
        billed_sales_ttm_cents: ttm_cents,
        monthly_active_users,
    };
    Ok(Standing {
        company,
        offers,
        sales,
        eligibility,
        ttm_cents,
        tier: basis.tier(),
        basis,
    })
}

/// What the server keeps about an offer beyond the marketplace facts: its
/// owner, the Rewards team's first message, the engagement choice (List and
/// Trial) and Microsoft 365 app users.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferExtras {
    pub offer_id: String,
    pub owner: Option<OfferOwner>,
    pub rewards_contacted_on: Option<Date>,
    pub engagement_opted_out: bool,
    pub monthly_active_users: Option<u64>,
}

pub fn offer_extras(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<OfferExtras>> {
    let mut stmt = conn.prepare(
        "SELECT id, owner_name, owner_email, rewards_contacted_on, engagement_opted_out, monthly_active_users
         FROM offers WHERE company_id = ?1 ORDER BY name",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        let name: Option<String> = r.get(1)?;
        let email: Option<String> = r.get(2)?;
        Ok(OfferExtras {
            offer_id: r.get(0)?,
            owner: name.map(|name| OfferOwner { name, email }),
            rewards_contacted_on: date_opt(r, 3)?,
            engagement_opted_out: r.get(4)?,
            monthly_active_users: r
                .get::<_, Option<i64>>(5)?
                .map(|n| u64::try_from(n).unwrap_or(0)),
        })
    })?;
    rows.collect()
}

/// Writes an offer's extras (the demo data; the engagement choice).
pub fn set_offer_extras(
    conn: &Conn,
    company_id: &str,
    e: &OfferExtras,
) -> crate::sql::Result<usize> {
    conn.execute(
        "UPDATE offers SET owner_name = ?3, owner_email = ?4, rewards_contacted_on = ?5,
             engagement_opted_out = ?6, monthly_active_users = ?7
         WHERE company_id = ?1 AND id = ?2",
        params![
            company_id,
            e.offer_id,
            e.owner.as_ref().map(|o| o.name.clone()),
            e.owner.as_ref().and_then(|o| o.email.clone()),
            e.rewards_contacted_on.map(|d| d.to_string()),
            e.engagement_opted_out,
            e.monthly_active_users
                .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
        ],
    )
}

/// The Microsoft 365 apps' monthly history (seats sold, monthly active users) of
/// the company's offers, by offer and month.
pub fn usage_months(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<UsageRecord>> {
    let mut stmt = conn.prepare(
        "SELECT u.offer_id, u.month, u.seats_sold, u.monthly_active_users
         FROM offer_usage_months u JOIN offers o ON o.id = u.offer_id
         WHERE o.company_id = ?1 ORDER BY u.offer_id, u.month",
    )?;
    let count = |r: &Row<'_>, idx: usize| -> crate::sql::Result<Option<u64>> {
        Ok(r.get::<_, Option<i64>>(idx)?
            .map(|n| u64::try_from(n).unwrap_or(0)))
    };
    let rows = stmt.query_map([company_id], |r| {
        Ok(UsageRecord {
            offer_id: r.get(0)?,
            month: date(r, 1)?,
            seats_sold: count(r, 2)?,
            monthly_active_users: count(r, 3)?,
        })
    })?;
    rows.collect()
}

/// Stores one month of an app's history (the month's first day), replacing what was there.
pub fn set_usage_month(conn: &Conn, u: &UsageRecord) -> crate::sql::Result<usize> {
    let n = |v: Option<u64>| v.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    conn.execute(
        "DELETE FROM offer_usage_months WHERE offer_id = ?1 AND month = ?2",
        params![u.offer_id, month_start(u.month).to_string()],
    )?;
    conn.execute(
        "INSERT INTO offer_usage_months (offer_id, month, seats_sold, monthly_active_users)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            u.offer_id,
            month_start(u.month).to_string(),
            n(u.seats_sold),
            n(u.monthly_active_users)
        ],
    )
}

/// Applies the time and tier rules ([`rewards_core::timeline::refresh`]) to
/// every benefit of the company as of `now`, stores the changes, each with its
/// history record (actor "system", with its cause), and returns the company's
/// benefits as they now stand, so a read needs no second query. A change is
/// written only if the benefit still has the status it was read with, so two
/// requests (or instances) evaluating at once record it once.
pub fn current_benefits(
    conn: &Conn,
    company_id: &str,
    now: Timestamp,
) -> crate::sql::Result<Vec<Benefit>> {
    let st = standing(conn, company_id, now.date())?;
    let mut all = benefits(conn, company_id)?;
    let mut pending = Vec::new();
    for (at, b) in all.iter_mut().enumerate() {
        let before = b.status;
        let changes = refresh(b, &st.basis, now);
        if !changes.is_empty() {
            pending.push((at, before, changes));
        }
    }
    if pending.is_empty() {
        return Ok(all);
    }
    let tx = conn.transaction()?;
    let mut raced = false;
    for (at, before, changes) in &pending {
        let b = &all[*at];
        let updated = tx.execute(
            "UPDATE benefits SET status = ?2, status_reason = ?3, activated_at = ?4 WHERE id = ?1 AND status = ?5",
            params![
                b.id,
                enc(&b.status),
                b.status_reason.map(|r| enc(&r)),
                b.activated_at.map(|t| t.unix_seconds()),
                enc(before)
            ],
        )?;
        if updated == 1 {
            for c in changes {
                insert_history(&tx, &b.id, c)?;
            }
        } else {
            raced = true;
        }
    }
    tx.commit()?;
    // Another request (or instance) changed a benefit first: read what it wrote.
    if raced {
        benefits(conn, company_id)
    } else {
        Ok(all)
    }
}

/// [`current_benefits`] before a read or write that does not need the list.
pub fn refresh_company(conn: &Conn, company_id: &str, now: Timestamp) -> crate::sql::Result<()> {
    current_benefits(conn, company_id, now).map(drop)
}

const BENEFIT_COLUMNS: &str =
    "id, key, category, source, quantity, unlock_tier, constraints, offer_id, \
    activate_by, status, status_reason, activated_at, activation_mode";

/// The quantity resolved technical cases used of each benefit (`Benefit.drawn_down`), read
/// with the benefit (the 14th column): reopening a case clears its `quantity_used`, so the sum
/// is always what the resolved and closed cases used.
const DRAWN_DOWN: &str = "(SELECT CAST(COALESCE(SUM(t.quantity_used), 0) AS BIGINT) \
    FROM technical_requests t WHERE t.benefit_id = benefits.id)";

fn benefit_row(r: &Row<'_>) -> crate::sql::Result<Benefit> {
    Ok(Benefit {
        id: r.get(0)?,
        key: r.get(1)?,
        category: dec(r, 2)?,
        source: json(r, 3)?,
        quantity: json(r, 4)?,
        unlock_tier: dec(r, 5)?,
        constraints: json(r, 6)?,
        offer_id: r.get(7)?,
        activate_by: date_opt(r, 8)?,
        status: dec(r, 9)?,
        status_reason: dec_opt(r, 10)?,
        history: Vec::new(),
        activated_at: ts_opt(r, 11)?,
        activation_mode: dec(r, 12)?,
        drawn_down: u32::try_from(r.get::<_, i64>(13)?.max(0)).unwrap_or(u32::MAX),
    })
}

pub fn history(conn: &Conn, benefit_id: &str) -> crate::sql::Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare(
        "SELECT from_status, to_status, at, actor, reason, cause FROM benefit_history WHERE benefit_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([benefit_id], |r| {
        Ok(StatusChange {
            from: dec_opt(r, 0)?,
            to: dec(r, 1)?,
            at: ts(r, 2)?,
            actor: r.get(3)?,
            reason: dec_opt(r, 4)?,
            cause: r
                .get::<_, Option<String>>(5)?
                .map(|c| serde_json::from_str(&c).map_err(|e| conv_err(5, e)))
                .transpose()?,
        })
    })?;
    rows.collect()
}

/// All benefits of a company (without history), in catalogue-ish order.
pub fn benefits(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<Benefit>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {BENEFIT_COLUMNS}, {DRAWN_DOWN} FROM benefits WHERE company_id = ?1 ORDER BY rowid"
    ))?;
    let rows = stmt.query_map([company_id], benefit_row)?;
    rows.collect()
}

/// One benefit with its history, scoped to the company.
pub fn benefit(conn: &Conn, company_id: &str, id: &str) -> crate::sql::Result<Option<Benefit>> {
    let b = conn
        .query_row(
            &format!("SELECT {BENEFIT_COLUMNS}, {DRAWN_DOWN} FROM benefits WHERE company_id = ?1 AND id = ?2"),
            [company_id, id],
            benefit_row,
        )
        .optional()?;
    match b {
        Some(mut b) => {
            b.history = history(conn, &b.id)?;
            Ok(Some(b))
        }
        None => Ok(None),
    }
}

/// All benefits of a company with their status histories (two queries).
pub fn benefits_with_history(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<Benefit>> {
    let mut benefits = benefits(conn, company_id)?;
    let mut stmt = conn.prepare(
        "SELECT h.benefit_id, h.from_status, h.to_status, h.at, h.actor, h.reason, h.cause
         FROM benefit_history h JOIN benefits b ON b.id = h.benefit_id
         WHERE b.company_id = ?1 ORDER BY h.id",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            StatusChange {
                from: dec_opt(r, 1)?,
                to: dec(r, 2)?,
                at: ts(r, 3)?,
                actor: r.get(4)?,
                reason: dec_opt(r, 5)?,
                cause: r
                    .get::<_, Option<String>>(6)?
                    .map(|c| serde_json::from_str(&c).map_err(|e| conv_err(6, e)))
                    .transpose()?,
            },
        ))
    })?;
    let mut by_id: std::collections::HashMap<String, Vec<StatusChange>> = Default::default();
    for row in rows {
        let (id, change) = row?;
        by_id.entry(id).or_default().push(change);
    }
    for b in &mut benefits {
        b.history = by_id.remove(&b.id).unwrap_or_default();
    }
    Ok(benefits)
}

pub fn insert_history(conn: &Conn, benefit_id: &str, c: &StatusChange) -> crate::sql::Result<()> {
    conn.execute(
        "INSERT INTO benefit_history (benefit_id, from_status, to_status, at, actor, reason, cause) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            benefit_id,
            c.from.map(|s| enc(&s)),
            enc(&c.to),
            c.at.unix_seconds(),
            c.actor,
            c.reason.map(|r| enc(&r)),
            c.cause.and_then(|c| serde_json::to_string(&c).ok())
        ],
    )?;
    Ok(())
}

pub fn insert_benefit(conn: &Conn, company_id: &str, b: &Benefit) -> crate::sql::Result<()> {
    conn.execute(
        &format!("INSERT INTO benefits (company_id, {BENEFIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            company_id,
            b.id,
            b.key,
            enc(&b.category),
            serde_json::to_string(&b.source).unwrap_or_default(),
            serde_json::to_string(&b.quantity).unwrap_or_default(),
            enc(&b.unlock_tier),
            serde_json::to_string(&b.constraints).unwrap_or_default(),
            b.offer_id,
            b.activate_by.map(|d| d.to_string()),
            enc(&b.status),
            b.status_reason.map(|r| enc(&r)),
            b.activated_at.map(|t| t.unix_seconds()),
            enc(&b.activation_mode)
        ],
    )?;
    for c in &b.history {
        insert_history(conn, &b.id, c)?;
    }
    Ok(())
}

/// Persists a status change made by `rewards_core::status::transition`.
pub fn save_transition(conn: &Conn, b: &Benefit, change: &StatusChange) -> crate::sql::Result<()> {
    conn.execute(
        "UPDATE benefits SET status = ?2, status_reason = ?3, activated_at = ?4 WHERE id = ?1",
        params![
            b.id,
            enc(&b.status),
            b.status_reason.map(|r| enc(&r)),
            b.activated_at.map(|t| t.unix_seconds())
        ],
    )?;
    insert_history(conn, &b.id, change)
}

pub fn contacts(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<MarketingContact>> {
    let mut stmt = conn.prepare(
        "SELECT id, user_id, email, phone_e164, preferred_language FROM marketing_contacts
         WHERE company_id = ?1 ORDER BY created_at, rowid",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok(MarketingContact {
            id: r.get(0)?,
            user_id: r.get(1)?,
            email: r.get(2)?,
            phone_e164: r.get(3)?,
            preferred_language: dec(r, 4)?,
        })
    })?;
    rows.collect()
}

pub fn contacts_version(conn: &Conn, company_id: &str) -> crate::sql::Result<u64> {
    conn.query_row(
        "SELECT contacts_version FROM companies WHERE id = ?1",
        [company_id],
        |r| r.get(0),
    )
}

/// Advances the contacts version if it is still `expected` (one conditional
/// UPDATE, so two writers with the same `If-Match` cannot both pass): the new
/// version, or `None` when it was changed meanwhile.
pub fn bump_contacts_version_if(
    conn: &Conn,
    company_id: &str,
    expected: u64,
) -> crate::sql::Result<Option<u64>> {
    conn.query_row(
        "UPDATE companies SET contacts_version = contacts_version + 1
          WHERE id = ?1 AND contacts_version = ?2 RETURNING contacts_version",
        params![company_id, expected],
        |r| r.get(0),
    )
    .optional()
}

pub fn tenants(conn: &Conn, company_id: &str) -> crate::sql::Result<Vec<TenantAssociation>> {
    let mut stmt = conn.prepare(
        "SELECT domain, organisation, associated_at, is_home FROM tenant_associations
         WHERE company_id = ?1 ORDER BY is_home DESC, associated_at, domain",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok(TenantAssociation {
            domain: r.get(0)?,
            organisation: r.get(1)?,
            associated_at: ts(r, 2)?,
            is_home: r.get(3)?,
        })
    })?;
    rows.collect()
}

pub fn tenants_version(conn: &Conn, company_id: &str) -> crate::sql::Result<u64> {
    conn.query_row(
        "SELECT tenants_version FROM companies WHERE id = ?1",
        [company_id],
        |r| r.get(0),
    )
}

/// Advances the tenants version if it is still `expected` (one conditional
/// UPDATE, so two writers with the same `If-Match` cannot both pass): the new
/// version, or `None` when it was changed meanwhile.
pub fn bump_tenants_version_if(
    conn: &Conn,
    company_id: &str,
    expected: u64,
) -> crate::sql::Result<Option<u64>> {
    conn.query_row(
        "UPDATE companies SET tenants_version = tenants_version + 1
          WHERE id = ?1 AND tenants_version = ?2 RETURNING tenants_version",
        params![company_id, expected],
        |r| r.get(0),
    )
    .optional()
}

const REQUEST_COLUMNS: &str = "id, case_number, phase, solution_type, title, description, products, \
    phone_e164, country_region, time_zone, language, preferred_contact_time, status, created_at, created_by, \
    benefit_id, quantity_used, version";

fn request_row(r: &Row<'_>) -> crate::sql::Result<TechnicalRequest> {
    Ok(TechnicalRequest {
        id: r.get(0)?,
        case_number: r.get(1)?,
        phase: dec(r, 2)?,
        solution_type: dec(r, 3)?,
        title: r.get(4)?,
        description: r.get(5)?,
        products: json(r, 6)?,
        phone_e164: r.get(7)?,
        country_region: r.get(8)?,
        time_zone: r.get(9)?,
        language: dec(r, 10)?,
        preferred_contact_time: r.get(11)?,
        status: dec(r, 12)?,
        created_at: ts(r, 13)?,
        created_by: r.get(14)?,
        benefit_id: r.get(15)?,
        quantity_used: r
            .get::<_, Option<i64>>(16)?
            .map(|q| u32::try_from(q.max(0)).unwrap_or(u32::MAX)),
        version: u64::try_from(r.get::<_, i64>(17)?).unwrap_or(0),
    })
}

pub fn technical_requests(
    conn: &Conn,
    company_id: &str,
) -> crate::sql::Result<Vec<TechnicalRequest>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REQUEST_COLUMNS} FROM technical_requests WHERE company_id = ?1 ORDER BY seq DESC"
    ))?;
    let rows = stmt.query_map([company_id], request_row)?;
    rows.collect()
}

pub fn technical_request(
    conn: &Conn,
    company_id: &str,
    id: &str,
) -> crate::sql::Result<Option<TechnicalRequest>> {
    conn.query_row(
        &format!(
            "SELECT {REQUEST_COLUMNS} FROM technical_requests WHERE company_id = ?1 AND (id = ?2 OR case_number = ?2)"
        ),
        [company_id, id],
        request_row,
    )
    .optional()
}

/// Advances the named counter (table `counters`) with one atomic UPDATE and
/// returns its new value, so parallel writers (in any process) never get the
/// same number.
pub fn next_counter(conn: &Conn, name: &str) -> crate::sql::Result<i64> {
    conn.query_row(
        "UPDATE counters SET value = value + 1 WHERE name = ?1 RETURNING value",
        [name],
        |r| r.get(0),
    )
}

/// Counter of technical-request sequence numbers (case numbers).
pub const TECHNICAL_REQUEST_SEQ: &str = "technical_request_seq";

pub fn insert_technical_request(
    conn: &Conn,
    company_id: &str,
    seq: i64,
    t: &TechnicalRequest,
) -> crate::sql::Result<()> {
    conn.execute(
        &format!("INSERT INTO technical_requests (company_id, seq, {REQUEST_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"),
        params![
            company_id,
            seq,
            t.id,
            t.case_number,
            enc(&t.phase),
            enc(&t.solution_type),
            t.title,
            t.description,
            serde_json::to_string(&t.products).unwrap_or_default(),
            t.phone_e164,
            t.country_region,
            t.time_zone,
            enc(&t.language),
            t.preferred_contact_time,
            enc(&t.status),
            t.created_at.unix_seconds(),
            t.created_by,
            t.benefit_id,
            t.quantity_used.map(i64::from),
            i64::try_from(t.version).unwrap_or(0)
        ],
    )?;
    insert_case_event(
        conn,
        &t.id,
        &CaseEventRow {
            at: t.created_at,
            actor_id: &t.created_by,
            party: CaseParty::Partner,
            from: None,
            to: Some(t.status),
            note: None,
        },
    )
}

/// Display names of the company's users matching `pred`.
/// Names of the users who hold a matching role AND can see the programme (their
/// tenant is associated): the people a read-only user can actually ask.
pub fn user_names_where(
    conn: &Conn,
    company_id: &str,
    pred: impl Fn(&[rewards_core::model::Role]) -> bool,
) -> crate::sql::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT u.display_name, u.roles FROM users u
           JOIN tenant_associations t ON t.company_id = u.company_id AND t.domain = u.tenant
          WHERE u.company_id = ?1 ORDER BY u.display_name",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut names = Vec::new();
    for row in rows {
        let (name, roles) = row?;
        if pred(&crate::auth::parse_roles(&roles)) {
            names.push(name);
        }
    }
    Ok(names)
}

pub fn users(
    conn: &Conn,
    company_id: &str,
) -> crate::sql::Result<Vec<rewards_core::api::UserSummary>> {
    // Only users who sign in through a tenant associated with the account are its users
    // (a user of another tenant joins the list once that tenant is associated).
    let mut stmt = conn.prepare(
        "SELECT u.id, u.display_name, u.email, u.roles FROM users u
           JOIN tenant_associations t ON t.company_id = u.company_id AND t.domain = u.tenant
          WHERE u.company_id = ?1 ORDER BY u.display_name",
    )?;
    let rows = stmt.query_map([company_id], |r| {
        Ok(rewards_core::api::UserSummary {
            id: r.get(0)?,
            display_name: r.get(1)?,
            email: r.get(2)?,
            roles: crate::auth::parse_roles(&r.get::<_, String>(3)?),
        })
    })?;
    rows.collect()
}

// ---------------------------------------------------------------------------
// Technical cases: events (status changes and notes) and the team's view
// ---------------------------------------------------------------------------

/// One row of `technical_request_events` to write.
pub struct CaseEventRow<'a> {
    pub at: Timestamp,
    pub actor_id: &'a str,
    pub party: CaseParty,
    pub from: Option<RequestStatus>,
    /// `Some` for a status change.
    pub to: Option<RequestStatus>,
    /// `Some` for a note.
    pub note: Option<&'a str>,
}

pub fn insert_case_event(
    conn: &Conn,
    request_id: &str,
    e: &CaseEventRow<'_>,
) -> crate::sql::Result<()> {
    conn.execute(
        "INSERT INTO technical_request_events (request_id, at, actor_id, party, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            request_id,
            e.at.unix_seconds(),
            e.actor_id,
            enc(&e.party),
            e.from.map(|s| enc(&s)),
            e.to.map(|s| enc(&s)),
            e.note
        ],
    )?;
    Ok(())
}

/// A case's timeline and notes, oldest first, with the actors' display names.
pub struct CaseEvents {
    pub timeline: Vec<CaseStatusChange>,
    pub notes: Vec<CaseNote>,
}

impl CaseEvents {
    /// The first status change or note of the Rewards team.
    pub fn first_team_reply(&self) -> Option<Timestamp> {
        let change = self
            .timeline
            .iter()
            .find(|c| c.party == CaseParty::RewardsTeam)
            .map(|c| c.at);
        let note = self
            .notes
            .iter()
            .find(|n| n.party == CaseParty::RewardsTeam)
            .map(|n| n.at);
        change.into_iter().chain(note).min()
    }

    /// When the partner cancelled the case, if they did.
    pub fn cancelled_at(&self) -> Option<Timestamp> {
        self.timeline
            .iter()
            .find(|c| c.to == RequestStatus::Cancelled)
            .map(|c| c.at)
    }
}

pub fn case_events(conn: &Conn, request_id: &str) -> crate::sql::Result<CaseEvents> {
    let mut stmt = conn.prepare(
        "SELECT e.at, u.display_name, e.party, e.from_status, e.to_status, e.note
           FROM technical_request_events e JOIN users u ON u.id = e.actor_id
          WHERE e.request_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok((
            ts(r, 0)?,
            r.get::<_, String>(1)?,
            dec::<CaseParty>(r, 2)?,
            dec_opt::<RequestStatus>(r, 3)?,
            dec_opt::<RequestStatus>(r, 4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut events = CaseEvents {
        timeline: Vec::new(),
        notes: Vec::new(),
    };
    for row in rows {
        let (at, actor, party, from, to, note) = row?;
        if let Some(to) = to {
            events.timeline.push(CaseStatusChange {
                from,
                to,
                at,
                actor: actor.clone(),
                party,
            });
        }
        if let Some(text) = note {
            events.notes.push(CaseNote {
                at,
                author: actor,
                party,
                text,
            });
        }
    }
    Ok(events)
}

/// A case of any company by id or case number (the Rewards team's lookup),
/// with its company id and name.
pub fn any_technical_request(
    conn: &Conn,
    id: &str,
) -> crate::sql::Result<Option<(String, String, TechnicalRequest)>> {
    let columns = REQUEST_COLUMNS
        .split(", ")
        .map(|c| format!("t.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    conn.query_row(
        &format!(
            "SELECT {columns}, c.id, c.name FROM technical_requests t JOIN companies c ON c.id = t.company_id
              WHERE t.id = ?1 OR t.case_number = ?1"
        ),
        [id],
        |r| Ok((r.get(18)?, r.get(19)?, request_row(r)?)),
    )
    .optional()
}

/// Every company's cases with the company name, newest first (the team's list).
pub fn all_technical_requests(conn: &Conn) -> crate::sql::Result<Vec<(String, TechnicalRequest)>> {
    let columns = REQUEST_COLUMNS
        .split(", ")
        .map(|c| format!("t.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns}, c.name FROM technical_requests t JOIN companies c ON c.id = t.company_id
          ORDER BY t.seq DESC"
    ))?;
    let rows = stmt.query_map((), |r| Ok((r.get(18)?, request_row(r)?)))?;
    rows.collect()
}

/// Moves a case to `to` with one conditional UPDATE if its version is still
/// `expected`: the new version, or `None` when another writer got there first.
pub fn move_case_if(
    conn: &Conn,
    id: &str,
    expected: u64,
    to: RequestStatus,
    quantity_used: Option<u32>,
) -> crate::sql::Result<Option<u64>> {
    conn.query_row(
        "UPDATE technical_requests SET status = ?3, quantity_used = ?4, version = version + 1
          WHERE id = ?1 AND version = ?2 RETURNING version",
        params![
            id,
            i64::try_from(expected).unwrap_or(-1),
            enc(&to),
            quantity_used.map(i64::from)
        ],
        |r| r.get::<_, i64>(0),
    )
    .optional()
    .map(|v| v.map(|v| u64::try_from(v).unwrap_or(0)))
}
