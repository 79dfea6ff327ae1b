//! One submit pattern for every form, in the leptos-use manner:
//! `use_submit(options) -> UseSubmitReturn`.
//!
//! It owns what each form used to write again: the busy guard (no double submit), the request
//! spawned with the form's reactive owner (messages are translated through its i18n context),
//! a 401 ending the session, the server's field errors (problem+json `errors`, by wire field
//! name) in the error summary and on the inputs, and the sentence for any other error. A form
//! keeps only its own problem codes and its [`FormField`] table.
//!
//! The order of an answer's handling: the form's `on_done` first (its own problem codes, even
//! on a 401 such as wrong credentials), then, for what it hands back, a 401 as
//! [`OnUnauthenticated`] says, the problem's field errors on the table's inputs, and else the
//! [`Fallback`]. Busy is cleared before `on_done` runs.
//!
//! Options: [`UseSubmitOptions::errors`] shows into an existing [`FormErrors`] (a wizard's
//! shared ones), [`UseSubmitOptions::fallback`] puts the sentence in the summary instead of
//! [`UseSubmitReturn::failure`], [`UseSubmitOptions::on_unauthenticated`] closes a dialog
//! first ([`OnUnauthenticated::Custom`]) or, signing in, treats a 401 as any other error. Work
//! that must finish before busy clears (a second request, clearing a password) goes in the
//! request future: it may return any `Result<T, ApiError>`.
//!
//! ```ignore
//! const FIELDS: &[FormField] = &[
//!     FormField::new("email", EMAIL_ID, |i18n| t_string!(i18n, auth.sign_in.email)),
//!     FormField::new("password", PASSWORD_ID, |i18n| t_string!(i18n, auth.sign_in.password)),
//! ];
//!
//! let submit = use_submit(
//!     UseSubmitOptions::new(FIELDS)
//!         .fallback(Fallback::summary(SUBMIT_ID, |i18n| t_string!(i18n, my.form.submit))),
//! );
//! let on_submit = submit.on_submit(move || {
//!     let input = /* read the fields */;
//!     if let Err(field_errors) = validate(&input) {
//!         return submit.show_field_errors(&field_errors);
//!     }
//!     submit.send(
//!         async move { endpoints::create(&input, &IdempotencyKey::new()).await },
//!         move |result| {
//!             match result {
//!                 Ok(created) => on_created.run(created),
//!                 Err(e) if e.code() == Some(problem_codes::SOMETHING) => {
//!                     submit.show_message(t_string!(i18n, my.form.something).to_owned())
//!                 }
//!                 // 401, field errors and the fallback sentence: the common way.
//!                 Err(e) => return Err(e.into()),
//!             }
//!             Ok(())
//!         },
//!     );
//! });
//! view! {
//!     <form novalidate on:submit=on_submit>
//!         <ErrorSummary errors=submit.errors />
//!         <TextField id=EMAIL_ID /* … */ error=submit.errors.for_field(EMAIL_ID) />
//!         <SubmitButton id=SUBMIT_ID /* … */ busy=submit.busy />
//!     </form>
//! }
//! ```

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::validate::FieldError;

use super::{FormErrors, FormField};
use crate::api::ApiError;
use crate::components::async_view::error_sentence;
use crate::i18n::{use_i18n, I18n};
use crate::session::{use_session, Session};

/// Where an error goes that has neither a handler in the form nor fields to land on.
#[derive(Clone, Copy)]
pub enum Fallback {
    /// Kept in [`UseSubmitReturn::failure`] for the form to show (e.g. an `ErrorNotice`).
    Notice,
    /// One message in the error summary, linking to the element `id`, under `label`.
    Summary {
        id: &'static str,
        label: fn(I18n) -> &'static str,
    },
}

impl Fallback {
    pub const fn summary(id: &'static str, label: fn(I18n) -> &'static str) -> Self {
        Self::Summary { id, label }
    }
}

/// What a 401 answer means to the form.
#[derive(Clone, Copy)]
pub enum OnUnauthenticated {
    /// The session ended elsewhere: `session.expired()` (the default).
    EndSession,
    /// The form's own steps, which end the session themselves (e.g. close a dialog first and
    /// end the session on the next frame).
    Custom(Callback<()>),
    /// Not a session matter (signing in): handled like any other error.
    OtherError,
}

/// An error `on_done` hands back to the common handling (boxed: an `ApiError` is large).
/// `?` on the answer's `Result` makes one.
#[derive(Debug)]
pub struct Unhandled(Box<ApiError>);

impl From<ApiError> for Unhandled {
    fn from(error: ApiError) -> Self {
        Self(Box::new(error))
    }
}

/// The options of [`use_submit`]: the form's field table and the defaults it changes.
#[derive(Clone, Copy)]
pub struct UseSubmitOptions {
    fields: &'static [FormField],
    errors: Option<FormErrors>,
    fallback: Fallback,
    on_unauthenticated: OnUnauthenticated,
}

