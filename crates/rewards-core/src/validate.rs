//! Input validation shared by the SPA (instant feedback) and the server (the
//! authority). Form-level validators collect every field error at once so a
//! form can mark all bad fields in one pass.
//!
//! Errors carry a machine code only ([`ErrorCode`]); the SPA maps codes to
//! localized messages. No error ever echoes the input value, which matters
//! for passwords.

use crate::date::Timestamp;
use crate::model::RequestStatus;
use crate::model::{Language, MarketingContact, SolutionType, TechnicalPhase, TechnicalRequest};
use serde::{Deserialize, Serialize};
use std::fmt;

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

// ---------------------------------------------------------------------------
// Field validators
// ---------------------------------------------------------------------------

/// Single-line text: trims, rejects control characters, bounds the length
/// in characters (not bytes, so "é" and "指" count as one).
pub fn validate_line(value: &str, min: usize, max: usize) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.chars().any(char::is_control) {
        return Err(ErrorCode::ControlCharacter);
    }
    check_length(v, min, max).map(|()| v.to_string())
}

/// Multi-line text: like [`validate_line`] but newlines and tabs are fine.
/// CRLF is normalized to LF so the stored length matches what was counted.
pub fn validate_multiline(value: &str, min: usize, max: usize) -> Result<String, ErrorCode> {
    let v = value.trim().replace("\r\n", "\n");
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ErrorCode::ControlCharacter);
    }
    check_length(&v, min, max).map(|()| v)
}

/// `Required` for empty (when `min > 0`), then char-count bounds.
fn check_length(v: &str, min: usize, max: usize) -> Result<(), ErrorCode> {
    let n = v.chars().count();
    if n == 0 && min > 0 {
        Err(ErrorCode::Required)
    } else if n < min {
        Err(ErrorCode::TooShort)
    } else if n > max {
        Err(ErrorCode::TooLong)
    } else {
        Ok(())
    }
}

/// Email syntax check; returns the trimmed address.
///
/// Deliberately ASCII-only and stricter than RFC 5322 (no quoted local
/// parts, no IP literals): one `@`, local part 1..=64 of atext and
/// non-adjacent dots, a DNS domain with at least two labels, ≤ 254 total.
pub fn validate_email(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v.chars().count() > EMAIL_MAX {
        return Err(ErrorCode::EmailTooLong);
    }
    let (local, domain) = v.split_once('@').ok_or(ErrorCode::EmailInvalid)?;
    if !is_valid_local_part(local) || !is_valid_dns_name(domain) {
        return Err(ErrorCode::EmailInvalid);
    }
    Ok(v.to_string())
}

fn is_valid_local_part(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-";
    let ok_char = |c: char| c.is_ascii_alphanumeric() || SPECIALS.contains(c);
    !local.is_empty()
        && local.len() <= EMAIL_LOCAL_MAX
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(ok_char))
}

/// DNS host name: ≥ 2 labels of ASCII letters/digits/hyphens, no label
/// starting or ending with a hyphen, labels ≤ 63, total ≤ 253, and an
/// alphabetic-containing top-level label (so "1.2.3.4" is not a domain).
pub fn is_valid_dns_name(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    name.len() <= DOMAIN_MAX
        && labels.len() >= 2
        && labels.iter().all(|l| is_valid_label(l))
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(|c| c.is_ascii_alphabetic()))
}

fn is_valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= DOMAIN_LABEL_MAX
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Trimmed, case-insensitive equality of two email addresses.
pub fn same_email(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A marketing contact email: valid syntax and not the company account email.
pub fn validate_contact_email(value: &str, account_email: &str) -> Result<String, ErrorCode> {
    let email = validate_email(value)?;
    if same_email(&email, account_email) {
        return Err(ErrorCode::EmailSameAsAccount);
    }
    Ok(email)
}

/// Normalizes a phone number to E.164 (`+` then 8..=15 digits, first 1-9).
///
/// Accepts spaces, dashes, dots and parentheses as separators, a leading `+`
/// or `00` international prefix, and drops the national trunk `(0)` written
/// after the country code ("+31 (0)20 …"). Letters and other symbols are
/// rejected rather than guessed at.
pub fn normalize_phone(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    let allowed = |c: char| c.is_ascii_digit() || " -.()+".contains(c);
    if !v.chars().all(allowed) || v.matches('+').count() > 1 {
        return Err(ErrorCode::PhoneInvalid);
    }
    if !parentheses_balanced(v) {
        return Err(ErrorCode::PhoneInvalid);
    }
    let rest = if let Some(r) = v.strip_prefix('+') {
        r
    } else if let Some(r) = v.strip_prefix("00") {
        r
    } else if v.contains('+') {
        return Err(ErrorCode::PhoneInvalid);
    } else {
        return Err(ErrorCode::PhoneCountryCodeRequired);
    };
    if rest.contains('+') {
        // A `+` is only meaningful as the very first character.
        return Err(ErrorCode::PhoneInvalid);
    }
    let digits: String = rest
        .replace("(0)", "")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    check_phone_digits(&digits).map(|()| format!("+{digits}"))
}

/// Parentheses must pair up and not nest ("(0)" or "(020)").
fn parentheses_balanced(v: &str) -> bool {
    let mut open = false;
    for c in v.chars() {
        match (c, open) {
            ('(', false) => open = true,
            (')', true) => open = false,
            ('(', true) | (')', false) => return false,
            _ => {}
        }
    }
    !open
}

fn check_phone_digits(digits: &str) -> Result<(), ErrorCode> {
    if digits.starts_with('0') {
        // Country codes never start with 0 (e.g. "+0…" or "000…").
        Err(ErrorCode::PhoneInvalid)
    } else if digits.len() < PHONE_MIN_DIGITS {
        Err(ErrorCode::PhoneTooShort)
    } else if digits.len() > PHONE_MAX_DIGITS {
        Err(ErrorCode::PhoneTooLong)
    } else {
        Ok(())
    }
}

/// Parses a preferred language code (lenient about case and `_`).
pub fn validate_language(value: &str) -> Result<Language, ErrorCode> {
    if value.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    Language::from_code(value).ok_or(ErrorCode::LanguageUnsupported)
}

/// Normalizes a tenant domain: trimmed, lower case, one trailing dot
/// dropped. Accepts `name.onmicrosoft.com` or any DNS host name.
pub fn normalize_domain(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim().to_ascii_lowercase();
    let v = v.strip_suffix('.').unwrap_or(&v);
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v.len() > DOMAIN_MAX {
        return Err(ErrorCode::TooLong);
    }
    if !is_valid_dns_name(v) {
        return Err(ErrorCode::DomainInvalid);
    }
    Ok(v.to_string())
}

/// MPN ID: 1..=10 ASCII digits (Partner Center IDs are typically 7).
pub fn validate_partner_id(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v.len() > 10 || !v.chars().all(|c| c.is_ascii_digit()) {
        return Err(ErrorCode::PartnerIdInvalid);
    }
    Ok(v.to_string())
}

/// ISO 3166-1 alpha-2 codes, officially assigned.
const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ \
BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK \
DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW \
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB \
LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC \
NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC \
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Every ISO 3166-1 alpha-2 code, for select lists.
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    COUNTRY_CODES.split_ascii_whitespace()
}

