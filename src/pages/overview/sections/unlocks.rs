//! The benefits the next tier would unlock.

use leptos::prelude::*;
use rewards_core::api::NextTierSummary;
use rewards_core::model::Quantity;

use super::super::labels;
use crate::i18n::{format, t, use_i18n, I18n};

#[component]
pub fn NextTierUnlocks(next: NextTierSummary) -> impl IntoView {
    let i18n = use_i18n();
    let tier = next.tier;
    let unlocks = next.unlocks;
    let list = if unlocks.is_empty() {
        view! { <p>{t!(i18n, overview.unlocks.empty)}</p> }.into_any()
    } else {
        view! {
            <p>{t!(i18n, overview.unlocks.intro)}</p>
            <ul class="overview-unlocks">
                {unlocks
                    .into_iter()
                    .map(|unlock| {
                        let key = unlock.key;
                        let category = unlock.category;
                        let quantity = unlock.quantity;
                        view! {
                            <li class="overview-unlocks__item">
                                <span class="overview-unlocks__name">
                                    {move || labels::benefit_name(i18n, &key)}
                                </span>
                                <span class="overview-unlocks__meta">
                                    {move || labels::category(i18n, category)}
                                    {quantity_view(i18n, quantity)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-unlocks">
            <h2 id="overview-unlocks">
                {t!(i18n, overview.unlocks.heading, tier = move || labels::tier_name(i18n, tier))}
            </h2>
            {list}
        </section>
    }
}

fn quantity_view(i18n: I18n, quantity: Quantity) -> Option<AnyView> {
    let text = match quantity {
        Quantity::Usd { cents } => {
            view! { {move || format::money(i18n.get_locale(), cents)} }.into_any()
        }
        Quantity::Count { n, .. } => {
            let count = move || format::number(i18n.get_locale(), i64::from(n));
            t!(i18n, overview.unlocks.quantity_count, count = count).into_any()
        }
        Quantity::Unlimited { .. } => t!(i18n, overview.unlocks.quantity_unlimited).into_any(),
        Quantity::Included => return None,
    };
    Some(view! { " · " {text} }.into_any())
}
