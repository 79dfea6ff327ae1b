//! The content parts: title, description, body, actions and a close button.

use leptos::prelude::*;

use super::context::use_dialog;
use crate::i18n::{t, use_i18n};

/// The dialog's heading; labels the dialog.
#[component]
pub fn DialogTitle(children: Children) -> impl IntoView {
    let context = use_dialog();
    view! { <h2 class="dialog__title" id=context.title_id()>{children()}</h2> }
}

/// A short description read with the title when the dialog opens.
#[component]
pub fn DialogDescription(children: Children) -> impl IntoView {
    let context = use_dialog();
    context.has_description.set(true);
    on_cleanup(move || context.has_description.set(false));
    view! { <p class="dialog__description" id=context.description_id()>{children()}</p> }
}

/// The scrollable content of the dialog.
#[component]
pub fn DialogBody(children: Children) -> impl IntoView {
    view! { <div class="dialog__body">{children()}</div> }
}

/// The row of buttons at the end of the dialog.
#[component]
pub fn DialogActions(children: Children) -> impl IntoView {
    view! { <div class="dialog__actions">{children()}</div> }
}

/// A button that closes the dialog (default label: "Cancel").
#[component]
pub fn DialogClose(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let context = use_dialog();
    let i18n = use_i18n();
    view! {
        <button type="button" class="button" on:click=move |_| context.close()>
            {match children {
                Some(children) => children().into_any(),
                None => t!(i18n, common.form.cancel).into_any(),
            }}
        </button>
    }
}