/// Country/region: an assigned ISO 3166-1 alpha-2 code, returned upper case.
pub fn validate_country(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim().to_ascii_uppercase();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v.len() != 2 || !country_codes().any(|c| c == v) {
        return Err(ErrorCode::CountryInvalid);
    }
    Ok(v)
}

/// IANA areas that prefix canonical zone names.
const TZ_AREAS: [&str; 11] = [
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// IANA time zone name by shape: "UTC" or `Area/Location[/Sub]` with a known
/// area and segments of letters, digits, `_`, `-`, `+`. (The full tz
/// database is not embedded; the server may check membership.)
pub fn validate_time_zone(value: &str) -> Result<String, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    if v == "UTC" {
        return Ok(v.to_string());
    }
    let mut parts = v.split('/');
    let area_ok = parts.next().is_some_and(|a| TZ_AREAS.contains(&a));
    let segments: Vec<&str> = parts.collect();
    let segment_ok = |s: &&str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
    };
    let ok = v.len() <= TIME_ZONE_MAX
        && area_ok
        && (1..=2).contains(&segments.len())
        && segments.iter().all(segment_ok);
    ok.then(|| v.to_string()).ok_or(ErrorCode::TimeZoneInvalid)
}

/// Parses a snake_case enum value typed as a string (select inputs).
fn parse_choice<T: for<'de> Deserialize<'de>>(value: &str) -> Result<T, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(v))
        .map_err(|_| ErrorCode::ValueNotAllowed)
}

// ---------------------------------------------------------------------------
// Form-level validators
// ---------------------------------------------------------------------------

/// Collects field errors while validating one form.
#[derive(Default)]
struct Form {
    errors: Vec<FieldError>,
}

impl Form {
    /// Records the error (if any) under `field` and passes the value on.
    fn check<T>(&mut self, field: &str, result: Result<T, ErrorCode>) -> Option<T> {
        result.map_err(|code| self.push(field, code)).ok()
    }

    fn push(&mut self, field: &str, code: ErrorCode) {
        self.errors.push(FieldError::new(field, code));
    }

    /// `Ok(value)` only when nothing failed.
    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// Raw "assign marketing contact" form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactInput {
    pub user_id: String,
    pub email: String,
    pub phone: String,
    pub preferred_language: String,
}

/// A contact that passed validation (phone in E.164).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatedContact {
    pub user_id: String,
    pub email: String,
    pub phone_e164: String,
    pub preferred_language: Language,
}

impl ValidatedContact {
    pub fn into_contact(self, id: impl Into<String>) -> MarketingContact {
        MarketingContact {
            id: id.into(),
            user_id: self.user_id,
            email: self.email,
            phone_e164: self.phone_e164,
            preferred_language: self.preferred_language,
        }
    }
}

/// Validates a new contact against the company and its existing contacts.
///
/// To *edit* a contact, pass `existing` without the contact being edited.
/// A full list is reported on field "contacts" (`too_many_contacts`); a user
/// or email already assigned is `duplicate_contact` on that field.
pub fn validate_marketing_contact(
    input: &ContactInput,
    company_account_email: &str,
    existing: &[MarketingContact],
) -> Result<ValidatedContact, Vec<FieldError>> {
    let mut form = Form::default();
    if existing.len() >= MAX_MARKETING_CONTACTS {
        form.push("contacts", ErrorCode::TooManyContacts);
    }
    let user_id = form.check("user_id", validate_line(&input.user_id, 1, 100));
    if user_id
        .as_deref()
        .is_some_and(|u| existing.iter().any(|c| c.user_id == u))
    {
        form.push("user_id", ErrorCode::DuplicateContact);
    }
    let email = form.check(
        "email",
        validate_contact_email(&input.email, company_account_email),
    );
    if email
        .as_deref()
        .is_some_and(|e| existing.iter().any(|c| same_email(&c.email, e)))
    {
        form.push("email", ErrorCode::DuplicateContact);
    }
    let phone = form.check("phone", normalize_phone(&input.phone));
    let language = form.check(
        "preferred_language",
        validate_language(&input.preferred_language),
    );
    let value = (|| {
        Some(ValidatedContact {
            user_id: user_id?,
            email: email?,
            phone_e164: phone?,
            preferred_language: language?,
        })
    })();
    form.finish(value)
}

