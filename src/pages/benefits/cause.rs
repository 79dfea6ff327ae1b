//! Why a status changed, as the history shows it: the activate-by date that
//! passed, the tier that billed sales (or Microsoft 365 app users) reached,
//! or the reason a partner gave for opting out.

use leptos::prelude::*;
use rewards_core::timeline::{ChangeCause, OptOutReason};

use super::labels::tier_label;
use crate::i18n::{format, t, t_string, I18n};

pub fn opt_out_reason_label(i18n: I18n, reason: OptOutReason) -> &'static str {
    match reason {
        OptOutReason::NoLongerNeeded => t_string!(i18n, timeline.opt_out_reason.no_longer_needed),
        OptOutReason::NotNow => t_string!(i18n, timeline.opt_out_reason.not_now),
        OptOutReason::HandledElsewhere => {
            t_string!(i18n, timeline.opt_out_reason.handled_elsewhere)
        }
        OptOutReason::Other => t_string!(i18n, timeline.opt_out_reason.other),
    }
}

pub fn cause_view(i18n: I18n, cause: ChangeCause) -> AnyView {
    match cause {
        ChangeCause::ActivateByPassed { activate_by } => {
            let date = move || format::date(i18n.get_locale(), activate_by);
            t!(i18n, timeline.cause.activate_by_passed, date).into_any()
        }
        ChangeCause::TierReached {
            tier,
            billed_sales_ttm_cents,
        } => {
            let tier = move || tier_label(i18n, tier);
            let amount = move || format::money(i18n.get_locale(), billed_sales_ttm_cents);
            t!(i18n, timeline.cause.tier_reached, tier, amount).into_any()
        }
        ChangeCause::TierReachedByUsers {
            tier,
            monthly_active_users,
        } => {
            let tier = move || tier_label(i18n, tier);
            let users = move || {
                format::number(
                    i18n.get_locale(),
                    i64::try_from(monthly_active_users).unwrap_or(i64::MAX),
                )
            };
            t!(i18n, timeline.cause.tier_reached_by_users, tier, users).into_any()
        }
        ChangeCause::OptedOut { reason } => {
            let reason = move || opt_out_reason_label(i18n, reason);
            t!(i18n, timeline.cause.opted_out, reason).into_any()
        }
    }
}
