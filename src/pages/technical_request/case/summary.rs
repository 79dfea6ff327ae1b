//! The case's fields, the promised reply and whether it was met, and the technical benefit
//! the case draws on with what is left of it.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::api::{CaseBenefit, TechnicalRequestResponse};
use rewards_core::case::ReplyState;
use rewards_core::model::{Quantity, RequestStatus};

use super::super::intl;
use super::super::labels::{phase_label, solution_label, status_label};
use crate::api::endpoints::wire_name;
use crate::i18n::domain::display_name;
use crate::i18n::{t, use_i18n, I18n};
use crate::pages::benefits::labels::{quantity_view, remaining_view};

#[component]
pub(super) fn Summary(case: TechnicalRequestResponse) -> impl IntoView {
    let i18n = use_i18n();
    let request = case.request;
    let status = request.status;
    let created = request.created_at.unix_seconds();
    let submitter = case
        .timeline
        .first()
        .map(|c| c.actor.clone())
        .unwrap_or_default();
    let language = request.language.code();
    let phone = request.phone_e164.clone();
    let zone = request.time_zone.clone();
    let contact_time = request.preferred_contact_time.clone();
    let used = request.quantity_used;
    let reply_at = case.reply_due_by.unix_seconds();
    view! {
        <p class=format!("case__reply case__reply--{}", wire_name(&case.reply))>
            {reply_view(i18n, case.reply, reply_at)}
        </p>
        <dl class="case__facts">
            <div>
                <dt>{t!(i18n, cases.facts.status)}</dt>
                <dd>
                    <span class=format!("tr-status tr-status--{}", wire_name(&status))>
                        {move || status_label(i18n, status)}
                    </span>
                </dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.phase)}</dt>
                <dd>{move || phase_label(i18n, request.phase)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.solution_type)}</dt>
                <dd>{move || solution_label(i18n, request.solution_type)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.products)}</dt>
                <dd>{request.products.join(", ")}</dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.created)}</dt>
                <dd>{move || intl::local_date_time(i18n.get_locale().as_str(), created)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.submitted_by)}</dt>
                <dd>{submitter}</dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.contact)}</dt>
                <dd>
                    {t!(
                        i18n,
                        cases.facts.contact_value,
                        phone = move || phone.clone(),
                        language = move || language_name(i18n, language),
                        time_zone = move || intl::time_zone_label(&zone)
                    )}
                </dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.contact_time)}</dt>
                <dd>
                    {if contact_time.is_empty() {
                        t!(i18n, cases.facts.no_contact_time).into_any()
                    } else {
                        contact_time.into_any()
                    }}
                </dd>
            </div>
            <div>
                <dt>{t!(i18n, cases.facts.benefit)}</dt>
                <dd>{benefit_view(i18n, case.benefit, status, used)}</dd>
            </div>
        </dl>
        <h3 class="case__subheading">{t!(i18n, cases.facts.description)}</h3>
        <p class="case__description">{request.description}</p>
    }
}

fn language_name(i18n: I18n, code: &'static str) -> String {
    let tag = i18n.get_locale();
    intl::languages(tag.as_str())
        .into_iter()
        .find(|(value, _)| value == code)
        .map(|(_, label)| label)
        .unwrap_or_else(|| code.to_owned())
}

fn reply_view(i18n: I18n, reply: ReplyState, at: i64) -> AnyView {
    let date = move || intl::local_date_time_long(i18n.get_locale().as_str(), at);
    match reply {
        ReplyState::Pending => t!(i18n, cases.reply.pending, date).into_any(),
        ReplyState::Met => t!(i18n, cases.reply.met, date).into_any(),
        ReplyState::Missed => t!(i18n, cases.reply.missed, date).into_any(),
        ReplyState::NotNeeded => t!(i18n, cases.reply.not_needed, date).into_any(),
    }
}

/// "Presales and deployment advisory hours · 38 of 50 hours left", and what a resolved case used.
fn benefit_view(
    i18n: I18n,
    benefit: Option<CaseBenefit>,
    status: RequestStatus,
    used: Option<u32>,
) -> AnyView {
    let Some(benefit) = benefit else {
        return t!(i18n, cases.facts.no_benefit).into_any();
    };
    let key = benefit.key.clone();
    let name = move || display_name(i18n, &key, &key);
    let left = remaining_view(i18n, benefit.quantity, benefit.remaining);
    let used = used
        .filter(|_| matches!(status, RequestStatus::Resolved | RequestStatus::Closed))
        .map(|n| {
            let quantity = match benefit.quantity {
                Quantity::Count { unit, .. } | Quantity::Unlimited { unit } => {
                    Quantity::Count { n, unit }
                }
                other => other,
            };
            let spent = move || quantity_view(i18n, quantity);
            view! { <span class="case__used">{t!(i18n, cases.facts.used, amount = spent)}</span> }
        });
    view! {
        <span class="case__benefit-name">{name}</span>
        {left.map(|left| view! { <span class="case__remaining" data-benefit=benefit.id.clone()>{left}</span> })}
        {used}
    }
    .into_any()
}
