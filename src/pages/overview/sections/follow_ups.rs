//! The four-week rule: live offers the Rewards team has not written about
//! after four weeks, with what to do — ask the offer's owner, or open a
//! support ticket (its address comes from `config.json`).

use leptos::prelude::*;
use rewards_core::api::OfferFollowUp;

use crate::components::link::ExternalLink;
use crate::i18n::{format, t, t_string, use_i18n};

#[component]
pub fn FollowUps(items: Vec<OfferFollowUp>) -> impl IntoView {
    let i18n = use_i18n();
    let ticket = crate::embed::config::current().links.support_ticket;
    view! {
        <section class="notice notice--warning overview-follow-ups" aria-labelledby="overview-follow-ups">
            <h2 id="overview-follow-ups">
                <span class="overview-overdue__mark" aria-hidden="true">"!"</span>
                " "
                {t!(i18n, timeline.overview.follow_up_heading)}
            </h2>
            <p>{t!(i18n, timeline.overview.follow_up_intro)}</p>
            <ul class="overview-follow-ups__list">
                {items
                    .into_iter()
                    .map(|item| {
                        let live = item.live_date;
                        let days_live = item.days_live;
                        let offer = item.offer_name;
                        let date = move || format::date(i18n.get_locale(), live);
                        let days = move || format::number(i18n.get_locale(), days_live);
                        view! {
                            <li class="overview-follow-ups__item">
                                <p>{t!(i18n, timeline.overview.follow_up_item, offer, date, days)}</p>
                                {match item.owner {
                                    Some(owner) => {
                                        let name = owner.name;
                                        view! {
                                            <p>
                                                {t!(i18n, timeline.overview.follow_up_owner, name)}
                                                {owner.email.map(|email| view! {
                                                    " " <a href=format!("mailto:{email}")>{email.clone()}</a>
                                                })}
                                            </p>
                                        }
                                        .into_any()
                                    }
                                    None => view! { <p>{t!(i18n, timeline.overview.follow_up_no_owner)}</p> }.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>
                <ExternalLink
                    href=ticket
                    leaves=Signal::derive(move || t_string!(i18n, timeline.overview.external).to_owned())
                >
                    {t!(i18n, timeline.overview.follow_up_ticket)}
                </ExternalLink>
            </p>
        </section>
    }
}