/// Checks a whole contact list: 1..=3 contacts, no repeated user or email.
/// Duplicates are reported on "contacts[i]" for the later entry.
pub fn validate_contact_list(contacts: &[MarketingContact]) -> Result<(), Vec<FieldError>> {
    let mut form = Form::default();
    if contacts.is_empty() {
        form.push("contacts", ErrorCode::NoContacts);
    }
    if contacts.len() > MAX_MARKETING_CONTACTS {
        form.push("contacts", ErrorCode::TooManyContacts);
    }
    for (i, c) in contacts.iter().enumerate() {
        let earlier = &contacts[..i];
        if earlier
            .iter()
            .any(|e| e.user_id == c.user_id || same_email(&e.email, &c.email))
        {
            form.push(&format!("contacts[{i}]"), ErrorCode::DuplicateContact);
        }
    }
    form.finish(Some(()))
}

/// Raw technical-assistance request form. `phase`, `solution_type` and
/// `language` hold the wire codes ("app_development", "hybrid", "zh-TW").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalRequestInput {
    pub phase: String,
    pub solution_type: String,
    pub title: String,
    pub description: String,
    pub products: Vec<String>,
    pub phone: String,
    pub country_region: String,
    pub time_zone: String,
    pub language: String,
    /// Optional free text.
    #[serde(default)]
    pub preferred_contact_time: String,
}

/// A request that passed validation; turn it into a [`TechnicalRequest`]
/// once the server assigns id and case number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatedTechnicalRequest {
    pub phase: TechnicalPhase,
    pub solution_type: SolutionType,
    pub title: String,
    pub description: String,
    pub products: Vec<String>,
    pub phone_e164: String,
    pub country_region: String,
    pub time_zone: String,
    pub language: Language,
    pub preferred_contact_time: String,
}

impl ValidatedTechnicalRequest {
    pub fn into_request(
        self,
        id: impl Into<String>,
        case_number: impl Into<String>,
        created_at: Timestamp,
        created_by: impl Into<String>,
    ) -> TechnicalRequest {
        TechnicalRequest {
            id: id.into(),
            case_number: case_number.into(),
            phase: self.phase,
            solution_type: self.solution_type,
            title: self.title,
            description: self.description,
            products: self.products,
            phone_e164: self.phone_e164,
            country_region: self.country_region,
            time_zone: self.time_zone,
            language: self.language,
            preferred_contact_time: self.preferred_contact_time,
            status: RequestStatus::Submitted,
            created_at,
            created_by: created_by.into(),
        }
    }
}

/// Products/topics: 1..=10 non-empty single-line entries ≤ 100 chars with
/// no case-insensitive duplicates. Errors on "products" or "products[i]".
fn validate_products(form: &mut Form, products: &[String]) -> Option<Vec<String>> {
    if products.len() > PRODUCTS_MAX_ITEMS {
        form.push("products", ErrorCode::TooManyItems);
        return None;
    }
    let before = form.errors.len();
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in products.iter().enumerate() {
        let field = format!("products[{i}]");
        let Some(p) = form.check(&field, validate_line(raw, 1, PRODUCT_MAX)) else {
            continue;
        };
        if out.iter().any(|o| o.to_lowercase() == p.to_lowercase()) {
            form.push(&field, ErrorCode::DuplicateItem);
        } else {
            out.push(p);
        }
    }
    if products.is_empty() {
        form.push("products", ErrorCode::Required);
    }
    (form.errors.len() == before).then_some(out)
}

/// Validates the technical request form, reporting every bad field.
pub fn validate_technical_request(
    input: &TechnicalRequestInput,
) -> Result<ValidatedTechnicalRequest, Vec<FieldError>> {
    let mut form = Form::default();
    let phase = form.check("phase", parse_choice::<TechnicalPhase>(&input.phase));
    let solution_type = form.check(
        "solution_type",
        parse_choice::<SolutionType>(&input.solution_type),
    );
    let title = form.check("title", validate_line(&input.title, 1, TITLE_MAX));
    let description = form.check(
        "description",
        validate_multiline(&input.description, 1, DESCRIPTION_MAX),
    );
    let products = validate_products(&mut form, &input.products);
    let phone = form.check("phone", normalize_phone(&input.phone));
    let country = form.check("country_region", validate_country(&input.country_region));
    let time_zone = form.check("time_zone", validate_time_zone(&input.time_zone));
    let language = form.check("language", validate_language(&input.language));
    let contact_time = form.check(
        "preferred_contact_time",
        validate_line(&input.preferred_contact_time, 0, CONTACT_TIME_MAX),
    );
    let value = (|| {
        Some(ValidatedTechnicalRequest {
            phase: phase?,
            solution_type: solution_type?,
            title: title?,
            description: description?,
            products: products?,
            phone_e164: phone?,
            country_region: country?,
            time_zone: time_zone?,
            language: language?,
            preferred_contact_time: contact_time?,
        })
    })();
    form.finish(value)
}

/// Validates the "associate tenant" domain field (field name "domain").
pub fn validate_tenant_domain(domain: &str) -> Result<String, Vec<FieldError>> {
    normalize_domain(domain).map_err(|code| vec![FieldError::new("domain", code)])
}

/// Password rule shared by sign-in and tenant credentials: present, ≤ 256
/// chars. Not trimmed (spaces may be part of it) and never echoed.
fn validate_password(password: &str) -> Result<(), ErrorCode> {
    if password.is_empty() {
        Err(ErrorCode::Required)
    } else if password.chars().count() > PASSWORD_MAX {
        Err(ErrorCode::TooLong)
    } else {
        Ok(())
    }
}

/// Credentials that passed validation. `Debug` redacts the password so it
/// cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidatedCredentials {
    /// Trimmed user name / email.
    pub username: String,
    pub password: String,
}

impl fmt::Debug for ValidatedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidatedCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Validates tenant-association credentials (fields "username", "password").
/// The user name is a UPN, which has email syntax.
pub fn validate_tenant_credentials(
    username: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    credentials("username", username, password)
}

