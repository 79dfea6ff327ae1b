//! Azure AD tenants: the list of associated tenants (`/settings/tenants`) and
//! the association wizard (`/settings/tenants/associate`).

mod draft;
mod list;
mod wizard;

pub use list::TenantsPage;
pub use wizard::AssociateTenantPage;

use leptos::prelude::*;

use crate::components::focus::focus_by_id;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

/// Whether the signed-in user may associate and remove tenants now: a Global admin or Account
/// admin signed in through a tenant of the account (the server refuses anyone else); a memo so
/// a refresh of the user's details does not rebuild the views that depend on it.
fn use_can_manage_tenants() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| {
        session
            .with_me(|me| me.can_manage_tenants && me.programme_visible)
            .unwrap_or(false)
    })
}

/// A Global admin or Account admin signed in through a tenant that is not associated: they
/// must sign in to the account (through the home tenant) first.
fn use_outside_account() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| {
        session
            .with_me(|me| me.can_manage_tenants && !me.programme_visible)
            .unwrap_or(false)
    })
}

/// For users who cannot manage tenants here: why, and who can act or what to do instead.
#[component]
fn ManagersNotice(#[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let outside = use_outside_account();
    move || {
        if outside.get() {
            view! { <SignInFirstNotice id /> }.into_any()
        } else {
            view! { <RolesNotice id /> }.into_any()
        }
    }
}

/// The roles that manage tenants and the people who hold one.
#[component]
fn RolesNotice(id: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice tenants__read-only" id=id>
            {t!(i18n, tenants.read_only.roles)} " " <PeopleWhoCanAct acting=Acting::Tenants />
        </p>
    }
}

/// A tenant admin signed in through a tenant outside the account: sign in to the account first.
#[component]
fn SignInFirstNotice(id: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let facts = session
        .with_me(|me| (me.tenant.clone(), me.company.home_tenant.clone()))
        .unwrap_or_default();
    let (tenant, home) = (facts.0.clone(), facts.1.clone());
    view! {
        <div class="notice notice--warning tenants__read-only tenants__sign-in-first" id=id>
            <p>
                {t!(i18n, tenants.sign_in_first.body, tenant = move || tenant.clone(), home = move || home.clone())}
            </p>
            <p>{t!(i18n, tenants.sign_in_first.after, tenant = move || facts.0.clone())}</p>
        </div>
    }
}

/// Moves focus to an element once the view has been updated.
fn focus_later(id: String) {
    request_animation_frame(move || focus_by_id(&id));
}
