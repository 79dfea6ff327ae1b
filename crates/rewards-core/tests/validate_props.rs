//! Properties of the validators over hostile text: script and markup,
//! 10,000-character strings, right-to-left and combining characters, emoji,
//! control and format characters, surrounding whitespace. Whatever comes in,
//! a validator returns either a normalized value that keeps its promises or
//! a field error code, and never panics.

use proptest::prelude::*;
use rewards_core::validate::*;

/// Pieces that make text hostile, mixed with arbitrary printable text.
fn hostile_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,12}",
        "[ \\t\\n\\r\\u{00A0}\\u{2003}\\u{3000}]{1,3}",
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("&amp;&#x3C;\"'`".to_string()),
        Just("مرحبا שלום".to_string()),
        Just("\u{200F}\u{202E}\u{2066}\u{2069}".to_string()),
        Just("e\u{0301}\u{0327}\u{0358}".to_string()),
        Just("👩\u{200D}💻🇳🇱🚀".to_string()),
        Just("\u{0000}\u{0007}\u{001B}\u{007F}\u{0085}".to_string()),
        Just("\u{FEFF}\u{200B}".to_string()),
        Just("指事".to_string()),
    ];
    proptest::collection::vec(piece, 0..max_pieces).prop_map(|p| p.concat())
}

/// Whitespace that `str::trim` removes, including non-ASCII spaces.
fn padding() -> impl Strategy<Value = String> {
    "[ \\t\\n\\r\\u{00A0}\\u{2003}\\u{3000}]{0,4}"
}

/// A long text of one character class (ASCII, CJK, emoji, combining marks).
fn long_text(min: usize) -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("x"),
            Just("指"),
            Just("🚀"),
            Just("e\u{0301}"),
            Just("<b>")
        ],
        min..=10_000usize,
    )
        .prop_map(|(unit, n)| unit.repeat(n))
}

const TECHNICAL_FIELDS: [&str; 10] = [
    "phase",
    "solution_type",
    "title",
    "description",
    "products",
    "phone",
    "country_region",
    "time_zone",
    "language",
    "preferred_contact_time",
];

fn is_technical_field(field: &str) -> bool {
    TECHNICAL_FIELDS.contains(&field)
        || field
            .strip_prefix("products[")
            .and_then(|r| r.strip_suffix(']'))
            .is_some_and(|i| i.parse::<usize>().is_ok())
}

