//! The case's status history (each change with its time and who made it) and its notes,
//! with the note form while the case is open.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::api::TechnicalRequestResponse;
use rewards_core::case::is_open;
use rewards_core::model::{CaseNote, CaseParty, CaseStatusChange};

use super::super::intl;
use super::super::labels::status_label;
use super::note_form::NoteForm;
use super::CaseState;
use crate::api::endpoints::wire_name;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

const TIMELINE_TITLE_ID: &str = "case-timeline-title";
const NOTES_TITLE_ID: &str = "case-notes-title";

#[component]
pub(super) fn Timeline(timeline: Vec<CaseStatusChange>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card case-timeline" aria-labelledby=TIMELINE_TITLE_ID>
            <h2 id=TIMELINE_TITLE_ID>{t!(i18n, cases.timeline.title)}</h2>
            <ol class="case-timeline__list">
                {timeline.into_iter().map(|change| {
                    let status = change.to;
                    let at = change.at.unix_seconds();
                    let name = change.actor.clone();
                    let by = match change.party {
                        CaseParty::Partner => t!(i18n, cases.timeline.by, name = move || name.clone()).into_any(),
                        CaseParty::RewardsTeam => t!(i18n, cases.timeline.by_team, name = move || name.clone()).into_any(),
                    };
                    view! {
                        <li class=format!("case-timeline__entry case-timeline__entry--{}", wire_name(&status))>
                            <span class="case-timeline__status">
                                {t!(
                                    i18n,
                                    cases.timeline.entry,
                                    status = move || status_label(i18n, status),
                                    time = move || intl::local_date_time(i18n.get_locale().as_str(), at)
                                )}
                            </span>
                            " "
                            <span class="case-timeline__actor">{by}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub(super) fn Notes(case: TechnicalRequestResponse) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CaseState>();
    let session = use_session();
    let status = case.request.status;
    let managers = move || {
        session
            .with_me(|me| me.reward_managers.join(", "))
            .unwrap_or_default()
    };
    let form = if !is_open(status) {
        view! {
            <p class="notice">{t!(i18n, cases.notes.closed, status = move || status_label(i18n, status))}</p>
        }
        .into_any()
    } else if state.can_manage.get_untracked() {
        view! { <NoteForm case_id=case.request.id.clone() /> }.into_any()
    } else {
        view! { <p class="notice">{t!(i18n, cases.notes.read_only, names = managers)}</p> }
            .into_any()
    };
    view! {
        <section class="card case-notes" aria-labelledby=NOTES_TITLE_ID>
            <h2 id=NOTES_TITLE_ID>{t!(i18n, cases.notes.title)}</h2>
            {if case.notes.is_empty() {
                view! { <p class="case-notes__empty">{t!(i18n, cases.notes.empty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="case-notes__list">
                        {case.notes.into_iter().map(note_view).collect_view()}
                    </ol>
                }.into_any()
            }}
            {form}
        </section>
    }
}

fn note_view(note: CaseNote) -> impl IntoView {
    let i18n = use_i18n();
    let at = note.at.unix_seconds();
    let name = note.author.clone();
    let author = match note.party {
        CaseParty::Partner => name.into_any(),
        CaseParty::RewardsTeam => {
            t!(i18n, cases.notes.from_team, name = move || name.clone()).into_any()
        }
    };
    view! {
        <li class=format!("case-note case-note--{}", wire_name(&note.party))>
            <p class="case-note__meta">
                <span class="case-note__author">{author}</span>
                " · "
                <span>{move || intl::local_date_time(i18n.get_locale().as_str(), at)}</span>
            </p>
            <p class="case-note__text">{note.text}</p>
        </li>
    }
}
