//! The company marketing contact: the panel at the top of the Sales and
//! marketing tab ("Add, update, or change") and the Assign user dialog.
//! Interface used by the benefits page: `provide_contact_dialog()`,
//! `use_contact_dialog().open()`, `<MarketingContactPanel />`.

use leptos::prelude::*;

/// Opens the Assign user dialog from anywhere on the benefits page
/// (e.g. when an activation is blocked for want of a contact).
#[derive(Debug, Clone, Copy)]
pub struct ContactDialog {
    open: RwSignal<bool>,
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
}

pub fn provide_contact_dialog() -> ContactDialog {
    let dialog = ContactDialog {
        open: RwSignal::new(false),
    };
    provide_context(dialog);
    dialog
}

pub fn use_contact_dialog() -> ContactDialog {
    expect_context::<ContactDialog>()
}

#[component]
pub fn MarketingContactPanel() -> impl IntoView {}
