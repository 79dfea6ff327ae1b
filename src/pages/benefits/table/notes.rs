//! The parts of a benefit's row that depend on its status: the notes under
//! its name or status, and the action it offers. Each is absent (or empty)
//! when it does not apply, so the row itself reads as its columns.

use leptos::prelude::*;
use rewards_core::model::{ActivationMode, Benefit, BenefitStatus};

use super::super::activation::{ActivateButton, Target};
use super::super::labels::{constraint_label, revocation_label, tier_label};
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

/// The row's action: activate in the portal, or a pointer to the emailed
/// instructions; nothing once the benefit is past activation.
pub(super) fn activation_action(
    i18n: I18n,
    benefit: &Benefit,
    english: &str,
    name_id: &str,
) -> AnyView {
    match (benefit.status, benefit.activation_mode) {
        (BenefitStatus::Available | BenefitStatus::Locked, ActivationMode::EmailInstructions) => {
            view! { <p class="benefit-row__email">{t!(i18n, benefits.table.email_instructions)}</p> }
                .into_any()
        }
        (BenefitStatus::Available, ActivationMode::InPortal) => {
            let target = Target {
                id: benefit.id.clone(),
                key: benefit.key.clone(),
                english: english.to_owned(),
                category: benefit.category,
            };
            view! { <ActivateButton target name_id=name_id.to_owned() /> }.into_any()
        }
        _ => ().into_any(),
    }
}
