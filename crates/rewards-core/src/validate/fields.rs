//! Single-field validators: text, email, language, domain, partner id and
//! select choices.

use super::codes::{ErrorCode, DOMAIN_LABEL_MAX, DOMAIN_MAX, EMAIL_LOCAL_MAX, EMAIL_MAX};
use crate::model::Language;
use serde::Deserialize;

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

/// Parses a snake_case enum value typed as a string (select inputs).
pub(super) fn parse_choice<T: for<'de> Deserialize<'de>>(value: &str) -> Result<T, ErrorCode> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ErrorCode::Required);
    }
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(v))
        .map_err(|_| ErrorCode::ValueNotAllowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::{case_and_space_variant, valid_email};
    use crate::validate::{validate_tenant_domain, FieldError, DESCRIPTION_MAX, TITLE_MAX};
    use proptest::prelude::*;
    use ErrorCode as E;

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

    proptest! {
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
    }
}
