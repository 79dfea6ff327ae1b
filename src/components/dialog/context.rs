//! `Dialog`: the open state and the context shared by the parts.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::context::Provider;
use leptos::prelude::*;

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// Shared by the parts of one dialog; `use_dialog()` inside any part.
#[derive(Debug, Clone, Copy)]
pub struct DialogContext {
    pub(super) open: RwSignal<bool>,
    pub(super) id: usize,
    pub(super) has_description: RwSignal<bool>,
    pub(super) initial_focus: Option<&'static str>,
    pub(super) return_focus: Option<&'static str>,
    pub(super) on_close: Option<Callback<()>>,
}

impl DialogContext {
    /// Closes the dialog; focus returns to where it was before opening.
    pub fn close(&self) {
        self.open.set(false);
    }

    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    pub fn title_id(&self) -> String {
        format!("dialog-{}-title", self.id)
    }

    pub fn description_id(&self) -> String {
        format!("dialog-{}-description", self.id)
    }
}

pub fn use_dialog() -> DialogContext {
    expect_context::<DialogContext>()
}

/// Holds the dialog's state. `open` opens and closes it (Escape and
/// [`DialogClose`] set it to `false`); `on_close` runs after every close.
/// `initial_focus`: id of the element to focus on open (default: the first
/// focusable element). `return_focus`: id of the element to focus on close
/// when the element that opened the dialog no longer exists.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    #[prop(optional, into)] on_close: Option<Callback<()>>,
    #[prop(optional)] initial_focus: Option<&'static str>,
    #[prop(optional)] return_focus: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let context = DialogContext {
        open,
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        has_description: RwSignal::new(false),
        initial_focus,
        return_focus,
        on_close,
    };
    // A scoped provider: a bare provide_context would also reach sibling
    // dialogs rendered later under the same owner and mix up their ids.
    view! { <Provider value=context>{children()}</Provider> }
}
