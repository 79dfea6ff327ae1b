//! The current tier, billed sales and the progress towards the next tier.

use leptos::prelude::*;
use rewards_core::api::NextTierSummary;
use rewards_core::tier::Tier;

use super::super::labels;
use crate::i18n::{format, t, t_string, use_i18n};

#[component]
pub fn TierCard(
    tier: Option<Tier>,
    billed_sales_cents: i64,
    next_tier: Option<NextTierSummary>,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = match next_tier {
        Some(next) => {
            let next_tier = next.tier;
            let threshold = next.threshold_cents;
            let shortfall = next.shortfall_cents;
            let basis_points = next.progress_basis_points.min(10_000);
            let next_name = move || labels::tier_name(i18n, next_tier);
            let sales_text = move || format::money(i18n.get_locale(), billed_sales_cents);
            let threshold_text = move || format::money(i18n.get_locale(), threshold);
            let shortfall_text = move || format::money(i18n.get_locale(), shortfall);
            view! {
                <div class="overview-progress">
                    <label class="overview-progress__label" for="overview-progress">
                        {t!(i18n, overview.tier.progress_label, tier = next_name)}
                    </label>
                    <progress
                        id="overview-progress"
                        class="overview-progress__bar"
                        max="10000"
                        value=basis_points.to_string()
                        aria-describedby="overview-progress-value overview-shortfall"
                    >
                        {move || format::percent(i18n.get_locale(), f64::from(basis_points) / 10_000.0)}
                    </progress>
                    <p class="overview-progress__value" id="overview-progress-value">
                        {t!(i18n, overview.tier.progress_value, sales = sales_text, threshold = threshold_text)}
                    </p>
                    <p class="overview-shortfall" id="overview-shortfall" data-testid="overview-shortfall">
                        {t!(i18n, overview.tier.shortfall, amount = shortfall_text, tier = next_name)}
                    </p>
                </div>
            }
            .into_any()
        }
        None if tier.is_some() => view! { <p>{t!(i18n, overview.tier.top_tier)}</p> }.into_any(),
        None => view! { <p>{t!(i18n, overview.tier.no_next)}</p> }.into_any(),
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-tier">
            <h2 id="overview-tier">{t!(i18n, overview.tier.heading)}</h2>
            <dl class="overview-figures">
                <div class="overview-figures__item">
                    <dt>{t!(i18n, overview.tier.current)}</dt>
                    <dd class="overview-figures__value" data-testid="overview-tier">
                        {move || match tier {
                            Some(tier) => labels::tier_name(i18n, tier),
                            None => t_string!(i18n, overview.tier.none).to_owned(),
                        }}
                    </dd>
                </div>
                <div class="overview-figures__item">
                    <dt>{t!(i18n, overview.tier.billed_sales)}</dt>
                    <dd class="overview-figures__value" data-testid="overview-sales">
                        {move || format::money(i18n.get_locale(), billed_sales_cents)}
                    </dd>
                </div>
            </dl>
            {progress}
        </section>
    }
}
