//! The parts of a benefit's row that depend on its status: the notes under
//! its name or status, and the action it offers. Each is absent (or empty)
//! when it does not apply, so the row itself reads as its columns.

use leptos::prelude::*;
use rewards_core::activation::ActivationBlocked;
use rewards_core::api::BenefitListItem;
use rewards_core::model::{ActivationMode, Benefit, BenefitStatus};

use super::super::activation::{ActivateButton, Target};
use super::super::contact::use_contact_dialog;
use super::super::labels::{blocker_view, constraint_label, revocation_label, tier_label};
use super::super::opt_out::OptOutButton;
use crate::i18n::{format, t, I18n};

/// Under a locked benefit's name: the tier (and its sales threshold) that unlocks it.
pub(super) fn locked_note(i18n: I18n, benefit: &Benefit) -> Option<impl IntoView> {
    (benefit.status == BenefitStatus::Locked).then(|| {
        let tier = benefit.unlock_tier;
        let tier_text = move || tier_label(i18n, tier);
        let amount = move || format::money(i18n.get_locale(), tier.threshold_cents());
        view! {
            <p class="benefit-row__note benefit-row__note--locked">
                {t!(i18n, benefits.table.locked_until, tier = tier_text, amount)}
            </p>
        }
    })
}

/// Under the name: the conditions attached to the benefit, if any.
pub(super) fn conditions(i18n: I18n, benefit: &Benefit) -> Option<impl IntoView> {
    (!benefit.constraints.is_empty()).then(|| {
        let markers = benefit.constraints.clone();
        view! {
            <div class="benefit-conditions">
                <span class="benefit-conditions__heading">{t!(i18n, benefits.constraint.heading)}</span>
                <ul class="benefit-conditions__list">
                    {markers
                        .into_iter()
                        .map(|m| view! { <li>{move || constraint_label(i18n, m)}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Under a revoked benefit's status: why it was revoked.
pub(super) fn revoked_note(i18n: I18n, benefit: &Benefit) -> Option<impl IntoView> {
    let status = benefit.status;
    benefit.status_reason.filter(|_| status == BenefitStatus::Revoked).map(|reason| {
        let reason_text = move || revocation_label(i18n, reason);
        view! { <p class="benefit-row__note">{t!(i18n, benefits.table.revoked_reason, reason = reason_text)}</p> }
    })
}

/// Under the activate-by date: how many days are left when it is near.
pub(super) fn expires_note(i18n: I18n, days_left: Option<i64>) -> Option<impl IntoView> {
    days_left.map(|days| {
        let count = move || format::number(i18n.get_locale(), days);
        view! {
            <p class="benefit-row__soon">
                <span class="benefit-row__soon-flag">{t!(i18n, timeline.row.expires_soon)}</span>
                " "
                {match days {
                    0 => t!(i18n, timeline.row.last_day).into_any(),
                    1 => t!(i18n, timeline.row.days_left_single, count).into_any(),
                    _ => t!(i18n, timeline.row.days_left_plural, count).into_any(),
                }}
            </p>
        }
    })
}

/// The row's action: Activate when the benefit's conditions are met (or a
/// disabled one, with who can act, for read-only roles); otherwise the
/// condition that is not met, before any confirmation; a pointer to the
/// emailed instructions; Opt out while engaged; nothing once it is over.
pub(super) fn activation_action(
    i18n: I18n,
    item: &BenefitListItem,
    english: &str,
    name_id: &str,
) -> AnyView {
    let benefit = &item.benefit;
    let target = Target {
        id: benefit.id.clone(),
        key: benefit.key.clone(),
        english: english.to_owned(),
        category: benefit.category,
    };
    let name_id = name_id.to_owned();
    match (benefit.status, benefit.activation_mode) {
        (BenefitStatus::Available | BenefitStatus::Locked, ActivationMode::EmailInstructions) => {
            view! { <p class="benefit-row__email">{t!(i18n, benefits.table.email_instructions)}</p> }
                .into_any()
        }
        (BenefitStatus::Available, ActivationMode::InPortal) => match item.activation_blocker {
            None | Some(ActivationBlocked::NotPermitted) => {
                view! { <ActivateButton target name_id /> }.into_any()
            }
            Some(blocker) => unmet_condition(i18n, blocker),
        },
        (BenefitStatus::Activated | BenefitStatus::InProgress, ActivationMode::InPortal) => {
            view! { <OptOutButton target name_id /> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// Why Activate is not offered, with the way to fix it when there is one.
fn unmet_condition(i18n: I18n, blocker: ActivationBlocked) -> AnyView {
    let contact = use_contact_dialog();
    let needs_contact = blocker == ActivationBlocked::MarketingContactRequired;
    view! {
        <div class="benefit-row__unmet">
            <p>
                <span class="benefit-row__unmet-title">{t!(i18n, timeline.row.cannot_activate)}</span>
                " "
                {blocker_view(i18n, blocker)}
            </p>
            {needs_contact.then(|| view! {
                <button type="button" class="button button--quiet" on:click=move |_| contact.open()>
                    {t!(i18n, timeline.row.assign_contact)}
                </button>
            })}
        </div>
    }
    .into_any()
}