fn is_e164(s: &str) -> bool {
    let digits = &s[1.min(s.len())..];
    s.starts_with('+')
        && (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_line_is_trimmed_printable_and_bounded_or_rejected(s in hostile_text(10)) {
        match validate_line(&s, 0, 100) {
            Ok(v) => {
                prop_assert_eq!(v.as_str(), s.trim());
                prop_assert!(!v.chars().any(char::is_control));
                prop_assert!(v.chars().count() <= 100);
            }
            Err(code) => {
                prop_assert!(matches!(code, ErrorCode::ControlCharacter | ErrorCode::TooLong), "{:?}", code);
                if code == ErrorCode::TooLong {
                    prop_assert!(s.trim().chars().count() > 100);
                }
            }
        }
    }

    #[test]
    fn multiline_text_keeps_newlines_and_tabs_only(s in hostile_text(10)) {
        match validate_multiline(&s, 1, 2000) {
            Ok(v) => {
                prop_assert!(!v.contains('\r'));
                prop_assert!(!v.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                prop_assert_eq!(v, s.trim().replace("\r\n", "\n"));
            }
            Err(code) => prop_assert!(matches!(
                code,
                ErrorCode::ControlCharacter | ErrorCode::TooLong | ErrorCode::Required
            )),
        }
    }

    #[test]
    fn surrounding_whitespace_never_changes_the_verdict(s in hostile_text(6), left in padding(), right in padding()) {
        let padded = format!("{left}{s}{right}");
        prop_assert_eq!(validate_line(&padded, 1, 100), validate_line(&s, 1, 100));
        prop_assert_eq!(validate_email(&padded), validate_email(&s));
        prop_assert_eq!(normalize_phone(&padded), normalize_phone(&s));
        prop_assert_eq!(validate_country(&padded), validate_country(&s));
        prop_assert_eq!(validate_time_zone(&padded), validate_time_zone(&s));
        prop_assert_eq!(validate_language(&padded), validate_language(&s));
    }

    #[test]
    fn accepted_emails_and_domains_are_plain_ascii(s in hostile_text(6)) {
        if let Ok(e) = validate_email(&s) {
            prop_assert!(e.is_ascii() && !e.contains(char::is_whitespace));
            prop_assert_eq!(e.matches('@').count(), 1);
            prop_assert!(!e.contains(['<', '>', '"', '(', ')', ',', ';', ':', '\\', '[', ']']));
        }
        if let Ok(d) = normalize_domain(&s) {
            prop_assert!(is_valid_dns_name(&d));
            prop_assert_eq!(d.to_ascii_lowercase(), d.clone());
            prop_assert_eq!(normalize_domain(&d), Ok(d.clone()));
        }
        if let Ok(p) = normalize_phone(&s) {
            prop_assert!(is_e164(&p), "{}", p);
        }
    }

    #[test]
    fn passwords_are_kept_exactly_as_typed(email in "[a-z]{1,8}@contoso\\.example", password in hostile_text(6)) {
        match validate_sign_in(&email, &password) {
            Ok(creds) => {
                prop_assert_eq!(&creds.password, &password);
                let shown = format!("{:?}", creds);
                prop_assert_eq!(
                    shown,
                    format!("ValidatedCredentials {{ username: {:?}, password: \"<redacted>\" }}", email)
                );
            }
            Err(errors) => {
                prop_assert!(errors.iter().all(|e| e.field == "password"));
                prop_assert!(password.is_empty() || password.chars().count() > PASSWORD_MAX);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn ten_thousand_characters_are_too_long_everywhere(s in long_text(300)) {
        prop_assert_eq!(validate_line(&s, 1, TITLE_MAX), Err(ErrorCode::TooLong));
        prop_assert_eq!(validate_line(&s, 1, PRODUCT_MAX), Err(ErrorCode::TooLong));
        prop_assert_eq!(validate_line(&s, 0, CONTACT_TIME_MAX), Err(ErrorCode::TooLong));
        if s.chars().count() > DESCRIPTION_MAX {
            prop_assert_eq!(validate_multiline(&s, 1, DESCRIPTION_MAX), Err(ErrorCode::TooLong));
        }
        prop_assert_eq!(validate_email(&s), Err(ErrorCode::EmailTooLong));
        prop_assert!(normalize_phone(&s).is_err());
        prop_assert!(normalize_domain(&s).is_err());
        prop_assert_eq!(validate_country(&s), Err(ErrorCode::CountryInvalid));
        prop_assert_eq!(validate_time_zone(&s), Err(ErrorCode::TimeZoneInvalid));
        prop_assert_eq!(validate_language(&s), Err(ErrorCode::LanguageUnsupported));
        let errors = validate_sign_in("a@contoso.example", &s).unwrap_err();
        prop_assert_eq!(errors, vec![FieldError::new("password", ErrorCode::TooLong)]);
    }
}

fn technical_input() -> impl Strategy<Value = TechnicalRequestInput> {
    let field = || {
        prop_oneof![
            hostile_text(5),
            Just("design".to_string()),
            Just("hybrid".to_string()),
            Just("+31 20 123 4567".to_string()),
            Just("NL".to_string()),
            Just("Europe/Amsterdam".to_string()),
            Just("en".to_string()),
            Just("A title".to_string()),
        ]
    };
    (
        (field(), field(), field(), field(), field()),
        (field(), field(), field(), field()),
        proptest::collection::vec(field(), 0..12),
    )
        .prop_map(
            |(
                (phase, solution_type, title, description, phone),
                (country, tz, language, time),
                products,
            )| {
                TechnicalRequestInput {
                    phase,
                    solution_type,
                    title,
                    description,
                    products,
                    phone,
                    country_region: country,
                    time_zone: tz,
                    language,
                    preferred_contact_time: time,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn technical_requests_are_valid_and_trimmed_or_name_their_fields(input in technical_input()) {
        match validate_technical_request(&input) {
            Ok(v) => {
                prop_assert_eq!(v.title.as_str(), input.title.trim());
                prop_assert!((1..=TITLE_MAX).contains(&v.title.chars().count()));
                prop_assert!((1..=DESCRIPTION_MAX).contains(&v.description.chars().count()));
                prop_assert!((1..=PRODUCTS_MAX_ITEMS).contains(&v.products.len()));
                for (p, raw) in v.products.iter().zip(&input.products) {
                    prop_assert_eq!(p.as_str(), raw.trim());
                }
                prop_assert!(is_e164(&v.phone_e164));
                prop_assert!(v.preferred_contact_time.chars().count() <= CONTACT_TIME_MAX);
                for text in [&v.title, &v.preferred_contact_time, &v.country_region, &v.time_zone] {
                    prop_assert!(!text.chars().any(char::is_control));
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(is_technical_field(&e.field), "unknown field {}", e.field);
                }
            }
        }
    }

    #[test]
    fn contacts_are_valid_or_name_their_fields(
        user_id in hostile_text(4),
        email in prop_oneof![hostile_text(4), Just(" someone@contoso.example ".to_string())],
        phone in prop_oneof![hostile_text(4), Just("0031 20 123 4567".to_string())],
        language in prop_oneof![hostile_text(3), Just(" NL ".to_string())],
    ) {
        let input = ContactInput { user_id, email, phone, preferred_language: language };
        match validate_marketing_contact(&input, "partnercenter@contoso.example", &[]) {
            Ok(v) => {
                prop_assert_eq!(v.user_id.as_str(), input.user_id.trim());
                prop_assert_eq!(v.email.as_str(), input.email.trim());
                prop_assert!(is_e164(&v.phone_e164));
            }
            Err(errors) => {
                for e in &errors {
                    prop_assert!(
                        ["user_id", "email", "phone", "preferred_language"].contains(&e.field.as_str()),
                        "unknown field {}", e.field
                    );
                }
            }
        }
    }

    #[test]
    fn tenant_association_reports_domain_and_credentials(domain in hostile_text(4), username in hostile_text(4), password in hostile_text(4)) {
        let input = TenantCredentialsInput { domain, username, password };
        match validate_tenant_association(&input) {
            Ok((d, creds)) => {
                prop_assert!(is_valid_dns_name(&d));
                prop_assert_eq!(creds.password, input.password);
            }
            Err(errors) => {
                for e in &errors {
                    prop_assert!(["domain", "username", "password"].contains(&e.field.as_str()));
                }
            }
        }
    }
}
