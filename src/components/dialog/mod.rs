//! A modal dialog following the WAI-ARIA APG modal dialog pattern, modelled on
//! thaw's `Dialog`: one component per part, sharing a [`DialogContext`].
//!
//! * Built on the native `<dialog>` element opened with `showModal()`: it sits
//!   in the top layer above a backdrop, the rest of the page is inert, and
//!   Escape closes it (the `close` event sets `open` back to `false`).
//! * `role="dialog"`, `aria-modal="true"`, `aria-labelledby` the
//!   [`DialogTitle`] and, when a [`DialogDescription`] is present,
//!   `aria-describedby` it.
//! * On open, focus moves to the element with id `initial_focus` or else the
//!   first focusable element of the [`DialogBody`] (then of the whole dialog).
//!   Tab and Shift+Tab cycle inside the dialog.
//! * On close, focus returns to the element that had it when the dialog
//!   opened; if that element is gone, to the element with id `return_focus`.
//! * The surface's content is rendered only while open, so every opening
//!   starts with fresh state (create per-opening state, such as an
//!   `IdempotencyKey`, inside the children).
//!
//! ```ignore
//! let open = RwSignal::new(false);
//! view! {
//!     <button class="button" on:click=move |_| open.set(true)>{t!(i18n, feature.open)}</button>
//!     <Dialog open on_close=move || log_closed()>
//!         <DialogSurface>
//!             <DialogTitle>{t!(i18n, feature.dialog_title)}</DialogTitle>
//!             <DialogDescription>{t!(i18n, feature.dialog_intro)}</DialogDescription>
//!             <DialogBody>
//!                 <p>{t!(i18n, feature.question)}</p>
//!             </DialogBody>
//!             <DialogActions>
//!                 <button class="button button--primary" on:click=move |_| { confirm(); open.set(false) }>
//!                     {t!(i18n, feature.confirm)}
//!                 </button>
//!                 <DialogClose>{t!(i18n, common.actions.cancel)}</DialogClose>
//!             </DialogActions>
//!         </DialogSurface>
//!     </Dialog>
//! }
//! ```
//!
//! A form inside the dialog: put the `<form>` inside `DialogSurface` around
//! `DialogBody` and `DialogActions`, with the submit button in the actions.

mod context;
mod parts;
mod surface;

pub use context::{use_dialog, Dialog, DialogContext};
pub use parts::{DialogActions, DialogBody, DialogClose, DialogDescription, DialogTitle};
pub use surface::DialogSurface;
