//! Phone numbers, normalized to E.164.

use super::codes::{ErrorCode, PHONE_MAX_DIGITS, PHONE_MIN_DIGITS};

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ErrorCode as E;

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

    proptest! {
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
    }
}
