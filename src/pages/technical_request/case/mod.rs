//! One technical case (`/technical-requests/:case`, deep-linkable by case number): its fields,
//! the reply promise, the status history and the notes, with the partner's actions (a note on
//! an open case, cancelling a case that is still submitted) and a refresh control that shows
//! what the Rewards team changed.
//!
//! This file holds the page, its data and the state its parts share ([`CaseState`]); the
//! summary (fields, reply, benefit) is in [`summary`], the history and notes in [`activity`],
//! the note form in [`note_form`] and the cancel button with its dialog in [`cancel`].

mod activity;
mod cancel;
mod note_form;
mod summary;

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_params_map;
use rewards_core::api::TechnicalRequestResponse;

use super::intl;
use crate::api::{endpoints, ApiError};
use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::link::A;
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::{use_session, Session};

use activity::{Notes, Timeline};
use summary::Summary;

/// Where focus goes after the case was reloaded by an action.
pub(super) const CASE_HEADING_ID: &str = "case-heading";
const REFRESH_ID: &str = "case-refresh";

/// What the parts share: the loaded case and the announcement after a change.
#[derive(Clone, Copy)]
pub(super) struct CaseState {
    pub case: RwSignal<Option<TechnicalRequestResponse>>,
    /// A polite announcement ("Case updated …", "Your note was added …").
    pub announcement: RwSignal<Option<Announcement>>,
    pub can_manage: Signal<bool>,
    pub session: Session,
}

/// What the page announces after the case was reloaded.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Announcement {
    /// Reloaded at this time (unix seconds).
    Refreshed(i64),
    NoteAdded,
    Cancelled,
    /// Not cancelled: the team picked it up first.
    NotCancellable,
    /// Not cancelled: the case changed since it was shown.
    Stale,
    Failed(ApiError),
}

#[component]
pub fn TechnicalCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let case_number = Memo::new(move |_| params.with(|p| p.get("case")).unwrap_or_default());
    let state = CaseState {
        case: RwSignal::new(None),
        announcement: RwSignal::new(None),
        session,
        can_manage: Signal::derive(move || {
            session.with_me(|me| me.can_manage_rewards).unwrap_or(false)
        }),
    };
    provide_context(state);
    // The first load; refreshes go through `reload`, which keeps the page in place.
    let load = LocalResource::new(move || {
        let case = case_number.get();
        async move {
            let result = endpoints::technical_request(&case).await;
            if result.as_ref().is_err_and(ApiError::is_unauthenticated) {
                session.expired();
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(case)) = load.get() {
            state.case.set(Some(case));
        }
    });

    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, cases.title)) />
        <p class="case-back">
            <A href=paths::TECHNICAL_REQUEST>{t!(i18n, cases.back)}</A>
        </p>
        <div class="case-announcer" role="status" aria-live="polite">
            {move || state.announcement.get().map(|a| announcement_view(i18n, a))}
        </div>
        {move || match (state.case.get(), load.get()) {
            (Some(case), _) => view! { <CaseView case /> }.into_any(),
            (None, Some(Err(error))) if error.status() == Some(404) => view! {
                <p class="notice notice--warning">
                    {t!(i18n, cases.not_found, case_number = move || case_number.get())}
                </p>
            }.into_any(),
            (None, Some(Err(error))) => view! {
                <ErrorNotice error on_retry=move || load.refetch() />
            }.into_any(),
            _ => view! { <Loading /> }.into_any(),
        }}
    }
}

#[component]
fn CaseView(case: TechnicalRequestResponse) -> impl IntoView {
    let i18n = use_i18n();
    let number = case.request.case_number.clone();
    let title = case.request.title.clone();
    view! {
        <section class="card case" aria-labelledby=CASE_HEADING_ID>
            <div class="case__head">
                <h2 id=CASE_HEADING_ID tabindex="-1">
                    {t!(i18n, cases.heading, case_number = move || number.clone(), title = move || title.clone())}
                </h2>
                <RefreshButton />
            </div>
            <Summary case=case.clone() />
            <cancel::CancelCase case=case.clone() />
        </section>
        <Timeline timeline=case.timeline.clone() />
        <Notes case />
    }
}

/// Reloads the case in place (what the Rewards team changed shows without a page reload).
#[component]
fn RefreshButton() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CaseState>();
    let busy = RwSignal::new(false);
    let refresh = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        reload(state, busy, None);
    };
    view! {
        <button
            type="button"
            id=REFRESH_ID
            class="button button--quiet"
            aria-busy=move || busy.get().then_some("true")
            on:click=refresh
        >
            {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            {t!(i18n, cases.refresh)}
        </button>
    }
}

/// Fetches the case again and shows it, then announces `then` (or the time of the update).
pub(super) fn reload(state: CaseState, busy: RwSignal<bool>, then: Option<Announcement>) {
    let Some(id) = state
        .case
        .with_untracked(|c| c.as_ref().map(|c| c.request.id.clone()))
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let result = endpoints::technical_request(&id).await;
        busy.set(false);
        match result {
            Ok(case) => {
                let now = (js_sys::Date::now() / 1000.0) as i64;
                state.case.set(Some(case));
                state
                    .announcement
                    .set(Some(then.unwrap_or(Announcement::Refreshed(now))));
            }
            Err(error) if error.is_unauthenticated() => state.session.expired(),
            Err(error) => state.announcement.set(Some(Announcement::Failed(error))),
        }
    });
}

fn announcement_view(i18n: crate::i18n::I18n, a: Announcement) -> AnyView {
    let (class, text): (&str, AnyView) = match a {
        Announcement::Refreshed(at) => (
            "notice notice--success",
            t!(
                i18n,
                cases.refreshed,
                time = move || intl::local_time(i18n.get_locale().as_str(), at)
            )
            .into_any(),
        ),
        Announcement::NoteAdded => (
            "notice notice--success",
            t!(i18n, cases.notes.added).into_any(),
        ),
        Announcement::Cancelled => (
            "notice notice--success",
            t!(i18n, cases.cancel.done).into_any(),
        ),
        Announcement::NotCancellable => (
            "notice notice--warning",
            t!(i18n, cases.cancel.changed).into_any(),
        ),
        Announcement::Stale => (
            "notice notice--warning",
            t!(i18n, cases.cancel.stale).into_any(),
        ),
        Announcement::Failed(error) => (
            "notice notice--error",
            (move || crate::components::async_view::error_sentence(i18n, &error)).into_any(),
        ),
    };
    view! { <p class=class>{text}</p> }.into_any()
}
