//! One benefit: its row (name, source, quantity, status, deadline, actions)
//! and, when expanded, the details row below it.

use leptos::prelude::*;
use rewards_core::api::BenefitListItem;

use super::super::details::BenefitDetails;
use super::super::labels::{display_name, quantity_view, remaining_view, source_view, StatusBadge};
use super::notes::{activation_action, conditions, expires_note, locked_note, revoked_note};
use super::TableState;
use crate::i18n::{format, t, t_string, use_i18n, I18n};
use rewards_core::model::{BenefitCategory, BenefitStatus};

#[component]
pub(super) fn Row(item: BenefitListItem) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<TableState>();
    let benefit = item.benefit.clone();
    let id = benefit.id.clone();
    let name_id = format!("benefit-{id}-name");
    let details_id = format!("benefit-{id}-details");
    let toggle_id = format!("benefit-{id}-toggle");
    let english = item.name.clone();
    let name = {
        let key = benefit.key.clone();
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
    let locked_note = locked_note(i18n, &benefit);
    let conditions = conditions(i18n, &benefit);
    let revoked = revoked_note(i18n, &benefit);
    let activate_by = benefit.activate_by;
    // Technical benefits that cases draw on: what is left ("38 of 50 hours left").
    // Not on a locked, expired or revoked one that nothing was drawn from: nothing is left to use.
    let usable = matches!(
        benefit.status,
        BenefitStatus::Available | BenefitStatus::Activated | BenefitStatus::InProgress
    ) || benefit.drawn_down > 0;
    let remaining = (benefit.category == BenefitCategory::Technical && usable)
        .then(|| remaining_view(i18n, benefit.quantity, benefit.remaining()))
        .flatten();
    let action = activation_action(i18n, &item, &english, &name_id);
    let soon = expires_note(i18n, item.expires_in_days);

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
                    {remaining.map(|left| view! { <span class="benefit-row__remaining">{left}</span> })}
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
                    {soon}
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
