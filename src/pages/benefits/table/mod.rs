//! The benefit table of one tab: status filter, search by name, rows with
//! status, lock reason, conditions and actions, and a details row per benefit.
//!
//! This file holds the tab's section and the state its parts share
//! ([`TableState`], a context); the filter form is in [`filters`], the table
//! with its count and empty state in [`rows`], one benefit's rows in [`row`]
//! (their status-dependent notes and action in [`notes`]).

mod export;
mod filters;
mod notes;
mod row;
mod rows;

use leptos::prelude::*;
use rewards_core::api::{BenefitListQuery, BenefitListResponse, UsersResponse};
use rewards_core::model::BenefitCategory;

use super::activation::{
    provide_activation, ActivationNotices, ConfirmActivationDialog, LIST_HEADING_ID,
};
use super::contact::ContactDialog;
use super::labels::status_from_slug;
use super::opt_out::{provide_opt_out, OptOutDialog, OptOutNotice};
use crate::api::{endpoints, shared, ApiError};
use crate::components::async_view::AsyncView;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

use filters::Filters;
use rows::Rows;

pub(super) const READ_ONLY_NOTE_ID: &str = "benefit-read-only-note";

/// What the rows share: the list, the account's users (for history actors),
/// which rows are expanded and which row gets focus after a refresh.
#[derive(Clone, Copy)]
pub(super) struct TableState {
    pub list: LocalResource<Result<BenefitListResponse, ApiError>>,
    pub users: LocalResource<Result<UsersResponse, ApiError>>,
    pub expanded: RwSignal<Vec<String>>,
    /// A row whose details button takes focus when it is (re)rendered, so
    /// focus survives the refresh after an activation.
    pub focus_row: StoredValue<Option<String>>,
    pub can_manage: Signal<bool>,
}

#[component]
pub fn BenefitTable(category: BenefitCategory) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Links such as the overview's status counts preselect the filter with `?status=`.
    let linked_status = leptos_router::hooks::use_query_map()
        .with_untracked(|query| query.get("status"))
        .filter(|slug| status_from_slug(slug).is_some())
        .unwrap_or_default();
    let status_filter = RwSignal::new(linked_status);
    let search = RwSignal::new(String::new());

    // A contact saved through the dialog can lift "cannot be activated yet": ask again.
    let contact = use_context::<ContactDialog>();
    let list = LocalResource::new(move || {
        let status = status_from_slug(&status_filter.get());
        let _saves = contact.map(|c| c.saves());
        async move {
            let query = BenefitListQuery {
                category: Some(category),
                status,
                q: None,
            };
            let result = endpoints::benefits(&query).await;
            if result.as_ref().is_err_and(ApiError::is_unauthenticated) {
                session.expired();
            }
            result
        }
    });
    let users = LocalResource::new(shared::users);
    let can_manage =
        Signal::derive(move || session.with_me(|me| me.can_manage_rewards).unwrap_or(false));
    let state = TableState {
        list,
        users,
        expanded: RwSignal::new(Vec::new()),
        focus_row: StoredValue::new(None),
        can_manage,
    };
    provide_context(state);
    provide_activation();
    provide_opt_out();

    view! {
        <section class="benefit-list" aria-labelledby=LIST_HEADING_ID>
            <h2 id=LIST_HEADING_ID class="visually-hidden" tabindex="-1">
                {move || match category {
                    BenefitCategory::SalesMarketing => t_string!(i18n, benefits.table.caption_sales_marketing),
                    BenefitCategory::Technical => t_string!(i18n, benefits.table.caption_technical),
                }}
            </h2>
            <Show when=move || !can_manage.try_get().unwrap_or(true)>
                <p class="notice" id=READ_ONLY_NOTE_ID>
                    {t!(i18n, benefits.read_only)} " "
                    <PeopleWhoCanAct acting=Acting::Rewards />
                </p>
            </Show>
            <ActivationNotices />
            <OptOutNotice />
            <Filters status_filter search />
            <AsyncView resource=list children=move |response: BenefitListResponse| {
                view! { <Rows items=response.benefits search category /> }
            } />
            <ConfirmActivationDialog />
            <OptOutDialog />
        </section>
    }
}

/// Display names of the account's users by id, for the history's "by" column.
pub(super) fn user_name(state: TableState, user_id: &str) -> Option<String> {
    state.users.with(|users| {
        users.as_ref().and_then(|r| r.as_ref().ok()).and_then(|r| {
            r.users
                .iter()
                .find(|u| u.id == user_id)
                .map(|u| u.display_name.clone())
        })
    })
}
