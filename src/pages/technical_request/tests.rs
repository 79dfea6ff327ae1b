//! The validation wiring of the form: what the inputs become, how the core's
//! errors land on the inputs, and the browser-provided choice lists. Runs
//! under wasm-bindgen-test (Intl comes from the JavaScript engine).

use rewards_core::validate::{
    validate_country, validate_language, validate_technical_request, validate_time_zone, ErrorCode,
    FieldError,
};
use wasm_bindgen_test::wasm_bindgen_test;

use super::draft::Draft;
use super::form::{other_products, request_input, route_product_errors};
use super::intl;

fn complete_draft() -> Draft {
    Draft {
        phase: "design".into(),
        solution_type: "cloud".into(),
        title: "Design review".into(),
        description: "Multi-tenant questions.\nBest time: mornings CET.".into(),
        products: vec!["Azure Arc".into()],
        other_products: "Azure OpenAI, GitHub Actions".into(),
        phone: "+31 (0)20 123 4567".into(),
        country_region: "NL".into(),
        time_zone: "Europe/Amsterdam".into(),
        language: "nl".into(),
        preferred_contact_time: String::new(),
        pending_key: None,
    }
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[wasm_bindgen_test]
fn free_text_products_split_on_latin_and_cjk_separators() {
    assert_eq!(
        other_products(" AKS, Azure SQL ;Arc\nTeams，Entra、Intune； ,"),
        ["AKS", "Azure SQL", "Arc", "Teams", "Entra", "Intune"]
    );
    assert!(other_products("  , ;\n").is_empty());
}

#[wasm_bindgen_test]
fn a_complete_draft_passes_the_core_validator() {
    let input = request_input(&complete_draft());
    assert_eq!(
        input.products,
        ["Azure Arc", "Azure OpenAI", "GitHub Actions"]
    );
    let valid = validate_technical_request(&input).expect("valid request");
    assert_eq!(valid.phone_e164, "+31201234567");
}

#[wasm_bindgen_test]
fn an_empty_form_reports_every_required_field_in_form_order() {
    let prefilled = Draft {
        time_zone: "Europe/Amsterdam".into(),
        language: "en".into(),
        ..Draft::default()
    };
    let errors = validate_technical_request(&request_input(&prefilled)).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "phase",
            "solution_type",
            "title",
            "description",
            "products",
            "phone",
            "country_region"
        ]
    );
    assert!(errors.iter().all(|e| e.code == ErrorCode::Required));
}

#[wasm_bindgen_test]
fn product_errors_land_on_the_input_the_entry_came_from() {
    let draft = Draft {
        products: vec!["Azure Arc".into()],
        other_products: "azure arc, ".into(),
        ..complete_draft()
    };
    let errors = validate_technical_request(&request_input(&draft)).unwrap_err();
    assert_eq!(fields(&errors), ["products[1]"]);
    let routed = route_product_errors(&errors, draft.products.len());
    assert_eq!(
        routed,
        [FieldError::new("products_other", ErrorCode::DuplicateItem)]
    );

    // The list-level error stays on the checkbox group; other fields are untouched.
    let list_level = [
        FieldError::new("products", ErrorCode::Required),
        FieldError::new("phone", ErrorCode::PhoneInvalid),
        FieldError::new("products[0]", ErrorCode::TooLong),
    ];
    assert_eq!(route_product_errors(&list_level, 1), list_level);
}

#[wasm_bindgen_test]
fn a_draft_with_only_prefilled_choices_is_blank() {
    let prefilled = Draft {
        time_zone: "Europe/Amsterdam".into(),
        language: "en".into(),
        ..Draft::default()
    };
    assert!(prefilled.is_blank());
    assert!(!complete_draft().is_blank());
    // Drafts saved by an older build (fewer fields) still load.
    let old: Draft = serde_json::from_str(r#"{"title":"Half"}"#).unwrap();
    assert_eq!(old.title, "Half");
    assert!(old.products.is_empty());
}

#[wasm_bindgen_test]
fn the_choice_lists_only_offer_values_the_core_accepts() {
    let zones = intl::time_zones();
    assert!(zones.len() > 300, "the engine knows the IANA zones");
    assert!(zones.iter().all(|z| validate_time_zone(z).is_ok()));
    assert!(zones.iter().any(|z| z == "Europe/Amsterdam"));

    let countries = intl::countries("nl");
    assert!(countries.len() > 240);
    assert!(countries
        .iter()
        .all(|(code, _)| validate_country(code).is_ok()));
    let netherlands = countries.iter().find(|(code, _)| code == "NL").unwrap();
    assert_eq!(netherlands.1, "Nederland");

    let languages = intl::languages("fr");
    assert!(languages
        .iter()
        .all(|(code, _)| validate_language(code).is_ok()));
    let swedish = languages.iter().find(|(code, _)| code == "sv").unwrap();
    assert_eq!(swedish.1, "suédois");
}

#[wasm_bindgen_test]
fn countries_sort_in_the_order_of_the_ui_language() {
    let position = |list: &[(String, String)], code: &str| {
        list.iter()
            .position(|(c, _)| c == code)
            .unwrap_or_else(|| panic!("{code} missing"))
    };
    // Swedish sorts Ö after Z: Österrike (AT) comes after Zimbabwe (ZW).
    let sv = intl::countries("sv");
    assert!(position(&sv, "AT") > position(&sv, "ZW"));
    // English sorts Å with the A's: Åland Islands (AX) comes before Belgium (BE).
    let en = intl::countries("en");
    assert!(position(&en, "AX") < position(&en, "BE"));
    assert_eq!(sv.len(), en.len(), "the same countries in every language");
}

#[wasm_bindgen_test]
fn local_dates_keep_their_own_style_per_language() {
    let moment = 1_795_000_000; // 18 Nov 2026, in any time zone a partner is in
    let short = intl::local_date("en", moment);
    let long = intl::local_date_time_long("en", moment);
    assert!(short.contains("2026") && !short.contains(':'), "{short}");
    assert!(long.contains("2026") && long.contains(':'), "{long}");
    assert_eq!(intl::local_date("en", moment), short, "asked again");
    assert_ne!(intl::local_date("fr", moment), short);
}
