//! How many benefits are in each status, each a link to the filtered list.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::StatusCount;
use rewards_core::model::BenefitStatus;

use super::super::labels;
use super::benefits_with_status;
use crate::api::endpoints::wire_name;
use crate::i18n::{format, t, use_i18n};

#[component]
pub fn StatusCounts(counts: Vec<StatusCount>) -> impl IntoView {
    let i18n = use_i18n();
    let count_of = |status: BenefitStatus| {
        counts
            .iter()
            .find(|c| c.status == status)
            .map_or(0, |c| c.count)
    };
    let all: Vec<(BenefitStatus, u32)> = BenefitStatus::ALL
        .iter()
        .map(|&status| (status, count_of(status)))
        .collect();
    let body = if all.iter().all(|(_, n)| *n == 0) {
        view! { <p>{t!(i18n, overview.statuses.empty)}</p> }.into_any()
    } else {
        view! {
            <p class="overview-card__intro">{t!(i18n, overview.statuses.intro)}</p>
            <ul class="status-counts">
                {all
                    .into_iter()
                    .map(|(status, n)| {
                        let class = format!("status-counts__link status-counts__link--{}", wire_name(&status));
                        view! {
                            <li>
                                <A href=benefits_with_status(status) attr:class=class>
                                    <span class="status-counts__n">
                                        {move || format::number(i18n.get_locale(), i64::from(n))}
                                    </span>
                                    " "
                                    <span class="status-counts__label">
                                        {move || labels::status(i18n, status)}
                                    </span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
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
