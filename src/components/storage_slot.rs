//! One typed value kept in the browser's Web Storage under a key per signed-in user: the forms'
//! unsent drafts. One home for the key scheme, the JSON round trip and the rule that a full or
//! disabled storage only costs the restore after a reload (it never fails the form).

use std::marker::PhantomData;

use serde::{de::DeserializeOwned, Serialize};

/// Which Web Storage area holds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `sessionStorage`: this tab only, gone when it closes.
    Session,
    /// `localStorage`: every tab of this origin, kept across closes.
    Local,
}

/// A typed slot: `prefix` + the owner's id is the storage key. An owner of `""` gives one slot
/// per storage area (the prefix alone is the key).
pub struct StorageSlot<T> {
    prefix: &'static str,
    area: Area,
    value: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> StorageSlot<T> {
    pub const fn new(area: Area, prefix: &'static str) -> Self {
        Self {
            prefix,
            area,
            value: PhantomData,
        }
    }

    /// The stored value; `None` when there is none, storage is unavailable or the stored text no
    /// longer reads as `T` (an older shape is dropped, not repaired).
    pub fn load(&self, owner: &str) -> Option<T> {
        let text = self.storage()?.get_item(&self.key(owner)).ok().flatten()?;
        serde_json::from_str(&text).ok()
    }

    pub fn save(&self, owner: &str, value: &T) {
        if let (Some(storage), Ok(text)) = (self.storage(), serde_json::to_string(value)) {
            // A full or disabled storage only costs the restore after a reload.
            let _ = storage.set_item(&self.key(owner), &text);
        }
    }

    pub fn clear(&self, owner: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(&self.key(owner));
        }
    }

    fn key(&self, owner: &str) -> String {
        format!("{}{owner}", self.prefix)
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self.area {
            Area::Session => window.session_storage(),
            Area::Local => window.local_storage(),
        }
        .ok()
        .flatten()
    }
}
