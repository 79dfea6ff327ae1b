//! The company marketing contact: the panel at the top of the Sales and
//! marketing tab ("Add, update, or change") and the Assign user dialog.
//! Interface used by the benefits page: `provide_contact_dialog()`,
//! `use_contact_dialog().open()`, `<MarketingContactPanel />`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::UserSummary;
use rewards_core::model::MarketingContact;

use crate::api::{endpoints, shared, ApiError};
use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::dialog::{Dialog, DialogSurface};
use crate::components::focus::focus_by_id;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

mod draft;
mod form;
mod labels;
mod remove;

/// Id of the "Add, update, or change" button (focus returns here).
const OPEN_BUTTON_ID: &str = "contact-open";

/// Opens the Assign user dialog from anywhere on the benefits page
/// (e.g. when an activation is blocked for want of a contact).
#[derive(Debug, Clone, Copy)]
pub struct ContactDialog {
    open: RwSignal<bool>,
    saves: RwSignal<u32>,
}

impl ContactDialog {
    pub fn open(&self) {
        self.open.set(true);
    }

    pub fn close(&self) {
        self.open.set(false);
    }

    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    /// Counts the contacts saved through the dialog, reactively (e.g. to
    /// retry an activation that was blocked for want of a contact).
    pub fn saves(&self) -> u32 {
        self.saves.get()
    }
}

pub fn provide_contact_dialog() -> ContactDialog {
    let dialog = ContactDialog {
        open: RwSignal::new(false),
        saves: RwSignal::new(0),
    };
    provide_context(dialog);
    dialog
}

pub fn use_contact_dialog() -> ContactDialog {
    expect_context::<ContactDialog>()
}

/// The contacts with the collection version they were loaded at, and the
/// account's users to choose from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contacts {
    pub contacts: Vec<MarketingContact>,
    pub version: u64,
    pub users: Vec<UserSummary>,
}

