//! Benefits whose activate-by date is at most 30 days away: how many, each
//! with its date in the user's locale, and the way to the tab that lists them.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::ExpiringBenefit;
use rewards_core::model::{BenefitCategory, BenefitStatus};

use super::super::labels;
use super::benefits_in;
use crate::i18n::{format, t, use_i18n};

#[component]
pub fn ExpiringSoon(items: Vec<ExpiringBenefit>) -> impl IntoView {
    let i18n = use_i18n();
    let n = items.len() as i64;
    let count = move || format::number(i18n.get_locale(), n);
    let categories: Vec<BenefitCategory> =
        [BenefitCategory::SalesMarketing, BenefitCategory::Technical]
            .into_iter()
            .filter(|c| items.iter().any(|i| i.category == *c))
            .collect();
    view! {
        <section class="notice notice--warning overview-soon" aria-labelledby="overview-soon">
            <h2 id="overview-soon">
                <span class="overview-overdue__mark" aria-hidden="true">"!"</span>
                " "
                {t!(i18n, timeline.overview.soon_heading)}
            </h2>
            <p class="overview-soon__count">
                {if n == 1 {
                    t!(i18n, timeline.overview.soon_intro_single, count).into_any()
                } else {
                    t!(i18n, timeline.overview.soon_intro_plural, count).into_any()
                }}
            </p>
            <ul class="overview-soon__list">
                {items
                    .into_iter()
                    .map(|item| {
                        let key = item.key;
                        let by = item.activate_by;
                        let name = move || labels::benefit_name(i18n, &key);
                        let date = move || format::date(i18n.get_locale(), by);
                        view! {
                            <li class="overview-soon__item">
                                {t!(i18n, timeline.overview.soon_item, name, date)}
                                {item.offer_name.map(|offer| view! {
                                    " " {t!(i18n, timeline.overview.soon_offer, offer)}
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="overview-soon__links">
                {categories
                    .into_iter()
                    .map(|category| view! {
                        <A href=benefits_in(category, BenefitStatus::Available)>
                            {t!(i18n, timeline.overview.soon_link)}
                            " (" {move || labels::category(i18n, category)} ")"
                        </A>
                        " "
                    })
                    .collect_view()}
            </p>
        </section>
    }
}
