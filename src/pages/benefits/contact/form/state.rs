//! What the dialog's parts share ([`FormState`]), and this opening's intent with the draft
//! that keeps it across a reload ([`Intent`]).

use leptos::prelude::*;

use super::super::draft::{self, Draft};
use super::super::{Contacts, Load};
use super::fields::{prefilled, Fields, ADD};
use crate::api::IdempotencyKey;

/// The dialog's state. `Copy`, so every part and closure can hold it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The panel's load of the contacts (a reload updates it too).
    pub load: RwSignal<Load>,
    /// The contacts and version as loaded when the dialog opened (or reloaded).
    pub snapshot: RwSignal<Option<Contacts>>,
    pub fields: Fields,
    pub search: RwSignal<String>,
    /// Someone else changed the contacts meanwhile: offer a reload.
    pub conflict: RwSignal<bool>,
    pub reloading: RwSignal<bool>,
    pub reloaded: RwSignal<bool>,
    /// The entries came back from a draft.
    pub restored: RwSignal<bool>,
    pub intent: Intent,
}

impl FormState {
    pub fn new(load: RwSignal<Load>, user_id: String) -> Self {
        Self {
            load,
            snapshot: RwSignal::new(None),
            fields: Fields::default(),
            search: RwSignal::new(String::new()),
            conflict: RwSignal::new(false),
            reloading: RwSignal::new(false),
            reloaded: RwSignal::new(false),
            restored: RwSignal::new(false),
            intent: Intent::new(user_id),
        }
    }
}

/// This opening's submission intent: its idempotency key (restored with the draft, so a
/// retry after a reload is still the same intent) and the draft slot of the signed-in user.
#[derive(Clone, Copy)]
pub struct Intent {
    user_id: StoredValue<String>,
    pub key: StoredValue<IdempotencyKey>,
    /// Whether this intent was sent: only then does the draft keep its key,
    /// and the server (not the local duplicate check) decides on a resend.
    pub sent: StoredValue<bool>,
    /// Set when the session ends: closing the dialog then keeps the draft.
    pub keep_draft: StoredValue<bool>,
}

impl Intent {
    fn new(user_id: String) -> Self {
        Self {
            user_id: StoredValue::new(user_id),
            key: StoredValue::new(IdempotencyKey::new()),
            sent: StoredValue::new(false),
            keep_draft: StoredValue::new(false),
        }
    }

    /// Keeps `entries`, with this intent's key once it was sent.
    pub fn save(&self, entries: Draft) {
        let key = if self.sent.get_value() {
            self.key.with_value(|k| k.as_str().to_owned())
        } else {
            String::new()
        };
        let draft = Draft { key, ..entries };
        self.user_id.with_value(|id| draft::SLOT.save(id, &draft));
    }
}

/// Takes the panel's data once it is there (it usually already is), with the saved draft's
/// entries if there is one for this data, else those of the first contact.
pub fn take_data(form: FormState) {
    let FormState {
        load,
        snapshot,
        fields,
        intent,
        ..
    } = form;
    Effect::new(move |_| {
        if snapshot.with_untracked(Option::is_some) {
            return;
        }
        let Load::Loaded(data) = load.get() else {
            return;
        };
        let saved = intent
            .user_id
            .with_value(|id| draft::SLOT.load(id))
            .filter(|d| d.target == ADD || data.contacts.iter().any(|c| c.id == d.target));
        match saved {
            Some(saved) => {
                if let Some(saved_key) = IdempotencyKey::restore(&saved.key) {
                    intent.key.set_value(saved_key);
                    intent.sent.set_value(true);
                }
                fields.restore(saved);
                form.restored.set(true);
            }
            None => {
                let first = data.contacts.first().map(|c| c.id.clone());
                fields.prefill(Some(&data), first.as_deref().unwrap_or(ADD));
            }
        }
        snapshot.set(Some(data));
    });
}

/// Keeps the entries for a reload once they differ from the prefilled ones; forgets them
/// when the dialog closes, unless a 401 ended the session (the user signs in and goes on).
pub fn keep_draft(form: FormState) {
    let FormState {
        snapshot,
        fields,
        intent,
        ..
    } = form;
    Effect::new(move |_| {
        let current = fields.draft();
        let untouched = snapshot.with_untracked(|s| {
            s.as_ref()
                .is_none_or(|data| prefilled(Some(data), &current.target) == current)
        });
        if !untouched {
            intent.save(current);
        }
    });
    let user_id = intent.user_id.get_value();
    on_cleanup(move || {
        if !intent.keep_draft.try_get_value().unwrap_or(false) {
            draft::SLOT.clear(&user_id);
        }
    });
}
