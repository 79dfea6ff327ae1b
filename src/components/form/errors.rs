//! Field errors (codes from the domain core or the server) and their messages.

use leptos::prelude::*;
use rewards_core::validate::{ErrorCode, FieldError};

use crate::i18n::{t_string, use_i18n, I18n};

/// One message on one field; `field` is the input's element id.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMessage {
    pub field: String,
    pub label: String,
    pub message: String,
}

/// One input of a form as the API and the domain core name it: `wire` is the field name in
/// their errors (`products[2]` counts as `products`), `id` the input's element id, `label` its
/// visible label. A form's `&[FormField]` is its one table from wire names to inputs.
#[derive(Debug, Clone, Copy)]
pub struct FormField {
    pub wire: &'static str,
    pub id: &'static str,
    pub label: fn(I18n) -> &'static str,
}

impl FormField {
    pub const fn new(
        wire: &'static str,
        id: &'static str,
        label: fn(I18n) -> &'static str,
    ) -> Self {
        Self { wire, id, label }
    }
}

/// The errors a form shows, in field order. `Copy` so closures can share it.
#[derive(Debug, Clone, Copy)]
pub struct FormErrors {
    /// Captured at creation: `show` also runs after an await, outside any owner.
    i18n: I18n,
    messages: RwSignal<Vec<FieldMessage>>,
    /// Bumped on every submit that fails, so the summary re-takes focus.
    attempt: RwSignal<u32>,
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    pub fn new() -> Self {
        Self {
            i18n: use_i18n(),
            messages: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    pub fn messages(&self) -> Vec<FieldMessage> {
        self.messages.get()
    }

    pub fn attempt(&self) -> u32 {
        self.attempt.get()
    }

    pub fn has_errors(&self) -> bool {
        self.messages.with(|m| !m.is_empty())
    }

    pub fn clear(&self) {
        self.messages.set(Vec::new());
    }

    /// Shows `errors`; `field_id_and_label` maps an error's field name to the
    /// element id and visible label of its input (`None` for fields not on this form).
    pub fn show(
        &self,
        errors: &[FieldError],
        field_id_and_label: impl Fn(&str) -> Option<(String, String)>,
    ) {
        let i18n = self.i18n;
        let messages = errors
            .iter()
            .filter_map(|error| {
                let (field, label) = field_id_and_label(base_field(&error.field))?;
                Some(FieldMessage {
                    field,
                    label,
                    message: error_message(i18n, error.code).to_owned(),
                })
            })
            .fold(Vec::<FieldMessage>::new(), |mut acc, msg| {
                // One message per field: the first is the most useful.
                if !acc.iter().any(|m| m.field == msg.field) {
                    acc.push(msg);
                }
                acc
            });
        self.messages.set(messages);
        self.attempt.update(|n| *n += 1);
    }

    /// Shows `errors` on the inputs of `table` (see [`FormField`]).
    pub fn show_fields(&self, errors: &[FieldError], table: &[FormField]) {
        let i18n = self.i18n;
        self.show(errors, |name| {
            table
                .iter()
                .find(|field| field.wire == name)
                .map(|field| (field.id.to_owned(), (field.label)(i18n).to_owned()))
        });
    }

    /// Shows one message that belongs to no field (e.g. wrong password).
    pub fn show_form_message(&self, field: &str, label: String, message: String) {
        self.messages.set(vec![FieldMessage {
            field: field.to_owned(),
            label,
            message,
        }]);
        self.attempt.update(|n| *n += 1);
    }

    /// The inline message of one input, reactive.
    pub fn for_field(&self, id: &'static str) -> Signal<Option<String>> {
        let messages = self.messages;
        Signal::derive(move || {
            messages.with(|m| {
                m.iter()
                    .find(|msg| msg.field == id)
                    .map(|msg| msg.message.clone())
            })
        })
    }
}

/// `products[2]` → `products`: list items share their list's input.
fn base_field(field: &str) -> &str {
    field.split('[').next().unwrap_or(field)
}

/// The localized message for an error code.
pub fn error_message(i18n: I18n, code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Required => t_string!(i18n, common.errors.required),
        ErrorCode::TooLong => t_string!(i18n, common.errors.too_long),
        ErrorCode::TooShort => t_string!(i18n, common.errors.too_short),
        ErrorCode::ControlCharacter => t_string!(i18n, common.errors.control_character),
        ErrorCode::EmailInvalid => t_string!(i18n, common.errors.email_invalid),
        ErrorCode::EmailTooLong => t_string!(i18n, common.errors.email_too_long),
        ErrorCode::EmailSameAsAccount => t_string!(i18n, common.errors.email_same_as_account),
        ErrorCode::PhoneInvalid => t_string!(i18n, common.errors.phone_invalid),
        ErrorCode::PhoneCountryCodeRequired => {
            t_string!(i18n, common.errors.phone_country_code_required)
        }
        ErrorCode::PhoneTooShort => t_string!(i18n, common.errors.phone_too_short),
        ErrorCode::PhoneTooLong => t_string!(i18n, common.errors.phone_too_long),
        ErrorCode::LanguageUnsupported => t_string!(i18n, common.errors.language_unsupported),
        ErrorCode::DomainInvalid => t_string!(i18n, common.errors.domain_invalid),
        ErrorCode::CountryInvalid => t_string!(i18n, common.errors.country_invalid),
        ErrorCode::TimeZoneInvalid => t_string!(i18n, common.errors.time_zone_invalid),
        ErrorCode::PartnerIdInvalid => t_string!(i18n, common.errors.partner_id_invalid),
        ErrorCode::TooManyContacts => t_string!(i18n, common.errors.too_many_contacts),
        ErrorCode::DuplicateContact => t_string!(i18n, common.errors.duplicate_contact),
        ErrorCode::NoContacts => t_string!(i18n, common.errors.no_contacts),
        ErrorCode::TooManyItems => t_string!(i18n, common.errors.too_many_items),
        ErrorCode::DuplicateItem => t_string!(i18n, common.errors.duplicate_item),
        ErrorCode::ValueNotAllowed => t_string!(i18n, common.errors.value_not_allowed),
    }
}
