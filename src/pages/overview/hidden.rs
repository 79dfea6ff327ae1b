//! What a user whose tenant is not associated with the company's Partner
//! Global Account sees instead of the overview (the API would answer
//! `programme_hidden`, so it is not called).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::page::PageHeader;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

#[component]
pub fn HiddenProgramme() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let facts = move || {
        session
            .with_me(|me| {
                (
                    me.tenant.clone(),
                    me.company.home_tenant.clone(),
                    me.can_manage_tenants,
                    me.tenant_managers.clone(),
                )
            })
            .unwrap_or_default()
    };
    let tenant = move || facts().0;
    let fix = move || {
        let (tenant, home, can_manage, _) = facts();
        if can_manage {
            // A tenant admin, but outside the account: the server refuses the wizard until
            // they sign in through the home tenant.
            let tenant2 = tenant.clone();
            view! {
                <p>{t!(i18n, overview.hidden.can_manage, tenant = move || tenant.clone(), home = move || home.clone())}</p>
                <p>{t!(i18n, overview.hidden.can_manage_after, tenant = move || tenant2.clone())}</p>
                <SignOutButton />
            }
            .into_any()
        } else {
            view! {
                <p>
                    {t!(i18n, overview.hidden.cannot_manage, tenant = move || tenant.clone())} " "
                    <PeopleWhoCanAct acting=Acting::Tenants />
                </p>
                <p>{t!(i18n, overview.hidden.after)}</p>
            }
            .into_any()
        }
    };
    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, overview.hidden.title)) />
        <div class="overview-hidden">
            <section class="card overview-card" aria-labelledby="overview-hidden-why">
                <h2 id="overview-hidden-why">{t!(i18n, overview.hidden.why_heading)}</h2>
                <p>{t!(i18n, overview.hidden.why, home = move || facts().1)}</p>
                <p>{t!(i18n, overview.hidden.signed_in_with, tenant = tenant)}</p>
            </section>
            <section class="card overview-card" aria-labelledby="overview-hidden-fix">
                <h2 id="overview-hidden-fix">{t!(i18n, overview.hidden.fix_heading)}</h2>
                {fix}
            </section>
        </div>
    }
}

/// Signing out is the way to the account's own sign-in (embedded, the host owns the session).
#[component]
fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        busy.set(true);
        spawn_local(async move {
            // On failure the user stays signed in and can try again.
            let _ = session.sign_out().await;
            busy.set(false);
        });
    };
    (!crate::embed::is_embedded()).then(|| {
        view! {
            <p>
                <button type="button" class="button button--primary" on:click=sign_out disabled=move || busy.get()>
                    {t!(i18n, overview.hidden.sign_out)}
                </button>
            </p>
        }
    })
}
