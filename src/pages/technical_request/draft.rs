//! The unsent form, kept in this browser's `localStorage` per signed-in user
//! so a reload (or a closed tab) does not lose it. The form holds no secrets.

use serde::{Deserialize, Serialize};

use crate::components::storage_slot::{Area, StorageSlot};

/// Per signed-in user, in every tab and across closes.
const SLOT: StorageSlot<Draft> = StorageSlot::new(Area::Local, "rewards.technical-request.draft.");

/// What the user has entered so far, field by field as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub phase: String,
    pub solution_type: String,
    pub title: String,
    pub description: String,
    /// The common products that are ticked.
    pub products: Vec<String>,
    /// Free text: further products or topics, comma-separated.
    pub other_products: String,
    pub phone: String,
    pub country_region: String,
    pub time_zone: String,
    pub language: String,
    pub preferred_contact_time: String,
    /// The `Idempotency-Key` of a submission that got no success answer, so a
    /// retry after a reload is recognised by the server (not a secret).
    pub pending_key: Option<String>,
}

impl Draft {
    /// Nothing typed or chosen yet (time zone and language start prefilled,
    /// so they alone do not make a draft).
    pub fn is_blank(&self) -> bool {
        self.phase.is_empty()
            && self.solution_type.is_empty()
            && self.title.trim().is_empty()
            && self.description.trim().is_empty()
            && self.products.is_empty()
            && self.other_products.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.country_region.is_empty()
            && self.preferred_contact_time.trim().is_empty()
    }
}

/// The saved draft, unless it is blank.
pub fn load(user_id: &str) -> Option<Draft> {
    SLOT.load(user_id).filter(|draft| !draft.is_blank())
}

/// Saves the draft, or forgets it when it is blank.
pub fn save(user_id: &str, draft: &Draft) {
    if draft.is_blank() {
        clear(user_id);
    } else {
        SLOT.save(user_id, draft);
    }
}

pub fn clear(user_id: &str) {
    SLOT.clear(user_id);
}
