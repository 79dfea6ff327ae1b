//! Who can act when the signed-in user cannot. A read-only explanation names the roles that
//! can act in its own sentence; [`PeopleWhoCanAct`] follows it with the people in the company
//! who hold one of those roles, or, when nobody does, with what to do instead (never a blank
//! list).

use leptos::prelude::*;

use crate::i18n::format::name_list;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

/// Which rights the explanation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acting {
    /// Global admin, MPN partner admin or Admin agent: contacts, activations, requests.
    Rewards,
    /// Global admin or Account admin: tenants.
    Tenants,
}

/// The names of the people who hold one of the roles, as the session reports them.
pub fn people_who_can_act(acting: Acting) -> Vec<String> {
    use_session()
        .with_me(|me| match acting {
            Acting::Rewards => me.reward_managers.clone(),
            Acting::Tenants => me.tenant_managers.clone(),
        })
        .unwrap_or_default()
}

/// "People in your company with one of these roles: A, B or C." or, with nobody, what to do.
/// Inline text, to sit in the same paragraph as the sentence naming the roles.
#[component]
pub fn PeopleWhoCanAct(acting: Acting) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let names = people_who_can_act(acting);
        if names.is_empty() {
            t!(i18n, common.who_can_act.nobody).into_any()
        } else {
            let list = name_list(i18n.get_locale(), &names);
            t!(
                i18n,
                common.who_can_act.people,
                names = move || list.clone()
            )
            .into_any()
        }
    }
}
