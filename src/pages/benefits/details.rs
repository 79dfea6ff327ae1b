//! The details of one benefit, loaded when its row is expanded: status,
//! activate-by, type, how activation works and the status history.

use leptos::prelude::*;
use rewards_core::api::BenefitDetail;
use rewards_core::model::{ActivationMode, BenefitCategory, BenefitStatus, StatusChange};

use super::cause::cause_view;
use super::labels::{revocation_label, source_view, status_label, StatusBadge};
use super::table::{user_name, TableState};
use crate::api::{endpoints, ApiError};
use crate::components::async_view::AsyncView;
use crate::i18n::{format, t, t_string, use_i18n};
use crate::session::use_session;

#[component]
pub fn BenefitDetails(id: String, labelled_by: String) -> impl IntoView {
    let session = use_session();
    let resource = LocalResource::new(move || {
        let id = id.clone();
        async move {
            let result = endpoints::benefit(&id).await;
            if result.as_ref().is_err_and(ApiError::is_unauthenticated) {
                session.expired();
            }
            result
        }
    });
    view! {
        <section
            class="benefit-details"
            aria-labelledby=labelled_by
        >
            <AsyncView resource children=move |detail: BenefitDetail| view! { <DetailBody detail /> } />
        </section>
    }
}

#[component]
fn DetailBody(detail: BenefitDetail) -> impl IntoView {
    let i18n = use_i18n();
    let benefit = detail.benefit;
    let status = benefit.status;
    let reason = benefit
        .status_reason
        .filter(|_| status == BenefitStatus::Revoked);
    let activate_by = benefit.activate_by;
    let category = benefit.category;
    let source = benefit.source;
    let mode = benefit.activation_mode;
    let contact_due = detail
        .contact_due_by
        .filter(|_| status == BenefitStatus::Activated);
    let history = benefit.history;
    let history_id = format!("benefit-{}-history", benefit.id);

    view! {
        <div class="benefit-details__grid">
            <dl class="benefit-details__facts">
                <div>
                    <dt>{t!(i18n, benefits.details.status)}</dt>
                    <dd>
                        <StatusBadge status />
                        {reason.map(|r| view! { " " <span>{move || revocation_label(i18n, r)}</span> })}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, benefits.details.activate_by)}</dt>
                    <dd>{move || match activate_by {
                        Some(date) => format::date(i18n.get_locale(), date),
                        None => t_string!(i18n, benefits.table.no_deadline).to_owned(),
                    }}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, benefits.details.benefit_type)}</dt>
                    <dd>
                        {match category {
                            BenefitCategory::SalesMarketing => t!(i18n, benefits.details.type_sales_marketing).into_any(),
                            BenefitCategory::Technical => t!(i18n, benefits.details.type_technical).into_any(),
                        }}
                        " ("{source_view(i18n, source)}")"
                    </dd>
                </div>
                {detail.offer.map(|offer| view! {
                    <div>
                        <dt>{t!(i18n, benefits.details.offer)}</dt>
                        <dd>{offer.name}</dd>
                    </div>
                })}
            </dl>
            <div class="benefit-details__walkthrough">
                <h3>{t!(i18n, benefits.details.walkthrough_title)}</h3>
                {contact_due.map(|due| {
                    let date = move || format::date_time(i18n.get_locale(), due);
                    view! { <p class="notice">{t!(i18n, benefits.details.contact_due, date)}</p> }
                })}
                {match mode {
                    ActivationMode::EmailInstructions => view! {
                        <p>{t!(i18n, benefits.details.walkthrough_email)}</p>
                    }.into_any(),
                    ActivationMode::InPortal => view! {
                        <ol class="benefit-details__steps">
                            {(category == BenefitCategory::SalesMarketing).then(|| view! {
                                <li>{t!(i18n, benefits.details.step_contact)}</li>
                            })}
                            <li>{t!(i18n, benefits.details.step_activate)}</li>
                            <li>{t!(i18n, benefits.details.step_rewards_team)}</li>
                            {(category == BenefitCategory::Technical).then(|| view! {
                                <li>{t!(i18n, benefits.details.step_request)}</li>
                            })}
                            <li>{t!(i18n, benefits.details.step_follow_up)}</li>
                        </ol>
                    }.into_any(),
                }}
            </div>
        </div>
        <h3 id=history_id.clone()>{t!(i18n, benefits.details.history_title)}</h3>
        // Focusable, so keyboard users can scroll it on narrow screens.
        <div class="table-wrap" tabindex="0" role="group" aria-labelledby=history_id>
            <table class="history-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, benefits.details.history_change)}</th>
                        <th scope="col">{t!(i18n, benefits.details.history_when)}</th>
                        <th scope="col">{t!(i18n, benefits.details.history_by)}</th>
                        <th scope="col">{t!(i18n, benefits.details.history_reason)}</th>
                    </tr>
                </thead>
                <tbody>
                    {history.into_iter().rev().map(|change| view! { <HistoryRow change /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn HistoryRow(change: StatusChange) -> impl IntoView {
    let i18n = use_i18n();
    let table = expect_context::<TableState>();
    let StatusChange {
        from,
        to,
        at,
        actor,
        reason,
        cause,
    } = change;
    let to_text = move || status_label(i18n, to);
    let by = move || match actor.as_str() {
        "system" => t_string!(i18n, benefits.details.actor_system).to_owned(),
        id => user_name(table, id)
            .unwrap_or_else(|| t_string!(i18n, benefits.details.actor_unknown).to_owned()),
    };
    view! {
        <tr>
            <td>
                {match from {
                    Some(from) => {
                        let from_text = move || status_label(i18n, from);
                        t!(i18n, benefits.details.history_from_to, from = from_text, to = to_text).into_any()
                    }
                    None => t!(i18n, benefits.details.history_created, to = to_text).into_any(),
                }}
            </td>
            <td>{move || format::date_time(i18n.get_locale(), at)}</td>
            <td>{by}</td>
            <td>
                {reason.map(|r| view! { {move || revocation_label(i18n, r)} })}
                {cause.map(|c| cause_view(i18n, c))}
            </td>
        </tr>
    }
}