impl Contacts {
    /// The user's display name, or the contact's email for a former user.
    pub fn name_of(&self, contact: &MarketingContact) -> String {
        self.users
            .iter()
            .find(|u| u.id == contact.user_id)
            .map(|u| u.display_name.clone())
            .unwrap_or_else(|| contact.email.clone())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Load {
    Loading,
    Failed(ApiError),
    Loaded(Contacts),
}

/// Loads contacts and users; `Err` after a 401 has ended the session.
pub(crate) async fn fetch_contacts() -> Result<Contacts, ApiError> {
    let versioned = endpoints::contacts().await?;
    let users = shared::users().await?.users;
    Ok(Contacts {
        contacts: versioned.value.contacts,
        version: versioned.version,
        users,
    })
}

#[component]
pub fn MarketingContactPanel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dialog = use_contact_dialog();
    let state = RwSignal::new(Load::Loading);
    let saved_name = RwSignal::new(None::<String>);
    let removed_name = RwSignal::new(None::<String>);
    let removal = remove::Removal::new();

    let load = move || {
        state.set(Load::Loading);
        spawn_local(async move {
            match fetch_contacts().await {
                Ok(contacts) => {
                    state.set(Load::Loaded(contacts));
                    // Entries left in the dialog before a reload: reopen it with them.
                    let me = session.with_me(|me| (me.user.id.clone(), me.can_manage_rewards));
                    if let Some((user_id, true)) = me {
                        if draft::SLOT.load(&user_id).is_some() {
                            dialog.open();
                        }
                    }
                }
                Err(error) => {
                    if error.is_unauthenticated() {
                        session.expired();
                    }
                    state.set(Load::Failed(error));
                }
            }
        });
    };
    load();

    let can_manage = move || session.with_me(|me| me.can_manage_rewards).unwrap_or(false);
    let on_saved = Callback::new(move |(contacts, name): (Contacts, String)| {
        state.set(Load::Loaded(contacts));
        saved_name.set(Some(name));
        dialog.saves.update(|n| *n += 1);
        dialog.close();
    });
    let on_open = move |_| {
        saved_name.set(None);
        removed_name.set(None);
        dialog.open();
    };
    // After the dialog has closed (and given focus back to the Remove button), the card goes:
    // focus moves on to the panel's button instead of being lost with it.
    let on_removed = Callback::new(move |(contacts, name): (Contacts, String)| {
        request_animation_frame(move || {
            // try_*: the page may have gone meanwhile.
            state.try_set(Load::Loaded(contacts));
            saved_name.try_set(None);
            removed_name.try_set(Some(name));
            request_animation_frame(|| focus_by_id(OPEN_BUTTON_ID));
        });
    });

    view! {
        <section class="contact-panel card" aria-labelledby="contact-panel-heading">
            <h2 id="contact-panel-heading" class="contact-panel__heading">
                {t!(i18n, contact.panel.heading)}
            </h2>
            <p class="contact-panel__intro">{t!(i18n, contact.panel.intro)}</p>
            <p class="contact-panel__announcement" role="status">
                {move || match (saved_name.get(), removed_name.get()) {
                    (Some(name), _) => Some(t!(i18n, contact.panel.saved, name).into_any()),
                    (None, Some(name)) => Some(t!(i18n, contact.remove.removed, name).into_any()),
                    (None, None) => None,
                }}
            </p>
            {move || match state.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Failed(error) => {
                    view! { <ErrorNotice error on_retry=move || load() /> }.into_any()
                }
                Load::Loaded(data) if data.contacts.is_empty() => view! {
                    <p class="notice notice--warning contact-panel__none">
                        {t!(i18n, contact.panel.none)}
                    </p>
                }
                .into_any(),
                Load::Loaded(data) => {
                    let removal = can_manage().then_some(removal);
                    view! { <ContactList data removal /> }.into_any()
                }
            }}
            <div class="contact-panel__actions">
                <button
                    type="button"
                    id=OPEN_BUTTON_ID
                    class="button"
                    disabled=move || !can_manage()
                    aria-describedby=move || (!can_manage()).then_some("contact-read-only")
                    on:click=on_open
                >
                    {t!(i18n, contact.panel.open)}
                </button>
                {move || (!can_manage()).then(|| view! {
                    <p id="contact-read-only" class="contact-panel__read-only">
                        {t!(i18n, contact.panel.read_only)} " "
                        <PeopleWhoCanAct acting=Acting::Rewards />
                    </p>
                })}
            </div>
        </section>
        <remove::RemoveContactDialog removal state on_removed return_focus=OPEN_BUTTON_ID />
        <Dialog open=dialog.open return_focus=OPEN_BUTTON_ID>
            <DialogSurface class="contact-dialog">
                <form::AssignContactForm state on_saved />
            </DialogSurface>
        </Dialog>
    }
}

/// The current contacts, one description list each; with `removal` (the roles that manage
/// rewards) a Remove button on each.
#[component]
fn ContactList(data: Contacts, removal: Option<remove::Removal>) -> impl IntoView {
    let i18n = use_i18n();
    let items = data
        .contacts
        .iter()
        .map(|contact| {
            let name = data.name_of(contact);
            let language = contact.preferred_language;
            let remove = removal.map(|removal| {
                let (contact, name) = (contact.clone(), name.clone());
                view! { <remove::RemoveButton removal contact name /> }
            });
            view! {
                <li class="contact-card">
                    <dl class="contact-card__facts">
                        <div>
                            <dt>{t!(i18n, contact.panel.name)}</dt>
                            <dd class="contact-card__name">{name}</dd>
                        </div>
                        <div>
                            <dt>{t!(i18n, contact.panel.email)}</dt>
                            <dd>{contact.email.clone()}</dd>
                        </div>
                        <div>
                            <dt>{t!(i18n, contact.panel.phone)}</dt>
                            <dd dir="ltr">{contact.phone_e164.clone()}</dd>
                        </div>
                        <div>
                            <dt>{t!(i18n, contact.panel.language)}</dt>
                            <dd>{move || labels::language_name(i18n, language)}</dd>
                        </div>
                    </dl>
                    {remove}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="contact-list">{items}</ul> }
}
