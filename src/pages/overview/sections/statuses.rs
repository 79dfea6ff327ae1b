//! How many benefits are in each status; each non-zero share links to the
//! tab those benefits are on (Sales and marketing, or Technical) with the
//! status filter applied, so a link never opens an empty list.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::StatusCount;
use rewards_core::model::{BenefitCategory, BenefitStatus};

use super::super::labels;
use super::benefits_in;
use crate::api::endpoints::wire_name;
use crate::i18n::{format, t, use_i18n};

#[component]
pub fn StatusCounts(counts: Vec<StatusCount>) -> impl IntoView {
    let i18n = use_i18n();
    let all: Vec<StatusCount> = BenefitStatus::ALL
        .iter()
        .map(|&status| {
            counts
                .iter()
                .find(|c| c.status == status)
                .copied()
                .unwrap_or(StatusCount {
                    status,
                    count: 0,
                    sales_marketing: 0,
                    technical: 0,
                })
        })
        .collect();
    let body = if all.iter().all(|c| c.count == 0) {
        view! { <p>{t!(i18n, overview.statuses.empty)}</p> }.into_any()
    } else {
        view! {
            <p class="overview-card__intro">{t!(i18n, overview.statuses.intro)}</p>
            <ul class="status-counts">
                {all.into_iter().map(|c| view! { <StatusItem c /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card overview-card overview-card--wide" aria-labelledby="overview-statuses">
            <h2 id="overview-statuses">{t!(i18n, overview.statuses.heading)}</h2>
            {body}
        </section>
    }
}

#[component]
fn StatusItem(c: StatusCount) -> impl IntoView {
    let i18n = use_i18n();
    let StatusCount {
        status,
        count,
        sales_marketing,
        technical,
    } = c;
    let class = format!(
        "status-counts__item status-counts__item--{}",
        wire_name(&status)
    );
    let n = move |v: u32| format::number(i18n.get_locale(), i64::from(v));
    let share = move |category: BenefitCategory, v: u32| {
        (v > 0).then(|| {
            let count = move || n(v);
            view! {
                <A href=benefits_in(category, status) attr:class="status-counts__link">
                    {match category {
                        BenefitCategory::SalesMarketing => t!(i18n, timeline.overview.status_sales_marketing, count).into_any(),
                        BenefitCategory::Technical => t!(i18n, timeline.overview.status_technical, count).into_any(),
                    }}
                </A>
            }
        })
    };
    view! {
        <li class=class>
            <span class="status-counts__total">
                <span class="status-counts__n">{move || n(count)}</span>
                " "
                <span class="status-counts__label">{move || labels::status(i18n, status)}</span>
            </span>
            <span class="status-counts__shares">
                {share(BenefitCategory::SalesMarketing, sales_marketing)}
                {share(BenefitCategory::Technical, technical)}
            </span>
        </li>
    }
}
