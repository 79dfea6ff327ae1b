//! The benefit table of one tab: status filter, search by name, rows with
//! status, lock reason, conditions and actions, and a details row per benefit.

use leptos::prelude::*;
use rewards_core::api::{BenefitListItem, BenefitListQuery, BenefitListResponse, UsersResponse};
use rewards_core::model::{ActivationMode, BenefitCategory, BenefitStatus};

use super::activation::{
    provide_activation, ActivateButton, ActivationNotices, ConfirmActivationDialog, Target,
    LIST_HEADING_ID,
};
use super::details::BenefitDetails;
use super::labels::{
    constraint_label, display_name, name_list, quantity_view, revocation_label, source_view,
    status_from_slug, status_label, status_slug, tier_label, StatusBadge,
};
use crate::api::{endpoints, shared, ApiError};
use crate::components::async_view::AsyncView;
use crate::i18n::{format, t, t_string, use_i18n, I18n};
use crate::session::use_session;

const STATUS_FILTER_ID: &str = "benefit-status-filter";
const SEARCH_ID: &str = "benefit-search";
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

    let list = LocalResource::new(move || {
        let status = status_from_slug(&status_filter.get());
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

    let managers = move || {
        let names = session
            .with_me(|me| me.reward_managers.clone())
            .unwrap_or_default();
        name_list(i18n.get_locale(), &names)
    };

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
                    {t!(i18n, benefits.read_only, names = managers)}
                </p>
            </Show>
            <ActivationNotices />
            <Filters status_filter search />
            <AsyncView resource=list children=move |response: BenefitListResponse| {
                view! { <Rows items=response.benefits search category /> }
            } />
            <ConfirmActivationDialog />
        </section>
    }
}

