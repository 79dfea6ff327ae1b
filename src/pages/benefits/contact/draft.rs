//! The Assign user dialog's unsent entries, kept in `sessionStorage` (this tab
//! only) per signed-in user, so a reload reopens the dialog with them. The
//! dialog holds no secrets; the draft is forgotten on save or when the dialog
//! is closed.

use serde::{Deserialize, Serialize};

use crate::components::storage_slot::{Area, StorageSlot};

/// Per signed-in user, this tab only.
pub const SLOT: StorageSlot<Draft> = StorageSlot::new(Area::Session, "rewards.contact.draft.");

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// `add` or the id of the contact being replaced.
    pub target: String,
    pub user_id: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    /// The `Idempotency-Key` of this dialog's intent (not a secret).
    pub key: String,
}
