//! The Assign user dialog's form: choose a user (searchable), email, phone and
//! preferred language; add a contact or replace one. Validated with the
//! domain core on submit; a 412 keeps the entries and offers a reload.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::model::Language;
use rewards_core::validate::{
    validate_marketing_contact, ContactInput, ErrorCode, MAX_MARKETING_CONTACTS,
};

use super::{draft, fetch_contacts, labels, Contacts, Load};
use crate::api::endpoints::{self, wire_name};
use crate::api::{ApiError, IdempotencyKey};
use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::dialog::{
    use_dialog, DialogActions, DialogBody, DialogClose, DialogDescription, DialogTitle,
};
use crate::components::focus::focus_by_id;
use crate::components::form::{ErrorSummary, FormErrors, SelectField, SubmitButton, TextField};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

const ACTION_ID: &str = "contact-action";
const SEARCH_ID: &str = "contact-search";
const USER_ID: &str = "contact-user";
const EMAIL_ID: &str = "contact-email";
const PHONE_ID: &str = "contact-phone";
const LANGUAGE_ID: &str = "contact-language";
const SUBMIT_ID: &str = "contact-submit";
/// The value of the "add another contact" choice.
const ADD: &str = "add";

/// Rendered inside the dialog surface, so every opening starts afresh
/// (new idempotency key, entries, version snapshot).
#[component]
pub fn AssignContactForm(
    state: RwSignal<Load>,
    on_saved: Callback<(Contacts, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Restored with the draft, so a retry after a reload is still the same intent.
    let key = StoredValue::new(IdempotencyKey::new());

    // The contacts and version as loaded when the dialog opened (or reloaded).
    let snapshot = RwSignal::new(None::<Contacts>);
    // `ADD` or the id of the contact to replace.
    let target = RwSignal::new(String::new());
    let user_id = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());

    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let conflict = RwSignal::new(false);
    let reloading = RwSignal::new(false);
    let reloaded = RwSignal::new(false);
    let submit_error = RwSignal::new(None::<ApiError>);
    let reload_button = NodeRef::<html::Button>::new();
    let restored = RwSignal::new(false);
    // Whether this intent was sent: only then does the draft keep its key,
    // and the server (not the local duplicate check) decides on a resend.
    let sent = StoredValue::new(false);
    // Set when the session ends: closing the dialog then keeps the draft.
    let keep_draft = StoredValue::new(false);
    let dialog = use_dialog();
    let submit_owner =
        StoredValue::new(session.with_me(|me| me.user.id.clone()).unwrap_or_default());
    let draft_owner = session.with_me(|me| me.user.id.clone()).unwrap_or_default();

    // Entries of the contact being replaced, or empty ones to add a contact.
    let prefill = move |choice: &str| {
        let contact = snapshot.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.contacts.iter().find(|c| c.id == choice).cloned())
        });
        match contact {
            Some(c) => {
                user_id.set(c.user_id);
                email.set(c.email);
                phone.set(c.phone_e164);
                language.set(wire_name(&c.preferred_language));
            }
            None => {
                user_id.set(String::new());
                email.set(String::new());
                phone.set(String::new());
                language.set(String::new());
            }
        }
    };

    // Take the panel's data once it is there (it usually already is).
    Effect::new(move |_| {
        if snapshot.with_untracked(Option::is_some) {
            return;
        }
        if let Load::Loaded(data) = state.get() {
            let first = data
                .contacts
                .first()
                .map(|c| c.id.clone())
                .unwrap_or_else(|| ADD.to_owned());
            let saved = draft::SLOT
                .load(&draft_owner)
                .filter(|d| d.target == ADD || data.contacts.iter().any(|c| c.id == d.target));
            snapshot.set(Some(data));
            match saved {
                Some(saved) => {
                    target.set(saved.target);
                    user_id.set(saved.user_id);
                    email.set(saved.email);
                    phone.set(saved.phone);
                    language.set(saved.language);
                    if let Some(saved_key) = IdempotencyKey::restore(&saved.key) {
                        key.set_value(saved_key);
                        sent.set_value(true);
                    }
                    restored.set(true);
                }
                None => {
                    target.set(first.clone());
                    prefill(&first);
                }
            }
        }
    });

    // Keep the entries for a reload; forget them when the dialog closes.
    {
        let owner = session.with_me(|me| me.user.id.clone()).unwrap_or_default();
        let cleanup_owner = owner.clone();
        Effect::new(move |_| {
            let current = draft::Draft {
                target: target.get(),
                user_id: user_id.get(),
                email: email.get(),
                phone: phone.get(),
                language: language.get(),
                key: String::new(),
            };
            let untouched = snapshot.with_untracked(|s| {
                s.as_ref()
                    .is_none_or(|data| prefilled(data, &current.target) == current)
            });
            if !untouched {
                let key = if sent.get_value() {
                    key.with_value(|k| k.as_str().to_owned())
                } else {
                    String::new()
                };
                draft::SLOT.save(&owner, &draft::Draft { key, ..current });
            }
        });
        // Kept when a 401 ended the session: the user signs in and goes on.
        on_cleanup(move || {
            if !keep_draft.get_value() {
                draft::SLOT.clear(&cleanup_owner);
            }
        });
    }

    Effect::new(move |_| {
        if conflict.get() {
            if let Some(button) = reload_button.get() {
                let _ = button.focus();
            }
        }
    });

    let can_manage = move || session.with_me(|me| me.can_manage_rewards).unwrap_or(false);
    let managers = move || {
        session
            .with_me(|me| me.reward_managers.join(", "))
            .unwrap_or_default()
    };

    let field = move |name: &str| {
        let (id, label) = match name {
            "contacts" => (ACTION_ID, t_string!(i18n, contact.dialog.action)),
            "user_id" => (USER_ID, t_string!(i18n, contact.dialog.user)),
            "email" => (EMAIL_ID, t_string!(i18n, contact.dialog.email)),
            "phone" => (PHONE_ID, t_string!(i18n, contact.dialog.phone)),
            "preferred_language" => (LANGUAGE_ID, t_string!(i18n, contact.dialog.language)),
            _ => return None,
        };
        Some((id.to_owned(), label.to_owned()))
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || reloading.get_untracked() {
            return;
        }
        let Some(data) = snapshot.get_untracked() else {
            return;
        };
        let replace = Some(target.get_untracked()).filter(|t| t != ADD);
        let input = ContactInput {
            user_id: user_id.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            preferred_language: language.get_untracked(),
        };
        let others: Vec<_> = data
            .contacts
            .iter()
            .filter(|c| Some(&c.id) != replace.as_ref())
            .cloned()
            .collect();
        let account_email = session
            .with_me(|me| me.company.account_email.clone())
            .unwrap_or_default();
        if let Err(field_errors) = validate_marketing_contact(&input, &account_email, &others) {
            // A resend of an intent that may already be applied (e.g. the answer
            // was lost before a reload) would look like a duplicate of itself:
            // the server replays it or judges it.
            let only_duplicates = field_errors.iter().all(|e| {
                matches!(
                    e.code,
                    ErrorCode::DuplicateContact | ErrorCode::TooManyContacts
                )
            });
            if !(sent.get_value() && only_duplicates) {
                errors.show(&field_errors, field);
                return;
            }
        }
        errors.clear();
        submit_error.set(None);
        conflict.set(false);
        reloaded.set(false);
        busy.set(true);
        sent.set_value(true);
        let key = key.get_value();
        let sent_draft = draft::Draft {
            target: target.get_untracked(),
            user_id: input.user_id.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            language: input.preferred_language.clone(),
            key: key.as_str().to_owned(),
        };
        submit_owner.with_value(|owner| draft::SLOT.save(owner, &sent_draft));
        spawn_local(async move {
            let result = match &replace {
                Some(id) => endpoints::replace_contact(id, &input, data.version, &key).await,
                None => endpoints::add_contact(&input, data.version, &key).await,
            };
            busy.set(false);
            match result {
                Ok(saved) => {
                    let name = data
                        .users
                        .iter()
                        .find(|u| u.id == input.user_id)
                        .map(|u| u.display_name.clone())
                        .unwrap_or_else(|| input.email.clone());
                    let contacts = Contacts {
                        contacts: saved.contacts,
                        version: saved.version,
                        users: data.users,
                    };
                    on_saved.run((contacts, name));
                }
                // Someone else changed (or removed) the contacts meanwhile.
                Err(error) if error.is_version_conflict() || error.status() == Some(404) => {
                    conflict.set(true)
                }
                Err(error) if error.is_unauthenticated() => {
                    // Close the dialog first and end the session on the next
                    // frame: tearing both down in one tick let views read
                    // signals already disposed.
                    keep_draft.set_value(true);
                    dialog.close();
                    request_animation_frame(move || session.expired());
                }
                Err(error) if !error.field_errors().is_empty() => {
                    errors.show(error.field_errors(), field)
                }
                Err(error) => submit_error.set(Some(error)),
            }
        });
    };

    // Reloads the current contacts and version, keeping what the user typed.
    let on_reload = move |_| {
        if reloading.get_untracked() {
            return;
        }
        reloading.set(true);
        spawn_local(async move {
            match fetch_contacts().await {
                Ok(data) => {
                    let current = target.get_untracked();
                    if current != ADD && !data.contacts.iter().any(|c| c.id == current) {
                        target.set(
                            data.contacts
                                .first()
                                .map(|c| c.id.clone())
                                .unwrap_or_else(|| ADD.to_owned()),
                        );
                    }
                    state.set(Load::Loaded(data.clone()));
                    snapshot.set(Some(data));
                    conflict.set(false);
                    reloaded.set(true);
                    focus_by_id(SUBMIT_ID);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => submit_error.set(Some(error)),
            }
            reloading.set(false);
        });
    };

    let language_options = Signal::derive(move || {
        Language::ALL
            .iter()
            .map(|l| (wire_name(l), labels::language_name(i18n, *l).to_owned()))
            .collect::<Vec<_>>()
    });

    let form_body = move || {
        let Some(data) = snapshot.get() else {
            return match state.get() {
                Load::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
                _ => view! { <Loading /> }.into_any(),
            };
        };
        let users = data.users.clone();
        view! {
            <ErrorSummary errors />
            {move || conflict.get().then(|| view! {
                <div class="notice notice--error contact-dialog__conflict" role="alert">
                    <p>{t!(i18n, contact.dialog.conflict)}</p>
                    <button
                        type="button"
                        class="button"
                        node_ref=reload_button
                        disabled=move || reloading.get()
                        on:click=on_reload
                    >
                        {t!(i18n, contact.dialog.reload)}
                    </button>
                </div>
            })}
            <p class="contact-dialog__status" role="status">
                {move || reloaded.get().then_some(t!(i18n, contact.dialog.reloaded))}
                {move || restored.get().then_some(t!(i18n, resilience.draft.restored))}
            </p>
            {move || submit_error.get().map(|error| view! { <ErrorNotice error /> })}
            <ActionChoice data=data.clone() target errors prefill=Callback::new(move |c: String| prefill(&c)) />
            <TextField
                id=SEARCH_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.search))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.search_hint))
                value=search
                error=Signal::derive(|| None::<String>)
                input_type="search"
                autocomplete="off"
                optional=true
            />
            <UserChoice users search user_id email errors />
            <TextField
                id=EMAIL_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.email))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.email_hint))
                value=email
                error=errors.for_field(EMAIL_ID)
                input_type="email"
                autocomplete="off"
            />
            <TextField
                id=PHONE_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.phone))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.phone_hint))
                value=phone
                error=errors.for_field(PHONE_ID)
                input_type="tel"
                autocomplete="off"
            />
            <SelectField
                id=LANGUAGE_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.language))
                value=language
                error=errors.for_field(LANGUAGE_ID)
                options=language_options
                placeholder=Signal::derive(move || t_string!(i18n, contact.dialog.language_placeholder))
            />
        }
        .into_any()
    };

    view! {
        <DialogTitle>{t!(i18n, contact.dialog.title)}</DialogTitle>
        <DialogDescription>{t!(i18n, contact.dialog.intro)}</DialogDescription>
        {move || if can_manage() {
            view! {
                <form class="dialog__form" novalidate on:submit=on_submit>
                    <DialogBody>{form_body}</DialogBody>
                    <DialogActions>
                        <DialogClose />
                        <SubmitButton
                            id=SUBMIT_ID
                            label=Signal::derive(move || t_string!(i18n, contact.dialog.submit))
                            busy
                            disabled=Signal::derive(move || {
                                // try_*: the session may end while the dialog closes.
                                snapshot.try_with(Option::is_none).unwrap_or(true)
                                    || reloading.try_get().unwrap_or(true)
                            })
                        />
                    </DialogActions>
                </form>
            }
            .into_any()
        } else {
            view! {
                <DialogBody>
                    <p class="notice">{t!(i18n, contact.dialog.read_only, names = managers)}</p>
                </DialogBody>
                <DialogActions>
                    <DialogClose>{t!(i18n, common.form.close)}</DialogClose>
                </DialogActions>
            }
            .into_any()
        }}
    }
}

/// Replace one of the current contacts, or add another (up to three).
#[component]
fn ActionChoice(
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
fn UserChoice(
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

/// The entries the dialog starts with for `target` (see `prefill`).
fn prefilled(data: &Contacts, target: &str) -> draft::Draft {
    let contact = data.contacts.iter().find(|c| c.id == target);
    draft::Draft {
        target: target.to_owned(),
        user_id: contact.map(|c| c.user_id.clone()).unwrap_or_default(),
        email: contact.map(|c| c.email.clone()).unwrap_or_default(),
        phone: contact.map(|c| c.phone_e164.clone()).unwrap_or_default(),
        language: contact
            .map(|c| wire_name(&c.preferred_language))
            .unwrap_or_default(),
        key: String::new(),
    }
}