impl UseSubmitOptions {
    /// `fields` maps the wire field names of validation errors to the form's inputs.
    pub fn new(fields: &'static [FormField]) -> Self {
        Self {
            fields,
            errors: None,
            fallback: Fallback::Notice,
            on_unauthenticated: OnUnauthenticated::EndSession,
        }
    }

    /// Shows the errors in `errors` (e.g. one a wizard shares across steps) instead of new ones.
    pub fn errors(self, errors: FormErrors) -> Self {
        Self {
            errors: Some(errors),
            ..self
        }
    }

    /// Where other errors go; [`Fallback::Notice`] unless set.
    pub fn fallback(self, fallback: Fallback) -> Self {
        Self { fallback, ..self }
    }

    /// What a 401 does; [`OnUnauthenticated::EndSession`] unless set.
    pub fn on_unauthenticated(self, on_unauthenticated: OnUnauthenticated) -> Self {
        Self {
            on_unauthenticated,
            ..self
        }
    }
}

/// The form's submit state and actions. `Copy`, so every closure of the form can hold it.
#[derive(Clone, Copy)]
pub struct UseSubmitReturn {
    /// True while a request is in flight: the submit button shows progress, submits are ignored.
    pub busy: Signal<bool>,
    /// The summary's and the inputs' messages.
    pub errors: FormErrors,
    /// The last error under [`Fallback::Notice`], cleared on every send.
    pub failure: RwSignal<Option<ApiError>>,
    busy_signal: RwSignal<bool>,
    options: UseSubmitOptions,
    i18n: I18n,
    session: Session,
    owner: StoredValue<Owner, LocalStorage>,
}

/// Creates the submit state of one form; call it in the form's component.
pub fn use_submit(options: UseSubmitOptions) -> UseSubmitReturn {
    let busy = RwSignal::new(false);
    UseSubmitReturn {
        busy: busy.into(),
        errors: options.errors.unwrap_or_default(),
        failure: RwSignal::new(None),
        busy_signal: busy,
        options,
        i18n: use_i18n(),
        session: use_session(),
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
    }
}

impl UseSubmitReturn {
    /// The form's `on:submit`: stops the browser's own submit and, unless a request is in
    /// flight, runs `submit` (which validates and calls [`send`](Self::send)).
    pub fn on_submit(
        self,
        submit: impl Fn() + Clone + 'static,
    ) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static {
        move |ev| {
            ev.prevent_default();
            if !self.is_busy() {
                submit();
            }
        }
    }

    /// Whether a request is in flight (untracked).
    pub fn is_busy(&self) -> bool {
        self.busy_signal.get_untracked()
    }

    /// Sends `request` unless one is in flight: clears the messages, sets busy, and once the
    /// answer is there (busy cleared) runs `on_done` with the form's owner. `on_done` returns
    /// `Err(error.into())` for any error it has no word of its own for; that error then goes
    /// the common way (see [`show_error`](Self::show_error)).
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        on_done: impl FnOnce(Result<T, ApiError>) -> Result<(), Unhandled> + 'static,
    ) {
        if self.is_busy() {
            return;
        }
        self.errors.clear();
        self.failure.set(None);
        self.busy_signal.set(true);
        spawn_local(async move {
            let result = request.await;
            self.busy_signal.set(false);
            let owner = self.owner.try_get_value().unwrap_or_default();
            owner.with(|| {
                if let Err(Unhandled(error)) = on_done(result) {
                    self.show_error(*error);
                }
            });
        });
    }

    /// The common handling of an error: a 401 ends the session (see [`OnUnauthenticated`]),
    /// field errors show on their inputs, anything else as the [`Fallback`] says.
    pub fn show_error(&self, error: ApiError) {
        if error.is_unauthenticated() {
            match self.options.on_unauthenticated {
                OnUnauthenticated::EndSession => return self.session.expired(),
                OnUnauthenticated::Custom(callback) => return callback.run(()),
                OnUnauthenticated::OtherError => {}
            }
        }
        if !error.field_errors().is_empty() {
            return self.show_field_errors(error.field_errors());
        }
        match self.options.fallback {
            Fallback::Notice => self.failure.set(Some(error)),
            Fallback::Summary { .. } => self.show_message(error_sentence(self.i18n, &error)),
        }
    }

    /// Shows validation errors (the core's or the server's) on the table's inputs.
    pub fn show_field_errors(&self, errors: &[FieldError]) {
        self.errors.show_fields(errors, self.options.fields);
    }

    /// Shows one message in the summary, at the [`Fallback::Summary`] place (with
    /// [`Fallback::Notice`], at the table's first input).
    pub fn show_message(&self, message: String) {
        let (id, label) = match (self.options.fallback, self.options.fields.first()) {
            (Fallback::Summary { id, label }, _) => (id, label),
            (Fallback::Notice, Some(first)) => (first.id, first.label),
            (Fallback::Notice, None) => return,
        };
        self.errors
            .show_form_message(id, label(self.i18n).to_owned(), message);
    }
}
