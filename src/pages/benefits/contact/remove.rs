//! Removing a marketing contact: a Remove button on each contact card (for the roles that
//! manage rewards), a confirmation dialog, the request with the collection's version, and
//! what to do when it is refused: the last contact while an activated sales and marketing
//! benefit needs it (the reason, and a way to assign another), or contacts changed meanwhile.

use leptos::prelude::*;
use rewards_core::api::problem_codes;
use rewards_core::model::MarketingContact;

use super::{fetch_contacts, use_contact_dialog, Contacts, Load};
use crate::api::{endpoints, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::dialog::{
    use_dialog, Dialog, DialogActions, DialogBody, DialogClose, DialogDescription, DialogSurface,
    DialogTitle,
};
use crate::components::focus::focus_by_id;
use crate::components::form::{use_submit, OnUnauthenticated, SubmitButton, UseSubmitOptions};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

/// Ids that take focus when the dialog's answer replaces the button that had it.
const CONFIRM_ID: &str = "contact-remove-confirm";
const ASSIGN_ID: &str = "contact-remove-assign";
const CLOSE_ID: &str = "contact-remove-close";
/// A destructive action: the dialog opens on Cancel (WAI-ARIA APG alert dialog).
const CANCEL_ID: &str = "contact-remove-cancel";

/// Which contact the dialog is about, and whether it is open.
#[derive(Debug, Clone, Copy)]
pub(super) struct Removal {
    open: RwSignal<bool>,
    target: RwSignal<Option<(MarketingContact, String)>>,
}

impl Removal {
    pub fn new() -> Self {
        Removal {
            open: RwSignal::new(false),
            target: RwSignal::new(None),
        }
    }
}

/// A contact card's Remove button; the contact's name is part of its accessible name.
#[component]
pub(super) fn RemoveButton(
    removal: Removal,
    contact: MarketingContact,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = name.clone();
    view! {
        <button
            type="button"
            class="button button--danger contact-card__remove"
            on:click=move |_| {
                removal.target.set(Some((contact.clone(), name.clone())));
                removal.open.set(true);
            }
        >
            {t!(i18n, contact.remove.button)}
            <span class="visually-hidden">" " {shown}</span>
        </button>
    }
}

/// The confirmation dialog; `on_removed` gets the contacts left and the removed name.
#[component]
pub(super) fn RemoveContactDialog(
    removal: Removal,
    state: RwSignal<Load>,
    on_removed: Callback<(Contacts, String)>,
    return_focus: &'static str,
) -> impl IntoView {
    view! {
        <Dialog open=removal.open initial_focus=CANCEL_ID return_focus=return_focus>
            <DialogSurface class="confirm-dialog contact-remove-dialog">
                <RemoveContent removal state on_removed />
            </DialogSurface>
        </Dialog>
    }
}

/// Why the last attempt did not remove the contact.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    /// The last contact, needed by activated sales and marketing benefits.
    LastContact,
    /// The contacts changed meanwhile (412) or this one is gone (404); the list was reloaded.
    Changed { gone: bool },
}

