//! What the form's entries become on the wire, and how the errors about them find their way
//! back to the inputs. Pure functions: the in-browser tests drive them.

use rewards_core::validate::{FieldError, TechnicalRequestInput};

use crate::pages::technical_request::draft::Draft;

/// Products partners ask about most. Product names are proper nouns, the
/// same in every language, and are sent as they are.
pub const COMMON_PRODUCTS: [&str; 12] = [
    "Azure App Service",
    "Azure Arc",
    "Azure Cosmos DB",
    "Azure Functions",
    "Azure Kubernetes Service",
    "Azure SQL Database",
    "Azure Stack HCI",
    "Azure Virtual Machines",
    "Dynamics 365",
    "Microsoft 365",
    "Microsoft Entra ID",
    "Power Platform",
];

/// The API body for a draft: ticked products first, then the free-text ones.
pub fn request_input(draft: &Draft) -> TechnicalRequestInput {
    let mut products = draft.products.clone();
    products.extend(other_products(&draft.other_products));
    TechnicalRequestInput {
        phase: draft.phase.clone(),
        solution_type: draft.solution_type.clone(),
        title: draft.title.clone(),
        description: draft.description.clone(),
        products,
        phone: draft.phone.clone(),
        country_region: draft.country_region.clone(),
        time_zone: draft.time_zone.clone(),
        language: draft.language.clone(),
        preferred_contact_time: draft.preferred_contact_time.clone(),
    }
}

/// Splits the free-text products on commas (Latin or CJK), semicolons and
/// line breaks; blank entries are dropped.
pub fn other_products(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '，', '、', '；'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Points `products[i]` errors at the input the entry came from: the ticked
/// products come first (`ticked` of them), the free-text ones after.
pub fn route_product_errors(errors: &[FieldError], ticked: usize) -> Vec<FieldError> {
    errors
        .iter()
        .map(|error| {
            let index = error
                .field
                .strip_prefix("products[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|i| i.parse::<usize>().ok());
            match index {
                Some(i) if i >= ticked => FieldError::new("products_other", error.code),
                _ => error.clone(),
            }
        })
        .collect()
}
