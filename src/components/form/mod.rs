//! Form building blocks following one pattern everywhere: validate on submit,
//! an error summary that takes focus and links to the fields, inline messages
//! on the fields, and `<title>` prefixed while errors show; [`use_submit`] sends it.

mod errors;
mod fields;
mod summary;
mod use_submit;

pub use errors::{error_message, FieldMessage, FormErrors, FormField};
pub use fields::{SelectField, SubmitButton, TextAreaField, TextField};
pub use summary::ErrorSummary;
pub use use_submit::{
    use_submit, Fallback, OnUnauthenticated, Unhandled, UseSubmitOptions, UseSubmitReturn,
};