/// Rendered afresh at every opening: one idempotency key per intent, reused on a retry.
#[component]
fn RemoveContent(
    removal: Removal,
    state: RwSignal<Load>,
    on_removed: Callback<(Contacts, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dialog = use_dialog();
    let assign = use_contact_dialog();
    let Some((contact, name)) = removal.target.get_untracked() else {
        return ().into_any();
    };
    let key = StoredValue::new(IdempotencyKey::new());
    let refusal = RwSignal::new(None::<Refusal>);
    let submit = use_submit(UseSubmitOptions::new(&[]).on_unauthenticated(
        OnUnauthenticated::Custom(Callback::new(move |()| {
            dialog.close();
            request_animation_frame(move || session.expired());
        })),
    ));
    let error = submit.failure;
    let only_one = move || match state.get() {
        Load::Loaded(data) => data.contacts.len() == 1,
        _ => false,
    };
    let id = contact.id.clone();
    let removed_name = name.clone();
    let on_submit = submit.on_submit(move || {
        let Load::Loaded(data) = state.get_untracked() else {
            return;
        };
        refusal.set(None);
        let (id, key, version) = (id.clone(), key.get_value(), data.version);
        let removed_name = removed_name.clone();
        submit.send(
            async move { endpoints::remove_contact(&id, version, &key).await },
            move |result| {
                match result {
                    Ok(saved) => {
                        let contacts = Contacts {
                            contacts: saved.contacts,
                            version: saved.version,
                            users: data.users,
                        };
                        dialog.close();
                        on_removed.run((contacts, removed_name));
                    }
                    Err(e) if e.code() == Some(problem_codes::LAST_CONTACT) => {
                        refusal.set(Some(Refusal::LastContact));
                        request_animation_frame(|| focus_by_id(ASSIGN_ID));
                    }
                    Err(e) if e.is_version_conflict() || e.status() == Some(404) => {
                        reload(state, refusal, e.status() == Some(404))
                    }
                    Err(e) => return Err(e.into()),
                }
                Ok(())
            },
        );
    });
    let assign_another = move |_| {
        dialog.close();
        request_animation_frame(move || assign.open());
    };
    let title_name = name.clone();
    let gone = move || matches!(refusal.get(), Some(Refusal::Changed { gone: true }));
    let last = move || refusal.get() == Some(Refusal::LastContact);

    view! {
        <form novalidate on:submit=on_submit>
            <DialogTitle>{t!(i18n, contact.remove.title, name = move || title_name.clone())}</DialogTitle>
            <DialogDescription>{t!(i18n, contact.remove.body)}</DialogDescription>
            <DialogBody>
                {move || (only_one() && refusal.get().is_none()).then(|| view! {
                    <p class="notice">{t!(i18n, contact.remove.only_one)}</p>
                })}
                {move || refusal.get().map(|r| match r {
                    Refusal::LastContact => view! {
                        <div class="notice notice--error" role="alert">
                            <p>{t!(i18n, contact.remove.last_needed)}</p>
                        </div>
                    }.into_any(),
                    Refusal::Changed { gone: true } => view! {
                        <p class="notice notice--warning" role="alert">{t!(i18n, contact.remove.gone)}</p>
                    }.into_any(),
                    Refusal::Changed { gone: false } => view! {
                        <p class="notice notice--warning" role="alert">{t!(i18n, contact.remove.changed)}</p>
                    }.into_any(),
                })}
                {move || error.get().map(|e| view! {
                    <p class="notice notice--error" role="alert">{error_sentence(i18n, &e)}</p>
                })}
            </DialogBody>
            <DialogActions>
                {move || if last() {
                    view! {
                        <button type="button" class="button button--primary" id=ASSIGN_ID on:click=assign_another>
                            {t!(i18n, contact.remove.assign_another)}
                        </button>
                        <DialogClose>{t!(i18n, common.form.close)}</DialogClose>
                    }.into_any()
                } else if gone() {
                    view! {
                        <button type="button" class="button" id=CLOSE_ID on:click=move |_| dialog.close()>
                            {t!(i18n, common.form.close)}
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <SubmitButton
                            id=CONFIRM_ID
                            label=Signal::derive(move || t_string!(i18n, contact.remove.confirm))
                            busy=submit.busy
                        />
                        <button type="button" class="button" id=CANCEL_ID on:click=move |_| dialog.close()>
                            {t!(i18n, common.form.cancel)}
                        </button>
                    }.into_any()
                }}
            </DialogActions>
        </form>
    }
    .into_any()
}

/// Takes the current contacts (and version) after a conflict, so a retry is judged afresh.
fn reload(state: RwSignal<Load>, refusal: RwSignal<Option<Refusal>>, gone: bool) {
    leptos::task::spawn_local(async move {
        match fetch_contacts().await {
            Ok(data) => {
                state.set(Load::Loaded(data));
                refusal.set(Some(Refusal::Changed { gone }));
                request_animation_frame(move || {
                    focus_by_id(if gone { CLOSE_ID } else { CONFIRM_ID })
                });
            }
            Err(error) => state.set(Load::Failed(error)),
        }
    });
}
