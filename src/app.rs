//! The root component: i18n context, router and the route table.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::page::provide_page_errors;
use crate::components::shell::AppShell;
use crate::i18n::{persist, use_i18n, I18nContextProvider};
use crate::pages::{
    benefits::{BenefitsPage, BenefitsTab},
    not_found::NotFoundPage,
    overview::OverviewPage,
    sign_in::SignInPage,
    technical_request::TechnicalRequestPage,
    tenants::{AssociateTenantPage, TenantsPage},
};
use crate::session::{provide_session, SessionPhase, SessionState};

/// Route paths, so links and the route table cannot drift apart.
pub mod paths {
    pub const OVERVIEW: &str = "/";
    pub const BENEFITS: &str = "/benefits";
    pub const SALES_MARKETING: &str = "/benefits/sales-marketing";
    pub const TECHNICAL: &str = "/benefits/technical";
    pub const TECHNICAL_REQUEST: &str = "/technical-requests/new";
    pub const TENANTS: &str = "/settings/tenants";
    pub const ASSOCIATE_TENANT: &str = "/settings/tenants/associate";
}

#[component]
pub fn App() -> impl IntoView {
    provide_page_errors();
    provide_session();
    view! {
        <I18nContextProvider>
            <InitialLocale />
            <Router base=crate::embed::router_base()>
                <crate::embed::EmbedBridge />
                <AppShell>
                    <SessionGate />
                </AppShell>
            </Router>
        </I18nContextProvider>
    }
}

/// Signed in: the routes. Otherwise: sign-in, a loading status or the error.
#[component]
fn SessionGate() -> impl IntoView {
    let session = crate::session::use_session();
    let phase = session.phase();
    move || match phase.get() {
        SessionPhase::Checking => view! { <Loading /> }.into_any(),
        SessionPhase::SignedOut => view! { <SignInPage /> }.into_any(),
        SessionPhase::SignedIn => view! { <AppRoutes /> }.into_any(),
        SessionPhase::Unavailable => match session.state() {
            SessionState::Unavailable(error) => {
                view! { <ErrorNotice error on_retry=move || session.refresh() /> }.into_any()
            }
            _ => ().into_any(),
        },
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    view! {
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=OverviewPage />
                        <Route
                            path=path!("/benefits")
                            view=|| view! { <Redirect path=paths::SALES_MARKETING /> }
                        />
                        <Route
                            path=path!("/benefits/sales-marketing")
                            view=|| view! { <BenefitsPage tab=BenefitsTab::SalesMarketing /> }
                        />
                        <Route
                            path=path!("/benefits/technical")
                            view=|| view! { <BenefitsPage tab=BenefitsTab::Technical /> }
                        />
                        <Route path=path!("/technical-requests/new") view=TechnicalRequestPage />
                        <Route path=path!("/settings/tenants") view=TenantsPage />
                        <Route path=path!("/settings/tenants/associate") view=AssociateTenantPage />
                    </Routes>
    }
}

/// Applies the negotiated locale. An effect, because leptos_i18n's own start-up
/// effect (browser languages only) would otherwise overwrite it; effects run in
/// creation order and before the first paint.
#[component]
fn InitialLocale() -> impl IntoView {
    let i18n = use_i18n();
    let initial = persist::initial_locale();
    Effect::new(move |_| i18n.set_locale(initial));
}
