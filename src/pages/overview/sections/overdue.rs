//! Activations still waiting for the Rewards team after the expected time.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::OverdueActivation;
use rewards_core::model::BenefitStatus;

use super::super::labels;
use super::benefits_with_status;
use crate::i18n::{format, t, use_i18n};

#[component]
pub fn OverdueActivations(items: Vec<OverdueActivation>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="notice notice--warning overview-overdue" aria-labelledby="overview-overdue">
            <h2 id="overview-overdue">
                <span class="overview-overdue__mark" aria-hidden="true">"!"</span>
                " "
                {t!(i18n, overview.overdue.heading)}
            </h2>
            <p>{t!(i18n, overview.overdue.intro)}</p>
            <ul class="overview-overdue__list">
                {items
                    .into_iter()
                    .map(|item| {
                        let key = item.key;
                        let activated_at = item.activated_at;
                        let days = item.days_waiting;
                        view! {
                            <li class="overview-overdue__item">
                                <h3 class="overview-overdue__name">{move || labels::benefit_name(i18n, &key)}</h3>
                                <dl class="overview-facts">
                                    <div>
                                        <dt>{t!(i18n, overview.overdue.activated)}</dt>
                                        <dd>{move || format::date_time(i18n.get_locale(), activated_at)}</dd>
                                    </div>
                                    <div>
                                        <dt>{t!(i18n, overview.overdue.days_waiting)}</dt>
                                        <dd>{move || format::number(i18n.get_locale(), days)}</dd>
                                    </div>
                                </dl>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>{t!(i18n, overview.overdue.what_to_do)}</p>
            <p>
                <A href=benefits_with_status(BenefitStatus::Activated)>
                    {t!(i18n, overview.overdue.see_benefits)}
                </A>
            </p>
        </section>
    }
}
