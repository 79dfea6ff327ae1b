//! Whether the company is eligible for the programme, and why not.

use leptos::prelude::*;
use rewards_core::api::EligibilitySummary;

use super::super::labels;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

#[component]
pub fn EligibilityCard(eligibility: EligibilitySummary) -> impl IntoView {
    let i18n = use_i18n();
    let body = if eligibility.eligible {
        view! {
            <p class="overview-state overview-state--good">
                <span class="overview-state__mark" aria-hidden="true">"✓"</span>
                {t!(i18n, overview.eligibility.eligible)}
            </p>
            <p>{t!(i18n, overview.eligibility.eligible_body)}</p>
        }
        .into_any()
    } else {
        let reasons = eligibility.reasons;
        view! {
            <p class="overview-state overview-state--warn">
                <span class="overview-state__mark" aria-hidden="true">"!"</span>
                {t!(i18n, overview.eligibility.not_eligible)}
            </p>
            <p>{t!(i18n, overview.eligibility.not_eligible_body)}</p>
            <ul>
                {reasons
                    .into_iter()
                    .map(|reason| view! { <li>{move || labels::reason(i18n, reason)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let session = use_session();
    let company = move || {
        session
            .with_me(|me| me.company.name.clone())
            .unwrap_or_default()
    };
    let partner_id = move || {
        session
            .with_me(|me| me.company.partner_id.clone())
            .flatten()
            .unwrap_or_else(|| t_string!(i18n, overview.eligibility.partner_id_missing).to_owned())
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-eligibility">
            <h2 id="overview-eligibility">{t!(i18n, overview.eligibility.heading)}</h2>
            {body}
            <dl class="overview-facts">
                <div>
                    <dt>{t!(i18n, overview.eligibility.company)}</dt>
                    <dd>{company}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.eligibility.partner_id)}</dt>
                    <dd>{partner_id}</dd>
                </div>
            </dl>
        </section>
    }
}
