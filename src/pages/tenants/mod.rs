//! Azure AD tenants: the list of associated tenants (`/settings/tenants`) and
//! the association wizard (`/settings/tenants/associate`).

mod draft;
mod list;
mod wizard;

pub use list::TenantsPage;
pub use wizard::AssociateTenantPage;

use leptos::prelude::*;

use crate::components::focus::focus_by_id;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

/// Whether the signed-in user may associate and remove tenants; a memo so a
/// refresh of the user's details does not rebuild the views that depend on it.
fn use_can_manage_tenants() -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| session.with_me(|me| me.can_manage_tenants).unwrap_or(false))
}

/// For users without tenant rights: who can act instead.
#[component]
fn ManagersNotice(#[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let names = move || {
        session
            .with_me(|me| me.tenant_managers.join(", "))
            .unwrap_or_default()
    };
    view! {
        <p class="notice tenants__read-only" id=id>
            {move || {
                let names = names();
                if names.is_empty() {
                    t!(i18n, tenants.read_only.nobody).into_any()
                } else {
                    t!(i18n, tenants.read_only.ask, names = move || names.clone()).into_any()
                }
            }}
        </p>
    }
}

/// Moves focus to an element once the view has been updated.
fn focus_later(id: String) {
    request_animation_frame(move || focus_by_id(&id));
}
