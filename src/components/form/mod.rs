//! Form building blocks following one pattern everywhere: validate on submit,
//! an error summary that takes focus and links to the fields, inline messages
//! on the fields, and `<title>` prefixed while errors show.

mod errors;
mod fields;
mod summary;

pub use errors::{error_message, FieldMessage, FormErrors};
pub use fields::{SelectField, SubmitButton, TextAreaField, TextField};
pub use summary::ErrorSummary;
