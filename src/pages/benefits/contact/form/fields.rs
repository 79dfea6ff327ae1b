//! The dialog's inputs: their ids, the one table from wire field names to them, the signals
//! they edit ([`Fields`]) and the draft those signals are kept as.

use leptos::prelude::*;

use super::super::{draft::Draft, Contacts};
use crate::api::endpoints::wire_name;
use crate::components::form::FormField;
use crate::i18n::t_string;

pub const ACTION_ID: &str = "contact-action";
pub const SEARCH_ID: &str = "contact-search";
pub const USER_ID: &str = "contact-user";
pub const EMAIL_ID: &str = "contact-email";
pub const PHONE_ID: &str = "contact-phone";
pub const LANGUAGE_ID: &str = "contact-language";
pub const SUBMIT_ID: &str = "contact-submit";
/// The value of the "add another contact" choice.
pub const ADD: &str = "add";

/// Wire field names → inputs.
pub const FIELDS: &[FormField] = &[
    FormField::new("contacts", ACTION_ID, |i18n| {
        t_string!(i18n, contact.dialog.action)
    }),
    FormField::new("user_id", USER_ID, |i18n| {
        t_string!(i18n, contact.dialog.user)
    }),
    FormField::new("email", EMAIL_ID, |i18n| {
        t_string!(i18n, contact.dialog.email)
    }),
    FormField::new("phone", PHONE_ID, |i18n| {
        t_string!(i18n, contact.dialog.phone)
    }),
    FormField::new("preferred_language", LANGUAGE_ID, |i18n| {
        t_string!(i18n, contact.dialog.language)
    }),
];

/// The dialog's entries, one signal each. `Copy` so closures can share it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fields {
    /// `ADD` or the id of the contact to replace.
    pub target: RwSignal<String>,
    pub user_id: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub language: RwSignal<String>,
}

impl Fields {
    /// Puts `draft`'s entries into the inputs (its key is the caller's).
    pub fn restore(&self, draft: Draft) {
        self.target.set(draft.target);
        self.user_id.set(draft.user_id);
        self.email.set(draft.email);
        self.phone.set(draft.phone);
        self.language.set(draft.language);
    }

    /// The current entries, without a key (tracked, so an effect re-runs on every change).
    pub fn draft(&self) -> Draft {
        Draft {
            target: self.target.get(),
            user_id: self.user_id.get(),
            email: self.email.get(),
            phone: self.phone.get(),
            language: self.language.get(),
            key: String::new(),
        }
    }

    pub fn draft_untracked(&self) -> Draft {
        untrack(|| self.draft())
    }

    /// Chooses `target`, with the entries of the contact it replaces (or empty ones to add).
    pub fn prefill(&self, data: Option<&Contacts>, target: &str) {
        self.restore(prefilled(data, target));
    }
}

/// The entries the dialog starts with for `target`: the contact it replaces, or empty ones.
pub fn prefilled(data: Option<&Contacts>, target: &str) -> Draft {
    let contact = data.and_then(|data| data.contacts.iter().find(|c| c.id == target));
    Draft {
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
