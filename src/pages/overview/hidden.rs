//! What a user whose tenant is not associated with the company's Partner
//! Global Account sees instead of the overview (the API would answer
//! `programme_hidden`, so it is not called).

use crate::components::link::A;
use leptos::prelude::*;

use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
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
        let (tenant, _, can_manage, managers) = facts();
        let tenant = move || tenant.clone();
        if can_manage {
            view! {
                <p>{t!(i18n, overview.hidden.can_manage, tenant = tenant)}</p>
                <p>
                    <A href=paths::ASSOCIATE_TENANT attr:class="button button--primary">
                        {t!(i18n, overview.hidden.wizard_link)}
                    </A>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p>{t!(i18n, overview.hidden.cannot_manage, tenant = tenant)}</p>
                <ul class="overview-hidden__managers">
                    {managers.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                </ul>
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
