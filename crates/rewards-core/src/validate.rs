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
pub struct SignInInput {
    pub email: String,
    pub password: String,
}

/// Raw tenant-association body.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantCredentialsInput {
    pub domain: String,
    pub username: String,
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