#[component]
fn Filters(status_filter: RwSignal<String>, search: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let filtered = move || !status_filter.with(String::is_empty) || !search.with(String::is_empty);
    view! {
        <form
            class="benefit-filters"
            role="search"
            aria-label=move || t_string!(i18n, benefits.filters.label)
            on:submit=|ev| ev.prevent_default()
        >
            <div class="benefit-filters__field">
                <label class="field__label" for=STATUS_FILTER_ID>{t!(i18n, benefits.filters.status)}</label>
                <select
                    id=STATUS_FILTER_ID
                    class="field__input"
                    on:change=move |ev| status_filter.set(event_target_value(&ev))
                    prop:value=move || status_filter.get()
                >
                    <option value="">{t!(i18n, benefits.filters.all_statuses)}</option>
                    {BenefitStatus::ALL
                        .into_iter()
                        .map(|status| view! {
                            <option value=status_slug(status)>{move || status_label(i18n, status)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="benefit-filters__field benefit-filters__field--grow">
                <label class="field__label" for=SEARCH_ID>{t!(i18n, benefits.filters.search)}</label>
                <input
                    id=SEARCH_ID
                    class="field__input"
                    type="search"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <Show when=filtered>
                <button
                    type="button"
                    class="button button--quiet benefit-filters__clear"
                    on:click=move |_| {
                        status_filter.set(String::new());
                        search.set(String::new());
                    }
                >
                    {t!(i18n, benefits.filters.clear)}
                </button>
            </Show>
        </form>
    }
}

/// Whether `item` matches the search text: localized or English name,
/// catalogue key or offer name, ignoring case.
fn matches(i18n: I18n, item: &BenefitListItem, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let localized = display_name(i18n, &item.benefit.key, &item.name);
    let found = [
        Some(localized.as_str()),
        Some(item.name.as_str()),
        Some(item.benefit.key.as_str()),
        item.offer_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|hay| hay.to_lowercase().contains(needle));
    found
}

#[component]
fn Rows(
    items: Vec<BenefitListItem>,
    search: RwSignal<String>,
    category: BenefitCategory,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = StoredValue::new(items);
    let visible = Memo::new(move |_| {
        let needle = search.with(|s| s.trim().to_lowercase());
        items.with_value(|all| {
            all.iter()
                .filter(|item| matches(i18n, item, &needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let count = move || visible.with(Vec::len);
    let count_text = move || format::number(i18n.get_locale(), count() as i64);

    view! {
        <p class="benefit-count" role="status">
            {move || if count() == 1 {
                t!(i18n, benefits.filters.shown_single, count = count_text).into_any()
            } else {
                t!(i18n, benefits.filters.shown_plural, count = count_text).into_any()
            }}
        </p>
        <Show
            when=move || { count() > 0 }
            fallback=move || view! {
                <div class="notice benefit-empty">
                    <p class="benefit-empty__title">{t!(i18n, benefits.empty.title)}</p>
                    <p>{t!(i18n, benefits.empty.body)}</p>
                </div>
            }
        >
            <div class="table-wrap benefit-table-wrap" tabindex="0" role="group" aria-labelledby=LIST_HEADING_ID>
                <table class="benefit-table">
                    <caption class="visually-hidden">
                        {move || match category {
                            BenefitCategory::SalesMarketing => t_string!(i18n, benefits.table.caption_sales_marketing),
                            BenefitCategory::Technical => t_string!(i18n, benefits.table.caption_technical),
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, benefits.table.name)}</th>
                            <th scope="col">{t!(i18n, benefits.table.source)}</th>
                            <th scope="col">{t!(i18n, benefits.table.quantity)}</th>
                            <th scope="col">{t!(i18n, benefits.table.status)}</th>
                            <th scope="col">{t!(i18n, benefits.table.activate_by)}</th>
                            <th scope="col">{t!(i18n, benefits.table.actions)}</th>
                        </tr>
                    </thead>
                    <For
                        each=move || visible.get()
                        key=|item| item.benefit.id.clone()
                        children=move |item| view! { <Row item /> }
                    />
                </table>
            </div>
        </Show>
    }
}

#[component]
fn Row(item: BenefitListItem) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let benefit = item.benefit.clone();
    let id = benefit.id.clone();
    let name_id = format!("benefit-{id}-name");
    let details_id = format!("benefit-{id}-details");
    let toggle_id = format!("benefit-{id}-toggle");
    let key = benefit.key.clone();
    let english = item.name.clone();
    let name = {
        let key = key.clone();
        let english = english.clone();
        move || display_name(i18n, &key, &english)
    };
    let expanded = {
        let id = id.clone();
        Memo::new(move |_| state.expanded.with(|ids| ids.contains(&id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            state.expanded.update(|ids| {
                if let Some(pos) = ids.iter().position(|x| *x == id) {
                    ids.remove(pos);
                } else {
                    ids.push(id.clone());
                }
            })
        }
    };
    // Focus comes back here after this row was activated and re-rendered.
    if state
        .focus_row
        .try_update_value(|row| row.take_if(|r| *r == id).is_some())
        .unwrap_or(false)
    {
        let toggle_id = toggle_id.clone();
        Effect::new(move |_| crate::components::focus::focus_by_id(&toggle_id));
    }

    let label = move |key: fn(I18n) -> &'static str| move || key(i18n);
    let status = benefit.status;
    let locked_note = (status == BenefitStatus::Locked).then(|| {
        let tier = benefit.unlock_tier;
        let tier_text = move || tier_label(i18n, tier);
        let amount = move || format::money(i18n.get_locale(), tier.threshold_cents());
        view! {
            <p class="benefit-row__note benefit-row__note--locked">
                {t!(i18n, benefits.table.locked_until, tier = tier_text, amount)}
            </p>
        }
    });
    let conditions = (!benefit.constraints.is_empty()).then(|| {
        let markers = benefit.constraints.clone();
        view! {
            <div class="benefit-conditions">
                <span class="benefit-conditions__heading">{t!(i18n, benefits.constraint.heading)}</span>
                <ul class="benefit-conditions__list">
                    {markers
                        .into_iter()
                        .map(|m| view! { <li>{move || constraint_label(i18n, m)}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let revoked = benefit.status_reason.filter(|_| status == BenefitStatus::Revoked).map(|reason| {
        let reason_text = move || revocation_label(i18n, reason);
        view! { <p class="benefit-row__note">{t!(i18n, benefits.table.revoked_reason, reason = reason_text)}</p> }
    });
    let activate_by = benefit.activate_by;
    let action = match (status, benefit.activation_mode) {
        (BenefitStatus::Available | BenefitStatus::Locked, ActivationMode::EmailInstructions) => {
            view! { <p class="benefit-row__email">{t!(i18n, benefits.table.email_instructions)}</p> }
                .into_any()
        }
        (BenefitStatus::Available, ActivationMode::InPortal) => {
            let target = Target {
                id: id.clone(),
                key: key.clone(),
                english: english.clone(),
                category: benefit.category,
            };
            view! { <ActivateButton target name_id=name_id.clone() /> }.into_any()
        }
        _ => ().into_any(),
    };

    view! {
        <tbody class="benefit-row-group">
            <tr class="benefit-row">
                <th scope="row" class="benefit-row__name-cell">
                    <span class="benefit-row__name" id=name_id.clone()>{name.clone()}</span>
                    {item.offer_name.clone().map(|offer| view! {
                        <span class="benefit-row__offer">
                            {t!(i18n, benefits.table.offer)} " " {offer}
                        </span>
                    })}
                    {locked_note}
                    {conditions}
                </th>
                <td data-label=label(|i18n| t_string!(i18n, benefits.table.source))>
                    {source_view(i18n, benefit.source)}
                </td>
                <td data-label=label(|i18n| t_string!(i18n, benefits.table.quantity))>
                    {quantity_view(i18n, benefit.quantity)}
                </td>
                <td data-label=label(|i18n| t_string!(i18n, benefits.table.status))>
                    <StatusBadge status />
                    {revoked}
                </td>
                <td data-label=label(|i18n| t_string!(i18n, benefits.table.activate_by))>
                    {move || match activate_by {
                        Some(date) => format::date(i18n.get_locale(), date),
                        None => t_string!(i18n, benefits.table.no_deadline).to_owned(),
                    }}
                </td>
                <td class="benefit-row__actions" data-label=label(|i18n| t_string!(i18n, benefits.table.actions))>
                    {action}
                    <button
                        type="button"
                        class="button button--quiet"
                        id=toggle_id.clone()
                        aria-expanded=move || if expanded.get() { "true" } else { "false" }
                        aria-controls=details_id.clone()
                        aria-describedby=name_id.clone()
                        on:click=toggle
                    >
                        <span class="disclosure-icon" aria-hidden="true"></span>
                        {t!(i18n, benefits.table.details)}
                    </button>
                </td>
            </tr>
            <Show when=move || expanded.get()>
                <tr class="benefit-details-row">
                    <td colspan="6" id=details_id.clone()>
                        <BenefitDetails id=id.clone() labelled_by=format!("{toggle_id} {name_id}") />
                    </td>
                </tr>
            </Show>
        </tbody>
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
