//! The root component: i18n context, router and the route table.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::page::{provide_page_errors, PageHeader};
use crate::components::shell::AppShell;
use crate::i18n::{persist, t, t_string, use_i18n, I18nContextProvider};
use crate::pages::{
    benefits::{BenefitsPage, BenefitsTab},
    insights::InsightsPage,
    not_found::NotFoundPage,
    overview::OverviewPage,
    sign_in::SignInPage,
    technical_request::{TechnicalCasePage, TechnicalRequestPage},
    tenants::{AssociateTenantPage, TenantsPage},
};
use crate::paths;
use crate::session::{provide_session, Session, SessionPhase, SessionState};

#[component]
pub fn App(session: Session) -> impl IntoView {
    provide_page_errors();
    provide_session(session);
    let (is_routing, set_is_routing) = signal(false);
    provide_context(RouteLoading(is_routing));
    view! {
        <I18nContextProvider>
            <InitialLocale />
            <Router base=crate::embed::router_base() set_is_routing>
                <crate::embed::EmbedBridge effects=host_effects(session) />
                <AppShell>
                    <SessionGate />
                </AppShell>
            </Router>
        </I18nContextProvider>
    }
}

/// What the embedding host may change outside the embed module: the locale and the session.
fn host_effects(session: Session) -> crate::embed::HostEffects {
    let i18n = use_i18n();
    crate::embed::HostEffects {
        set_locale: Callback::new(move |tag: String| crate::i18n::apply_chosen_tag(i18n, &tag)),
        refresh_session: Callback::new(move |()| session.refresh()),
    }
}

/// Signed in: the routes. Otherwise: sign-in, a loading status or the error.
#[component]
fn SessionGate() -> impl IntoView {
    let session = crate::session::use_session();
    let phase = session.phase();
    move || match phase.get() {
        SessionPhase::Checking => view! { <Loading /> }.into_any(),
        SessionPhase::SignedOut => view! { <SignIn /> }.into_any(),
        // The Rewards team's demo account works through the API only: no partner pages.
        SessionPhase::SignedIn if is_rewards_team(session) => {
            view! { <TeamAccountNotice /> }.into_any()
        }
        SessionPhase::SignedIn => view! { <AppRoutes /> }.into_any(),
        SessionPhase::Unavailable => match session.state() {
            SessionState::Unavailable(error) => {
                view! { <ErrorNotice error on_retry=move || session.refresh() /> }.into_any()
            }
            _ => ().into_any(),
        },
    }
}

/// The sign-in page. Its code (the form, its validation) is a split point of its own: a
/// signed-in visit, the usual one, does not download it. index.html's loader fetches the chunk
/// as soon as the early session answer says nobody is signed in, while the app still loads.
#[component]
fn SignIn() -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {Suspend::new(async { sign_in_page().await })}
        </Suspense>
    }
}

#[leptos::lazy]
fn sign_in_page() -> AnyView {
    view! { <SignInPage /> }.into_any()
}

fn is_rewards_team(session: Session) -> bool {
    session
        .with_me(|me| me.user.roles.iter().any(|r| r.is_rewards_team()))
        .unwrap_or(false)
}

/// What the Rewards team's account sees instead of the partner pages.
#[component]
fn TeamAccountNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, cases.team_account.title)) />
        <p class="notice">{t!(i18n, cases.team_account.body)}</p>
    }
}

/// Every route but the overview is a split point: its code is a separate wasm chunk
/// (scripts/build-wasm.mjs), fetched the first time the route is visited, so the first
/// page only downloads the shell and the overview.
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <RoutePending />
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=OverviewPage />
            <Route
                path=path!("/benefits")
                view=|| view! { <Redirect path=paths::SALES_MARKETING /> }
            />
            <Route path=path!("/benefits/sales-marketing") view={Lazy::<SalesMarketingRoute>::new()} />
            <Route path=path!("/benefits/technical") view={Lazy::<TechnicalRoute>::new()} />
            <Route path=path!("/technical-requests/new") view={Lazy::<TechnicalRequestRoute>::new()} />
            <Route path=path!("/technical-requests/:case") view={Lazy::<TechnicalCaseRoute>::new()} />
            <Route path=path!("/insights") view={Lazy::<InsightsRoute>::new()} />
            <Route path=path!("/settings/tenants") view={Lazy::<TenantsRoute>::new()} />
            <Route path=path!("/settings/tenants/associate") view={Lazy::<AssociateTenantRoute>::new()} />
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

/// True while the router prepares the next route (for a split route: fetches its chunk).
#[derive(Clone, Copy)]
struct RouteLoading(ReadSignal<bool>);

/// How long a route may take before the loading status shows; a quick switch shows nothing.
const ROUTE_PENDING_AFTER: Duration = Duration::from_millis(300);

/// The loading status while a route's chunk is on its way (slow network, or offline: the chunk
/// loader waits for the connection). The router keeps the previous page meanwhile.
#[component]
fn RoutePending() -> impl IntoView {
    let RouteLoading(is_routing) = expect_context();
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        if is_routing.get() {
            set_timeout(
                move || {
                    shown.try_set(is_routing.try_get_untracked().unwrap_or(false));
                },
                ROUTE_PENDING_AFTER,
            );
        } else {
            shown.set(false);
        }
    });
    view! {
        <Show when=move || shown.get()>
            <Loading />
        </Show>
    }
}

/// A route whose view lives in its own wasm chunk. The router waits for the chunk before
/// it switches, so the previous page stays until the next one can render.
macro_rules! split_route {
    ($route:ident => $view:expr) => {
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $view.into_any()
            }
        }
    };
}

split_route!(SalesMarketingRoute => view! { <BenefitsPage tab=BenefitsTab::SalesMarketing /> });
split_route!(TechnicalRoute => view! { <BenefitsPage tab=BenefitsTab::Technical /> });
split_route!(TechnicalRequestRoute => view! { <TechnicalRequestPage /> });
split_route!(TechnicalCaseRoute => view! { <TechnicalCasePage /> });
split_route!(InsightsRoute => view! { <InsightsPage /> });
split_route!(TenantsRoute => view! { <TenantsPage /> });
split_route!(AssociateTenantRoute => view! { <AssociateTenantPage /> });
