//! Microsoft 365 apps' alternative path to a tier: monthly active users.

use leptos::prelude::*;
use rewards_core::api::UsersTierSummary;

use super::super::labels;
use crate::i18n::{format, t, use_i18n};

#[component]
pub fn UsersTier(summary: UsersTierSummary) -> impl IntoView {
    let i18n = use_i18n();
    let UsersTierSummary {
        monthly_active_users,
        tier,
    } = summary;
    let users = move || {
        format::number(
            i18n.get_locale(),
            i64::try_from(monthly_active_users).unwrap_or(i64::MAX),
        )
    };
    let tier = move || labels::tier_name(i18n, tier);
    view! {
        <section class="card overview-card overview-users" aria-labelledby="overview-users">
            <h2 id="overview-users">{t!(i18n, timeline.overview.users_heading)}</h2>
            <p>{t!(i18n, timeline.overview.users_body, users, tier)}</p>
        </section>
    }
}
