//! Input validation shared by the SPA (instant feedback) and the server (the
//! authority). Form-level validators collect every field error at once so a
//! form can mark all bad fields in one pass.
//!
//! Errors carry a machine code only ([`ErrorCode`]); the SPA maps codes to
//! localized messages. No error ever echoes the input value, which matters
//! for passwords.

mod codes;
mod contact;
mod fields;
mod form;
mod phone;
mod region;
mod sign_in;
mod technical_request;
mod tenant;
#[cfg(test)]
mod test_support;

pub use codes::{
    ErrorCode, FieldError, CONTACT_TIME_MAX, DESCRIPTION_MAX, DOMAIN_LABEL_MAX, DOMAIN_MAX,
    EMAIL_LOCAL_MAX, EMAIL_MAX, MAX_MARKETING_CONTACTS, PASSWORD_MAX, PHONE_MAX_DIGITS,
    PHONE_MIN_DIGITS, PRODUCTS_MAX_ITEMS, PRODUCT_MAX, TIME_ZONE_MAX, TITLE_MAX,
};
pub use contact::{
    check_contact_removal, needs_marketing_contact, validate_contact_list,
    validate_marketing_contact, ContactInput, ContactRemovalBlocked, ValidatedContact,
};
pub use fields::{
    is_valid_dns_name, normalize_domain, same_email, validate_contact_email, validate_email,
    validate_language, validate_line, validate_multiline, validate_partner_id,
};
pub use phone::normalize_phone;
pub use region::{country_codes, validate_country, validate_time_zone};
pub use sign_in::{validate_sign_in, SignInInput, ValidatedCredentials};
pub use technical_request::{
    validate_case_note, validate_technical_request, TechnicalRequestInput,
    ValidatedTechnicalRequest,
};
pub use tenant::{
    validate_tenant_association, validate_tenant_credentials, validate_tenant_domain,
    TenantCredentialsInput,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC{0,300}|[\\x00-\\x7f]{0,40}") {
            let _ = validate_email(&s);
            let _ = normalize_phone(&s);
            let _ = validate_language(&s);
            let _ = normalize_domain(&s);
            let _ = validate_line(&s, 1, TITLE_MAX);
            let _ = validate_multiline(&s, 1, DESCRIPTION_MAX);
            let _ = validate_country(&s);
            let _ = validate_time_zone(&s);
            let _ = validate_partner_id(&s);
            let _ = validate_sign_in(&s, &s);
            let _ = validate_tenant_credentials(&s, &s);
            let input = ContactInput { user_id: s.clone(), email: s.clone(), phone: s.clone(), preferred_language: s.clone() };
            let _ = validate_marketing_contact(&input, &s, &[]);
            let req = TechnicalRequestInput { phase: s.clone(), solution_type: s.clone(), title: s.clone(), description: s.clone(),
                products: vec![s.clone()], phone: s.clone(), country_region: s.clone(), time_zone: s.clone(), language: s.clone(),
                preferred_contact_time: s.clone() };
            let _ = validate_technical_request(&req);
        }
    }
}