/// Validates the sign-in form (fields "email", "password").
pub fn validate_sign_in(
    email: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    credentials("email", email, password)
}

fn credentials(
    user_field: &str,
    user: &str,
    password: &str,
) -> Result<ValidatedCredentials, Vec<FieldError>> {
    let mut form = Form::default();
    let username = form.check(user_field, validate_email(user));
    let pw_ok = form.check("password", validate_password(password));
    let value = username
        .zip(pw_ok)
        .map(|(username, ())| ValidatedCredentials {
            username,
            password: password.to_string(),
        });
    form.finish(value)
}

/// Raw sign-in body.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SignInRequest))]
pub struct SignInInput {
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(format = Password))]
    pub password: String,
}

/// Raw tenant-association body.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantCredentialsInput {
    pub domain: String,
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(format = Password))]
    pub password: String,
}

impl fmt::Debug for SignInInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInInput")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl fmt::Debug for TenantCredentialsInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantCredentialsInput")
            .field("domain", &self.domain)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Validates the whole tenant-association form: domain plus credentials.
pub fn validate_tenant_association(
    input: &TenantCredentialsInput,
) -> Result<(String, ValidatedCredentials), Vec<FieldError>> {
    let domain = validate_tenant_domain(&input.domain);
    let creds = validate_tenant_credentials(&input.username, &input.password);
    match (domain, creds) {
        (Ok(d), Ok(c)) => Ok((d, c)),
        (d, c) => Err([d.err(), c.err()].into_iter().flatten().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ErrorCode as E;

    fn contact(id: &str, user: &str, email: &str) -> MarketingContact {
        MarketingContact {
            id: id.into(),
            user_id: user.into(),
            email: email.into(),
            phone_e164: "+31201234567".into(),
            preferred_language: Language::Nl,
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, ErrorCode)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    /// `^\+[1-9]\d{7,14}$` without a regex crate.
    fn is_e164(s: &str) -> bool {
        let Some(digits) = s.strip_prefix('+') else {
            return false;
        };
        (8..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
    }

    #[test]
    fn email_table() {
        let good = [
            ("jan@contoso.com", "jan@contoso.com"),
            ("  Jan.de.Vries@Contoso.NL \t", "Jan.de.Vries@Contoso.NL"),
            ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
            ("o'brien@x-y.io", "o'brien@x-y.io"),
            ("x@a1.b2c", "x@a1.b2c"),
        ];
        for (input, out) in good {
            assert_eq!(validate_email(input).as_deref(), Ok(out), "{input}");
        }
        let local64 = "a".repeat(64);
        let local65 = "a".repeat(65);
        assert!(validate_email(&format!("{local64}@x.com")).is_ok());
        let long = format!(
            "{}@{}.com",
            "a".repeat(60),
            "b".repeat(63) + "." + &"c".repeat(63) + "." + &"d".repeat(63)
        );
        assert_eq!(validate_email(&long), Err(E::EmailTooLong));
        let bad = [
            ("", E::Required),
            ("   ", E::Required),
            ("jan", E::EmailInvalid),
            ("jan@", E::EmailInvalid),
            ("@contoso.com", E::EmailInvalid),
            ("jan@contoso", E::EmailInvalid),
            ("jan@@contoso.com", E::EmailInvalid),
            ("jan@x@contoso.com", E::EmailInvalid),
            ("jan de@contoso.com", E::EmailInvalid),
            ("jan..x@contoso.com", E::EmailInvalid),
            (".jan@contoso.com", E::EmailInvalid),
            ("jan.@contoso.com", E::EmailInvalid),
            ("jan@contoso..com", E::EmailInvalid),
            ("jan@-contoso.com", E::EmailInvalid),
            ("jan@contoso-.com", E::EmailInvalid),
            ("jan@contoso.com.", E::EmailInvalid),
            ("jan@con_toso.com", E::EmailInvalid),
            ("jan@1.2.3.4", E::EmailInvalid),
            ("jän@contoso.com", E::EmailInvalid),
            ("jan\n@contoso.com", E::EmailInvalid),
            ("jan(x)@contoso.com", E::EmailInvalid),
            (&*format!("{local65}@x.com"), E::EmailInvalid),
        ];
        for (input, code) in bad {
            assert_eq!(validate_email(input), Err(code), "{input:?}");
        }
    }

    #[test]
    fn contact_email_must_differ_from_account() {
        let account = "Admin@Contoso.com";
        for v in [
            "admin@contoso.com",
            " ADMIN@CONTOSO.COM ",
            "Admin@Contoso.com",
        ] {
            assert_eq!(
                validate_contact_email(v, account),
                Err(E::EmailSameAsAccount),
                "{v}"
            );
        }
        assert!(validate_contact_email("marketing@contoso.com", account).is_ok());
        assert_eq!(
            validate_contact_email("nope", account),
            Err(E::EmailInvalid)
        );
    }

    #[test]
    fn phone_table() {
        let good = [
            ("+31 20 123 4567", "+31201234567"),
            ("+31 (0)20 123 4567", "+31201234567"),
            ("0031 20-123-4567", "+31201234567"),
            ("+1 (425) 555-0100", "+14255550100"),
            ("+886.2.2345.6789", "+886223456789"),
            ("  +46 8 123 456 78 ", "+46812345678"),
            ("+12345678", "+12345678"),
            ("+123456789012345", "+123456789012345"),
        ];
        for (input, out) in good {
            assert_eq!(normalize_phone(input).as_deref(), Ok(out), "{input}");
        }
        let bad = [
            ("", E::Required),
            ("020 123 4567", E::PhoneCountryCodeRequired),
            ("(020) 1234567", E::PhoneCountryCodeRequired),
            ("31 20 123 4567", E::PhoneCountryCodeRequired),
            ("+31 20 CALL NOW", E::PhoneInvalid),
            ("+31 20 123 4567 ext 5", E::PhoneInvalid),
            ("+31+20 123 4567", E::PhoneInvalid),
            ("0031+20 123 4567", E::PhoneInvalid),
            ("20+31 123 4567", E::PhoneInvalid),
            ("+31 (20 123 4567", E::PhoneInvalid),
            ("+31 ((0)) 20 123", E::PhoneInvalid),
            ("+31/20/1234567", E::PhoneInvalid),
            ("+0 20 123 4567", E::PhoneInvalid),
            ("000 20 123 4567", E::PhoneInvalid),
            ("+1234567", E::PhoneTooShort),
            ("+1234567890123456", E::PhoneTooLong),
            ("+", E::PhoneTooShort),
            ("＋31 20 123 4567", E::PhoneInvalid),
        ];
        for (input, code) in bad {
            assert_eq!(normalize_phone(input), Err(code), "{input:?}");
        }
    }

    #[test]
    fn language_table() {
        assert_eq!(validate_language("nl"), Ok(Language::Nl));
        assert_eq!(validate_language(" ZH-tw "), Ok(Language::ZhTw));
        assert_eq!(validate_language("zh_TW"), Ok(Language::ZhTw));
        assert_eq!(validate_language(""), Err(E::Required));
        assert_eq!(validate_language("nl-NL"), Err(E::LanguageUnsupported));
        assert_eq!(validate_language("dutch"), Err(E::LanguageUnsupported));
    }

    #[test]
    fn text_limits_count_chars() {
        assert_eq!(
            validate_line(&"指".repeat(100), 1, TITLE_MAX).map(|s| s.chars().count()),
            Ok(100)
        );
        assert_eq!(
            validate_line(&"指".repeat(101), 1, TITLE_MAX),
            Err(E::TooLong)
        );
        assert_eq!(validate_line("  hi  ", 1, 10).as_deref(), Ok("hi"));
        assert_eq!(validate_line("   ", 1, 10), Err(E::Required));
        assert_eq!(validate_line("", 0, 10).as_deref(), Ok(""));
        assert_eq!(validate_line("a", 2, 10), Err(E::TooShort));
        assert_eq!(validate_line("a\nb", 1, 10), Err(E::ControlCharacter));
        assert_eq!(validate_line("a\u{7}b", 1, 10), Err(E::ControlCharacter));
        assert_eq!(
            validate_multiline("a\r\nb\tc", 1, 10).as_deref(),
            Ok("a\nb\tc")
        );
        assert_eq!(
            validate_multiline("a\u{0}b", 1, 10),
            Err(E::ControlCharacter)
        );
        assert_eq!(
            validate_multiline(&"é".repeat(2000), 1, DESCRIPTION_MAX).map(|s| s.len()),
            Ok(4000)
        );
        assert_eq!(
            validate_multiline(&"é".repeat(2001), 1, DESCRIPTION_MAX),
            Err(E::TooLong)
        );
    }

    #[test]
    fn domain_table() {
        let good = [
            ("contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
            (" Fabrikam.OnMicrosoft.com ", "fabrikam.onmicrosoft.com"),
            ("contoso.com.", "contoso.com"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
            ("a-b.c-d.nl", "a-b.c-d.nl"),
        ];
        for (input, out) in good {
            assert_eq!(normalize_domain(input).as_deref(), Ok(out), "{input}");
        }
        let long = format!("{}.com", vec!["a".repeat(63); 4].join("."));
        let bad = [
            ("", E::Required),
            ("contoso", E::DomainInvalid),
            ("contoso..com", E::DomainInvalid),
            ("-contoso.com", E::DomainInvalid),
            ("contoso-.com", E::DomainInvalid),
            ("con toso.com", E::DomainInvalid),
            ("contoso.com/x", E::DomainInvalid),
            ("https://contoso.com", E::DomainInvalid),
            ("user@contoso.com", E::DomainInvalid),
            ("10.0.0.1", E::DomainInvalid),
            (&*format!("{}.com", "a".repeat(64)), E::DomainInvalid),
            (&*long, E::TooLong),
        ];
        for (input, code) in bad {
            assert_eq!(normalize_domain(input), Err(code), "{input:?}");
        }
        assert_eq!(
            validate_tenant_domain("nope"),
            Err(vec![FieldError::new("domain", E::DomainInvalid)])
        );
    }

    #[test]
    fn country_time_zone_partner_id() {
        assert_eq!(validate_country(" nl ").as_deref(), Ok("NL"));
        assert_eq!(validate_country("TW").as_deref(), Ok("TW"));
        assert_eq!(validate_country("UK"), Err(E::CountryInvalid));
        assert_eq!(validate_country("NLD"), Err(E::CountryInvalid));
        assert_eq!(validate_country(""), Err(E::Required));
        assert_eq!(country_codes().count(), 249);
        for tz in [
            "Europe/Amsterdam",
            "America/Argentina/Buenos_Aires",
            "Asia/Taipei",
            "UTC",
            "Etc/GMT+5",
        ] {
            assert!(validate_time_zone(tz).is_ok(), "{tz}");
        }
        for tz in [
            "Mars/Olympus",
            "Europe",
            "Europe/",
            "europe/amsterdam",
            "Europe/Amster dam",
            "CET/x",
            "+01:00",
        ] {
            assert_eq!(validate_time_zone(tz), Err(E::TimeZoneInvalid), "{tz}");
        }
        assert_eq!(validate_partner_id(" 1234567 ").as_deref(), Ok("1234567"));
        assert_eq!(validate_partner_id("12a"), Err(E::PartnerIdInvalid));
        assert_eq!(validate_partner_id("12345678901"), Err(E::PartnerIdInvalid));
    }

    fn good_contact() -> ContactInput {
        ContactInput {
            user_id: "user-2".into(),
            email: " Marketing@Contoso.com ".into(),
            phone: "+31 (0)20 123 4567".into(),
            preferred_language: "nl".into(),
        }
    }

    #[test]
    fn marketing_contact_form() {
        let ok = validate_marketing_contact(&good_contact(), "admin@contoso.com", &[]).unwrap();
        assert_eq!(ok.email, "Marketing@Contoso.com");
        assert_eq!(ok.phone_e164, "+31201234567");
        assert_eq!(
            ok.clone().into_contact("c1").preferred_language,
            Language::Nl
        );

        let all_bad = ContactInput {
            user_id: "".into(),
            email: "ADMIN@contoso.com".into(),
            phone: "020 1234567".into(),
            preferred_language: "tlh".into(),
        };
        let errs = validate_marketing_contact(&all_bad, "admin@contoso.com", &[]).unwrap_err();
        assert_eq!(
            codes(&errs),
            [
                ("user_id", E::Required),
                ("email", E::EmailSameAsAccount),
                ("phone", E::PhoneCountryCodeRequired),
                ("preferred_language", E::LanguageUnsupported),
            ]
        );

        let existing = [
            contact("c1", "user-2", "other@contoso.com"),
            contact("c2", "user-3", "MARKETING@contoso.com"),
        ];
        let errs = validate_marketing_contact(&good_contact(), "admin@contoso.com", &existing)
            .unwrap_err();
        assert_eq!(
            codes(&errs),
            [
                ("user_id", E::DuplicateContact),
                ("email", E::DuplicateContact)
            ]
        );

        let full = [
            contact("a", "u1", "a@x.com"),
            contact("b", "u3", "b@x.com"),
            contact("c", "u4", "c@x.com"),
        ];
        let errs =
            validate_marketing_contact(&good_contact(), "admin@contoso.com", &full).unwrap_err();
        assert_eq!(codes(&errs), [("contacts", E::TooManyContacts)]);
    }

    #[test]
    fn contact_list_rules() {
        assert_eq!(
            validate_contact_list(&[]).unwrap_err(),
            vec![FieldError::new("contacts", E::NoContacts)]
        );
        assert!(validate_contact_list(&[contact("a", "u1", "a@x.com")]).is_ok());
        let four: Vec<_> = (0..4)
            .map(|i| contact("c", &format!("u{i}"), &format!("{i}@x.com")))
            .collect();
        assert_eq!(
            codes(&validate_contact_list(&four).unwrap_err()),
            [("contacts", E::TooManyContacts)]
        );
        let dup = [
            contact("a", "u1", "a@x.com"),
            contact("b", "u2", " A@X.com"),
        ];
        assert_eq!(
            codes(&validate_contact_list(&dup).unwrap_err()),
            [("contacts[1]", E::DuplicateContact)]
        );
    }

    fn good_request() -> TechnicalRequestInput {
        TechnicalRequestInput {
            phase: "app_development".into(),
            solution_type: "hybrid".into(),
            title: "  Scale-out design for our SaaS offer ".into(),
            description: "We need help with multi-tenant design.\r\nBest time: mornings CET."
                .into(),
            products: vec!["Azure Kubernetes Service".into(), "Azure SQL".into()],
            phone: "+46 8 123 456 78".into(),
            country_region: "se".into(),
            time_zone: "Europe/Stockholm".into(),
            language: "sv".into(),
            preferred_contact_time: "09:00–12:00".into(),
        }
    }

    #[test]
    fn technical_request_form() {
        let ok = validate_technical_request(&good_request()).unwrap();
        assert_eq!(ok.phase, TechnicalPhase::AppDevelopment);
        assert_eq!(ok.solution_type, SolutionType::Hybrid);
        assert_eq!(ok.title, "Scale-out design for our SaaS offer");
        assert_eq!(ok.country_region, "SE");
        assert!(!ok.description.contains('\r'));
        let at = Timestamp::parse("2024-05-01T10:00:00Z").unwrap();
        let req = ok.into_request("r1", "TR-0001", at, "user-1");
        assert_eq!(req.status, RequestStatus::Submitted);

        let bad = TechnicalRequestInput {
            phase: "Design".into(),
            solution_type: "".into(),
            title: "x".repeat(101),
            description: "   ".into(),
            products: vec!["AKS".into(), "aks".into(), "".into()],
            phone: "+31 20 CALL ME".into(),
            country_region: "XX".into(),
            time_zone: "Somewhere/Nice".into(),
            language: "xx".into(),
            preferred_contact_time: "any\u{1b}time".into(),
        };
        let errs = validate_technical_request(&bad).unwrap_err();
        assert_eq!(
            codes(&errs),
            [
                ("phase", E::ValueNotAllowed),
                ("solution_type", E::Required),
                ("title", E::TooLong),
                ("description", E::Required),
                ("products[1]", E::DuplicateItem),
                ("products[2]", E::Required),
                ("phone", E::PhoneInvalid),
                ("country_region", E::CountryInvalid),
                ("time_zone", E::TimeZoneInvalid),
                ("language", E::LanguageUnsupported),
                ("preferred_contact_time", E::ControlCharacter),
            ]
        );
        let none = TechnicalRequestInput {
            products: vec![],
            ..good_request()
        };
        assert_eq!(
            codes(&validate_technical_request(&none).unwrap_err()),
            [("products", E::Required)]
        );
        let many = TechnicalRequestInput {
            products: (0..11).map(|i| format!("p{i}")).collect(),
            ..good_request()
        };
        assert_eq!(
            codes(&validate_technical_request(&many).unwrap_err()),
            [("products", E::TooManyItems)]
        );
    }

    #[test]
    fn request_input_deserializes_without_optional_field() {
        let json = r#"{"phase":"design","solution_type":"cloud","title":"t","description":"d",
            "products":["p"],"phone":"+3120123456","country_region":"NL","time_zone":"UTC","language":"en"}"#;
        let input: TechnicalRequestInput = serde_json::from_str(json).unwrap();
        assert!(validate_technical_request(&input).is_ok());
    }

    #[test]
    fn credentials_and_sign_in() {
        let ok =
            validate_tenant_credentials(" admin@fabrikam.onmicrosoft.com ", " secret ").unwrap();
        assert_eq!(ok.username, "admin@fabrikam.onmicrosoft.com");
        assert_eq!(ok.password, " secret ", "passwords are not trimmed");
        assert!(!format!("{ok:?}").contains("secret"));
        let errs = validate_tenant_credentials("admin", "").unwrap_err();
        assert_eq!(
            codes(&errs),
            [("username", E::EmailInvalid), ("password", E::Required)]
        );
        let errs = validate_sign_in("", &"p".repeat(257)).unwrap_err();
        assert_eq!(
            codes(&errs),
            [("email", E::Required), ("password", E::TooLong)]
        );
        assert!(validate_sign_in("jan@contoso.com", &"p".repeat(256)).is_ok());
        let input = SignInInput {
            email: "a@b.co".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{input:?}").contains("hunter2"));
        let assoc = TenantCredentialsInput {
            domain: "Bad Domain".into(),
            username: "x".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{assoc:?}").contains("hunter2"));
        let errs = validate_tenant_association(&assoc).unwrap_err();
        assert_eq!(
            codes(&errs),
            [("domain", E::DomainInvalid), ("username", E::EmailInvalid)]
        );
    }

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

    // ----- property tests ---------------------------------------------------

    fn label() -> impl Strategy<Value = String> {
        "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?"
    }

    fn valid_email() -> impl Strategy<Value = String> {
        (
            "[a-zA-Z0-9+_-]{1,10}(\\.[a-zA-Z0-9_]{1,8}){0,2}",
            proptest::collection::vec(label(), 1..3),
            "[a-z]{2,6}",
        )
            .prop_map(|(local, labels, tld)| format!("{local}@{}.{tld}", labels.join(".")))
    }

    fn case_and_space_variant(s: &str, flips: &[bool], pad: (usize, usize)) -> String {
        let body: String = s
            .chars()
            .zip(flips.iter().cycle())
            .map(|(c, &up)| {
                if up {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        format!("{}{body}{}", " ".repeat(pad.0), "\t".repeat(pad.1))
    }

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

        #[test]
        fn generated_emails_are_accepted_and_trimmed(e in valid_email(), pad in 0usize..3) {
            let padded = format!("{}{e}{}", " ".repeat(pad), "\n".repeat(pad));
            prop_assert_eq!(validate_email(&padded), Ok(e.clone()));
            prop_assert_eq!(validate_email(&e), Ok(e));
        }

        #[test]
        fn long_emails_always_rejected(local in "[a-z]{1,64}", domain_len in 255usize..400) {
            let e = format!("{local}@{}.com", "a.".repeat(domain_len / 2));
            prop_assume!(e.trim().chars().count() > EMAIL_MAX);
            prop_assert_eq!(validate_email(&e), Err(E::EmailTooLong));
        }

        #[test]
        fn any_string_over_254_chars_is_rejected(s in "\\PC{255,400}") {
            prop_assume!(s.trim().chars().count() > EMAIL_MAX);
            prop_assert!(validate_email(&s).is_err());
        }

        #[test]
        fn accepted_emails_are_well_formed(s in "[a-z@.\\- ]{0,30}") {
            if let Ok(e) = validate_email(&s) {
                prop_assert_eq!(e.matches('@').count(), 1);
                prop_assert!(!e.contains(' ') && !e.contains(".."));
                prop_assert_eq!(validate_email(&e), Ok(e.clone()));
            }
        }

        #[test]
        fn account_email_variants_rejected(e in valid_email(), flips in proptest::collection::vec(any::<bool>(), 1..8), pad in (0usize..3, 0usize..3)) {
            let variant = case_and_space_variant(&e, &flips, pad);
            prop_assert_eq!(validate_contact_email(&variant, &e), Err(E::EmailSameAsAccount));
            let input = ContactInput { user_id: "u".into(), email: variant, phone: "+3120123456".into(), preferred_language: "en".into() };
            let errs = validate_marketing_contact(&input, &e, &[]).unwrap_err();
            prop_assert_eq!(codes(&errs), vec![("email", E::EmailSameAsAccount)]);
        }

        #[test]
        fn phone_output_is_e164_and_idempotent(s in "[+0-9 ().\\-]{0,25}|[+]?[0-9a-z ]{0,20}") {
            if let Ok(p) = normalize_phone(&s) {
                prop_assert!(is_e164(&p), "{}", p);
                prop_assert_eq!(normalize_phone(&p), Ok(p.clone()));
            }
        }

        #[test]
        fn formatted_phones_normalize_to_their_digits(
            first in 1u8..10,
            rest in proptest::collection::vec(0u8..10, 7..15),
            seps in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-", "."]), 15),
            double_zero in any::<bool>(),
        ) {
            let digits: String = std::iter::once(first).chain(rest).map(|d| char::from(b'0' + d)).collect();
            let mut formatted = String::from(if double_zero { "00" } else { "+" });
            for (c, sep) in digits.chars().zip(&seps) {
                formatted.push(c);
                formatted.push_str(sep);
            }
            prop_assert_eq!(normalize_phone(&formatted), Ok(format!("+{digits}")));
        }

        #[test]
        fn phones_with_letters_rejected(prefix in "\\+[0-9]{4,8}", letter in "[a-zA-Z]", suffix in "[0-9]{0,6}") {
            prop_assert_eq!(normalize_phone(&format!("{prefix}{letter}{suffix}")), Err(E::PhoneInvalid));
        }

        #[test]
        fn languages_accept_any_case(idx in 0usize..Language::ALL.len(), flips in proptest::collection::vec(any::<bool>(), 1..6), pad in (0usize..3, 0usize..3)) {
            let lang = Language::ALL[idx];
            let variant = case_and_space_variant(lang.code(), &flips, pad);
            prop_assert_eq!(validate_language(&variant), Ok(lang));
        }

        #[test]
        fn text_length_counts_chars(s in "\\PC{0,150}") {
            let trimmed = s.trim();
            let n = trimmed.chars().count();
            match validate_line(&s, 1, TITLE_MAX) {
                Ok(v) => {
                    prop_assert_eq!(v.as_str(), trimmed);
                    prop_assert!((1..=TITLE_MAX).contains(&n));
                }
                Err(E::TooLong) => prop_assert!(n > TITLE_MAX),
                Err(E::Required) => prop_assert_eq!(n, 0),
                Err(E::ControlCharacter) => prop_assert!(trimmed.chars().any(char::is_control)),
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }

        #[test]
        fn control_characters_rejected_in_lines(a in "[a-z]{1,5}", c in 0u32..32, b in "[a-z]{1,5}") {
            let s = format!("{a}{}{b}", char::from_u32(c).unwrap());
            prop_assert_eq!(validate_line(&s, 1, TITLE_MAX), Err(E::ControlCharacter));
        }

        #[test]
        fn domains_normalize_idempotently(labels in proptest::collection::vec("[a-zA-Z0-9-]{1,12}", 1..5), tld in "[a-zA-Z]{2,5}", dot in any::<bool>()) {
            let raw = format!("{}.{tld}{}", labels.join("."), if dot { "." } else { "" });
            if let Ok(d) = normalize_domain(&raw) {
                prop_assert_eq!(d.to_ascii_lowercase(), d.clone());
                prop_assert!(d.len() <= DOMAIN_MAX && !d.ends_with('.'));
                prop_assert!(d.split('.').all(|l| !l.starts_with('-') && !l.ends_with('-') && l.len() <= DOMAIN_LABEL_MAX));
                prop_assert_eq!(normalize_domain(&d), Ok(d.clone()));
            } else {
                prop_assert!(labels.iter().any(|l| l.starts_with('-') || l.ends_with('-')));
            }
        }

        #[test]
        fn passwords_never_leak(pw in "[A-Za-z0-9!?]{6,300}", user in "\\PC{0,30}") {
            for errs in [validate_sign_in(&user, &pw).err(), validate_tenant_credentials(&user, &pw).err()].into_iter().flatten() {
                let json = serde_json::to_string(&errs).unwrap();
                prop_assert!(!json.contains(&pw));
                let debug = format!("{:?}", errs);
                prop_assert!(!debug.contains(&pw));
            }
            if let Ok(c) = validate_sign_in(&user, &pw) {
                let debug = format!("{:?}", c);
                prop_assert!(!debug.contains(&pw));
            }
        }

        #[test]
        fn contact_lists(users in proptest::collection::vec(0u8..5, 0..6)) {
            let list: Vec<_> = users.iter().enumerate()
                .map(|(i, u)| contact(&format!("c{i}"), &format!("u{u}"), &format!("u{u}@x.com")))
                .collect();
            let distinct: std::collections::HashSet<_> = users.iter().collect();
            let ok = (1..=MAX_MARKETING_CONTACTS).contains(&list.len()) && distinct.len() == users.len();
            prop_assert_eq!(validate_contact_list(&list).is_ok(), ok);
        }

        #[test]
        fn countries_and_time_zones_are_well_formed(s in "[a-zA-Z/_+ -]{0,20}") {
            if let Ok(c) = validate_country(&s) {
                prop_assert!(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()));
                prop_assert!(country_codes().any(|code| code == c));
                prop_assert_eq!(validate_country(&c.to_lowercase()), Ok(c.clone()));
            }
            if let Ok(tz) = validate_time_zone(&s) {
                let known_area = TZ_AREAS.iter().any(|a| tz.split('/').next() == Some(*a));
                prop_assert!(tz == "UTC" || (known_area && tz.contains('/')));
                prop_assert!(!tz.contains(' ') && tz.len() <= TIME_ZONE_MAX);
            }
            if let Ok(id) = validate_partner_id(&s) {
                prop_assert!(id.chars().all(|ch| ch.is_ascii_digit()));
            }
        }

        #[test]
        fn technical_form_reports_exactly_the_broken_field(which in 0usize..9, junk in "\\PC{0,3}") {
            let mut input = good_request();
            let (field, slot): (&str, &mut String) = match which {
                0 => ("phase", &mut input.phase),
                1 => ("solution_type", &mut input.solution_type),
                2 => ("title", &mut input.title),
                3 => ("description", &mut input.description),
                4 => ("phone", &mut input.phone),
                5 => ("country_region", &mut input.country_region),
                6 => ("time_zone", &mut input.time_zone),
                7 => ("language", &mut input.language),
                _ => ("preferred_contact_time", &mut input.preferred_contact_time),
            };
            // A control character breaks every field, whatever else is typed.
            *slot = format!("{junk}\u{1}{junk}x");
            let errs = validate_technical_request(&input).unwrap_err();
            prop_assert!(errs.iter().all(|e| e.field == field), "{:?}", errs);
            prop_assert_eq!(errs.len(), 1);
        }

        #[test]
        fn new_contact_never_exceeds_three(n in 0usize..5) {
            let existing: Vec<_> = (0..n).map(|i| contact("c", &format!("x{i}"), &format!("x{i}@x.com"))).collect();
            let result = validate_marketing_contact(&good_contact(), "admin@contoso.com", &existing);
            prop_assert_eq!(result.is_ok(), n < MAX_MARKETING_CONTACTS);
        }
    }
}
