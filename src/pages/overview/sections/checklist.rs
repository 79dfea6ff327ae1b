//! The get-started checklist: each step, whether it is done, and where to do it.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::ChecklistFacts;
use rewards_core::model::BenefitStatus;

use super::benefits_with_status;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{format, t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    OfferLive,
    BenefitsViewed,
    ContactAssigned,
    BenefitActivated,
}

#[component]
pub fn Checklist(facts: ChecklistFacts) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let steps = [
        (Step::OfferLive, facts.offer_live),
        (Step::BenefitsViewed, facts.benefits_viewed),
        (Step::ContactAssigned, facts.marketing_contact_assigned),
        (Step::BenefitActivated, facts.benefit_activated),
    ];
    let done = steps.iter().filter(|(_, done)| *done).count();
    let total = steps.len();
    let managers_needed = !facts.marketing_contact_assigned || !facts.benefit_activated;
    let read_only_note = move || {
        let can_manage = session.with_me(|me| me.can_manage_rewards).unwrap_or(true);
        (managers_needed && !can_manage).then(|| {
            view! {
                <div class="notice overview-read-only">
                    <p>
                        {t!(i18n, overview.checklist.read_only)} " "
                        <PeopleWhoCanAct acting=Acting::Rewards />
                    </p>
                </div>
            }
        })
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-checklist">
            <h2 id="overview-checklist">{t!(i18n, overview.checklist.heading)}</h2>
            <p class="overview-card__intro">
                {t!(i18n, overview.checklist.intro)} " "
                <strong>
                    {t!(
                        i18n,
                        overview.checklist.progress,
                        done = move || format::number(i18n.get_locale(), done as i64),
                        total = move || format::number(i18n.get_locale(), total as i64)
                    )}
                </strong>
            </p>
            <ol class="checklist">
                {steps.into_iter().map(|(step, done)| view! { <ChecklistItem step done /> }).collect_view()}
            </ol>
            {read_only_note}
        </section>
    }
}

#[component]
fn ChecklistItem(step: Step, done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || match step {
        Step::OfferLive => t_string!(i18n, overview.checklist.offer_live),
        Step::BenefitsViewed => t_string!(i18n, overview.checklist.benefits_viewed),
        Step::ContactAssigned => t_string!(i18n, overview.checklist.contact_assigned),
        Step::BenefitActivated => t_string!(i18n, overview.checklist.benefit_activated),
    };
    let detail = move || match (step, done) {
        (Step::OfferLive, true) => t_string!(i18n, overview.checklist.offer_live_done),
        (Step::OfferLive, false) => t_string!(i18n, overview.checklist.offer_live_todo),
        (Step::BenefitsViewed, true) => t_string!(i18n, overview.checklist.benefits_viewed_done),
        (Step::BenefitsViewed, false) => t_string!(i18n, overview.checklist.benefits_viewed_todo),
        (Step::ContactAssigned, true) => t_string!(i18n, overview.checklist.contact_assigned_done),
        (Step::ContactAssigned, false) => t_string!(i18n, overview.checklist.contact_assigned_todo),
        (Step::BenefitActivated, true) => {
            t_string!(i18n, overview.checklist.benefit_activated_done)
        }
        (Step::BenefitActivated, false) => {
            t_string!(i18n, overview.checklist.benefit_activated_todo)
        }
    };
    // Where to do a step that is not done yet; publishing happens in Partner Center.
    let link = (!done)
        .then(|| match step {
            Step::OfferLive => None,
            Step::BenefitsViewed => Some((
                paths::SALES_MARKETING.to_owned(),
                Signal::derive(move || t_string!(i18n, overview.checklist.benefits_viewed_link)),
            )),
            Step::ContactAssigned => Some((
                paths::SALES_MARKETING.to_owned(),
                Signal::derive(move || t_string!(i18n, overview.checklist.contact_assigned_link)),
            )),
            Step::BenefitActivated => Some((
                benefits_with_status(BenefitStatus::Available),
                Signal::derive(move || t_string!(i18n, overview.checklist.benefit_activated_link)),
            )),
        })
        .flatten();
    let (class, mark) = if done {
        ("checklist__item checklist__item--done", "✓")
    } else {
        ("checklist__item checklist__item--todo", "")
    };
    view! {
        <li class=class>
            <span class="checklist__mark" aria-hidden="true">{mark}</span>
            <div class="checklist__body">
                <h3 class="checklist__title">{title}</h3>
                <p class="checklist__state">
                    {move || if done {
                        t_string!(i18n, overview.checklist.done)
                    } else {
                        t_string!(i18n, overview.checklist.to_do)
                    }}
                </p>
                <p class="checklist__detail">{detail}</p>
                {link.map(|(href, text)| view! {
                    <A href=href attr:class="checklist__link">{move || text.get()}</A>
                })}
            </div>
        </li>
    }
}
