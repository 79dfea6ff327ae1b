//! Error codes every validator reports and the length/count limits the
//! forms share.

use serde::{Deserialize, Serialize};

/// Machine-readable validation failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    TooShort,
    /// A single-line field contains a control character (or a multi-line
    /// field contains one other than newline/tab).
    ControlCharacter,
    EmailInvalid,
    EmailTooLong,
    EmailSameAsAccount,
    PhoneInvalid,
    PhoneCountryCodeRequired,
    PhoneTooShort,
    PhoneTooLong,
    LanguageUnsupported,
    DomainInvalid,
    CountryInvalid,
    TimeZoneInvalid,
    PartnerIdInvalid,
    TooManyContacts,
    DuplicateContact,
    NoContacts,
    TooManyItems,
    DuplicateItem,
    ValueNotAllowed,
}

/// One failed field. JSON: `{"field": "email", "code": "email_invalid"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The snake_case input field name (e.g. "phone", "products[2]").
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: ErrorCode) -> FieldError {
        FieldError {
            field: field.into(),
            code,
        }
    }
}

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/// RFC 5321 path limit.
pub const EMAIL_MAX: usize = 254;
pub const EMAIL_LOCAL_MAX: usize = 64;
/// E.164 allows at most 15 digits; 8 is the shortest realistic full number.
pub const PHONE_MIN_DIGITS: usize = 8;
pub const PHONE_MAX_DIGITS: usize = 15;
pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2000;
pub const PRODUCT_MAX: usize = 100;
pub const PRODUCTS_MAX_ITEMS: usize = 10;
pub const CONTACT_TIME_MAX: usize = 100;
pub const DOMAIN_MAX: usize = 253;
pub const DOMAIN_LABEL_MAX: usize = 63;
pub const TIME_ZONE_MAX: usize = 64;
pub const PASSWORD_MAX: usize = 256;
pub const MAX_MARKETING_CONTACTS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use ErrorCode as E;

    #[test]
    fn field_error_wire_shape() {
        let e = FieldError::new("email", E::EmailInvalid);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"field":"email","code":"email_invalid"}"#);
        assert_eq!(serde_json::from_str::<FieldError>(&json).unwrap(), e);
        assert_eq!(
            serde_json::to_string(&E::PhoneCountryCodeRequired).unwrap(),
            r#""phone_country_code_required""#
        );
        assert!(serde_json::from_str::<ErrorCode>(r#""bad_vibes""#).is_err());
    }
}
