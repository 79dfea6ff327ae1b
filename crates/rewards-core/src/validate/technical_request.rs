//! The technical-assistance request form.

use super::codes::{
    ErrorCode, FieldError, CONTACT_TIME_MAX, DESCRIPTION_MAX, PRODUCTS_MAX_ITEMS, PRODUCT_MAX,
    TITLE_MAX,
};
use super::fields::{parse_choice, validate_language, validate_line, validate_multiline};
use super::form::Form;
use super::phone::normalize_phone;
use super::region::{validate_country, validate_time_zone};
use crate::date::Timestamp;
use crate::model::{Language, RequestStatus, SolutionType, TechnicalPhase, TechnicalRequest};
use serde::{Deserialize, Serialize};

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
            benefit_id: None,
            quantity_used: None,
            version: 0,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::codes;
    use proptest::prelude::*;
    use ErrorCode as E;

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

    proptest! {
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
    }
}

/// A note on a technical case: 1–2000 characters after trimming, newlines
/// and tabs allowed (error field "text").
pub fn validate_case_note(text: &str) -> Result<String, Vec<FieldError>> {
    validate_multiline(text, 1, DESCRIPTION_MAX).map_err(|code| vec![FieldError::new("text", code)])
}

#[cfg(test)]
mod note_tests {
    use super::*;

    #[test]
    fn case_notes() {
        assert_eq!(
            validate_case_note("  Thanks, see the log.\nLine two  ").as_deref(),
            Ok("Thanks, see the log.\nLine two")
        );
        assert_eq!(
            validate_case_note("   "),
            Err(vec![FieldError::new("text", ErrorCode::Required)])
        );
        assert_eq!(
            validate_case_note(&"x".repeat(DESCRIPTION_MAX + 1)),
            Err(vec![FieldError::new("text", ErrorCode::TooLong)])
        );
        assert!(validate_case_note(&"x".repeat(DESCRIPTION_MAX)).is_ok());
    }
}
