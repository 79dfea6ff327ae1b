//! The dialog's radio groups: which contact to replace (or add one), and which user.

use leptos::prelude::*;
use rewards_core::validate::MAX_MARKETING_CONTACTS;

use super::super::Contacts;
use super::fields::{ACTION_ID, ADD, USER_ID};
use crate::components::form::FormErrors;
use crate::i18n::{t, use_i18n};

/// Replace one of the current contacts, or add another (up to three).
#[component]
pub fn ActionChoice(
    data: Contacts,
    target: RwSignal<String>,
    errors: FormErrors,
    prefill: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    if data.contacts.is_empty() {
        return ().into_any();
    }
    let error = errors.for_field(ACTION_ID);
    let mut choices: Vec<(String, String)> = data
        .contacts
        .iter()
        .map(|c| (c.id.clone(), data.name_of(c)))
        .collect();
    if data.contacts.len() < MAX_MARKETING_CONTACTS {
        choices.push((ADD.to_owned(), String::new()));
    }
    let radios = choices
        .into_iter()
        .map(|(value, name)| {
            let id = format!("{ACTION_ID}-{value}");
            let current = value.clone();
            let chosen = value.clone();
            let label = if value == ADD {
                t!(i18n, contact.dialog.add).into_any()
            } else {
                t!(i18n, contact.dialog.replace, name).into_any()
            };
            view! {
                <li class="choice">
                    <input
                        type="radio"
                        class="choice__input"
                        name=ACTION_ID
                        id=id.clone()
                        value=current.clone()
                        prop:checked=move || target.get() == current
                        on:change=move |_| {
                            target.set(chosen.clone());
                            prefill.run(chosen.clone());
                        }
                    />
                    <label class="choice__label" for=id>{label}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field choice-group"
            class:field--error=move || error.with(Option::is_some)
            id=ACTION_ID
            tabindex="-1"
            aria-describedby=move || error.with(Option::is_some).then(|| format!("{ACTION_ID}-error"))
        >
            <legend class="field__label">{t!(i18n, contact.dialog.action)}</legend>
            {move || error.get().map(|message| view! {
                <p class="field__error" id=format!("{ACTION_ID}-error")>{message}</p>
            })}
            <ul class="choice-group__list">{radios}</ul>
        </fieldset>
    }
    .into_any()
}

/// The account's users as radio buttons, filtered by the search box.
/// Choosing a user fills in their email unless another address was typed.
#[component]
pub fn UserChoice(
    users: Vec<rewards_core::api::UserSummary>,
    search: RwSignal<String>,
    user_id: RwSignal<String>,
    email: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.for_field(USER_ID);
    let users = StoredValue::new(users);
    let total = users.with_value(Vec::len);
    let shown = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        users.with_value(|all| {
            all.iter()
                .filter(|u| {
                    needle.is_empty()
                        || u.display_name.to_lowercase().contains(&needle)
                        || u.email.to_lowercase().contains(&needle)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let choose = move |id: String, address: String| {
        let typed = email.get_untracked();
        let typed_is_a_user_email = users.with_value(|all| {
            all.iter()
                .any(|u| u.email.eq_ignore_ascii_case(typed.trim()))
        });
        if typed.trim().is_empty() || typed_is_a_user_email {
            email.set(address);
        }
        user_id.set(id);
    };
    let chosen_name = move || {
        let id = user_id.get();
        users.with_value(|all| {
            all.iter()
                .find(|u| u.id == id)
                .map(|u| u.display_name.clone())
        })
    };

    view! {
        <fieldset
            class="field choice-group contact-users"
            class:field--error=move || error.with(Option::is_some)
            id=USER_ID
            tabindex="-1"
            aria-describedby=move || {
                let mut ids = format!("{USER_ID}-count");
                if error.with(Option::is_some) {
                    ids.push_str(&format!(" {USER_ID}-error"));
                }
                ids
            }
        >
            <legend class="field__label">{t!(i18n, contact.dialog.user)}</legend>
            {move || error.get().map(|message| view! {
                <p class="field__error" id=format!("{USER_ID}-error")>{message}</p>
            })}
            <ul class="choice-group__list">
                <For each=move || shown.get() key=|u| u.id.clone() let:user>
                    {
                        let id = format!("{USER_ID}-{}", user.id);
                        let value = user.id.clone();
                        let current = user.id.clone();
                        let address = user.email.clone();
                        view! {
                            <li class="choice">
                                <input
                                    type="radio"
                                    class="choice__input"
                                    name=USER_ID
                                    id=id.clone()
                                    value=value.clone()
                                    prop:checked=move || user_id.get() == current
                                    on:change=move |_| choose(value.clone(), address.clone())
                                />
                                <label class="choice__label" for=id>
                                    <span class="choice__name">{user.display_name.clone()}</span>
                                    " "
                                    <span class="choice__detail">{user.email.clone()}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <p class="contact-users__count" id=format!("{USER_ID}-count") role="status">
                {move || {
                    let count = shown.with(Vec::len);
                    if count == 0 {
                        t!(i18n, contact.dialog.no_users).into_any()
                    } else {
                        t!(i18n, contact.dialog.users_shown, shown = count, total).into_any()
                    }
                }}
            </p>
            {move || chosen_name().map(|name| view! {
                <p class="contact-users__chosen">{t!(i18n, contact.dialog.chosen, name)}</p>
            })}
        </fieldset>
    }
}
