//! The Assign user dialog's unsent entries, kept in `sessionStorage` (this tab
//! only) per signed-in user, so a reload reopens the dialog with them. The
//! dialog holds no secrets; the draft is forgotten on save or when the dialog
//! is closed.

use serde::{Deserialize, Serialize};

const KEY_PREFIX: &str = "rewards.contact.draft.";

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

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn key(user_id: &str) -> String {
    format!("{KEY_PREFIX}{user_id}")
}

pub fn load(user_id: &str) -> Option<Draft> {
    let text = storage()?.get_item(&key(user_id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn save(user_id: &str, draft: &Draft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        // A full or disabled storage only costs the restore after a reload.
        let _ = storage.set_item(&key(user_id), &text);
    }
}

pub fn clear(user_id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(user_id));
    }
}
