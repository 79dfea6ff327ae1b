//! The OpenAPI 3.1 document of the route table ([`crate::routes::router`]),
//! built from the same `routes!` lists so they cannot disagree.
//!
//! The schemas are the `rewards-core` wire types themselves (their
//! `utoipa::ToSchema` derives are behind the core's `openapi` feature, which
//! the SPA's wasm build leaves off). Integration tests validate every real
//! response body against the document.

use crate::state::AppState;
use axum::Router;
use rewards_core::api::ProblemDetails;
use rewards_core::api::IDEMPOTENCY_KEY_HEADER;
use rewards_core::validate::ErrorCode;
use std::sync::Arc;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

/// The serialized document, shared with the `/openapi.json` handler.
#[derive(Clone)]
pub struct OpenApiJson(pub Arc<String>);

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marketplace Rewards API",
        description = "Reference API of the Marketplace Rewards partner portal.\n\n\
            Errors are RFC 9457 `application/problem+json` documents with a stable `code`.\n\n\
            Every POST, PUT and DELETE requires an `Idempotency-Key` header (428 \
            `idempotency_key_required` when missing). A repeat with the same key and body returns \
            the first successful response with `Idempotent-Replayed: true`; the same key with a \
            different body is 422 `idempotency_key_reused`. Secret fields (passwords) are removed \
            before the request fingerprint is computed. Sign-in responses are never stored.\n\n\
            The marketing-contact and tenant collections carry a version (`ETag: \"<n>\"`); their \
            mutations require `If-Match` (428 when missing, 412 when stale).",
        version = env!("CARGO_PKG_VERSION")
    ),
    modifiers(&Security),
    components(schemas(ProblemDetails, ErrorCode)),
    tags(
        (name = "session", description = "Sign-in and identity"),
        (name = "rewards", description = "Programme overview"),
        (name = "benefits", description = "Benefits and activation"),
        (name = "marketing-contacts", description = "Company marketing contacts"),
        (name = "technical-requests", description = "Technical assistance requests"),
        (name = "tenants", description = "Tenant association"),
        (name = "rewards-team", description = "The Marketplace Rewards team's side of technical cases (role rewards_team)"),
        (name = "insights", description = "Month-by-month series for the Insights charts"),
        (name = "meta", description = "Service")
    )
)]
struct ApiDoc;

/// Every API route with its documentation, nested under `/api/v1`.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", crate::routes::router())
}

/// The API router and its OpenAPI document.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = api_routes().split_for_parts();
    document_common_rules(&mut doc);
    (router, doc)
}

/// The OpenAPI document alone.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = api_routes().into_openapi();
    document_common_rules(&mut doc);
    doc
}

/// Adds what every route shares, so no route can leave it out: the
/// `Idempotency-Key` and path-parameter syntax the extractors enforce, and the
/// problems the middleware and extractors answer (400 malformed key, path,
/// query or body; 401; 413; 415; 428).
fn document_common_rules(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        // Sign-in needs a key but is never recorded (its answer holds a token).
        let sign_in = path == "/api/v1/session";
        let operations = [
            (&mut item.get, Mutation::No),
            (
                &mut item.post,
                if sign_in {
                    Mutation::Unrecorded
                } else {
                    Mutation::Recorded
                },
            ),
            (&mut item.put, Mutation::Recorded),
            (&mut item.delete, Mutation::Recorded),
            (&mut item.patch, Mutation::Recorded),
        ];
        for (operation, mutation) in operations {
            if let Some(op) = operation.as_mut() {
                document_operation(op, mutation);
            }
        }
    }
}

/// How the idempotency middleware treats an operation.
#[derive(Clone, Copy, PartialEq)]
enum Mutation {
    No,
    Unrecorded,
    Recorded,
}

fn string_schema(min: usize, max: usize, pattern: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(min))
        .max_length(Some(max))
        .pattern(Some(pattern))
        .into()
}

fn document_operation(op: &mut Operation, mutation: Mutation) {
    let mut problems: Vec<(&str, &str)> = Vec::new();
    for param in op.parameters.iter_mut().flatten() {
        match param.parameter_in {
            ParameterIn::Path => {
                // `PathId`: 1..=253 characters, no control characters.
                param.schema = Some(string_schema(
                    1,
                    253,
                    "^[^\\u0000-\\u001f\\u007f-\\u009f]+$",
                ));
                problems.push(("400", "invalid_path: malformed path parameter"));
            }
            ParameterIn::Header if param.name.eq_ignore_ascii_case(IDEMPOTENCY_KEY_HEADER) => {
                param.schema = Some(string_schema(1, 255, "^[!-~]+$"));
            }
            ParameterIn::Query => {
                problems.push(("400", "invalid_query: unknown or too long query value"))
            }
            _ => {}
        }
    }
    if mutation != Mutation::No {
        problems.push((
            "400",
            "idempotency_key_invalid: not 1 to 255 visible ASCII characters",
        ));
        problems.push(("428", "idempotency_key_required (or if_match_required)"));
    }
    if mutation == Mutation::Recorded {
        problems.push((
            "409",
            "idempotency_request_in_progress: the first request with this key is still running",
        ));
        problems.push((
            "422",
            "idempotency_key_reused: the key was used for a different request",
        ));
    }
    if op.request_body.is_some() {
        problems.push((
            "400",
            "malformed_json or invalid_body: the body is not JSON of the documented shape",
        ));
        problems.push(("413", "body_too_large"));
        problems.push(("415", "unsupported_media_type: send application/json"));
    }
    if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
        problems.push(("401", "unauthenticated or invalid_token"));
    }
    // One status may have several causes (a 400 for the path, the query and the body): list them all.
    let mut by_status: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (status, description) in problems {
        by_status.entry(status).or_default().push(description);
    }
    for (status, descriptions) in by_status {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description(descriptions.join("; "))
                    .content(
                        crate::problem::PROBLEM_JSON,
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ProblemDetails")))
                            .build(),
                    )
                    .build()
                    .into()
            });
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    fn names<T: Serialize>(all: impl IntoIterator<Item = T>) -> Vec<String> {
        all.into_iter()
            .map(|v| {
                serde_json::to_value(v)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    /// The documented enums list exactly the core's wire names.
    #[test]
    fn documented_enums_match_core() {
        use rewards_core::model as m;
        let doc = serde_json::to_value(super::document()).unwrap();
        let enum_of = |name: &str| -> Vec<String> {
            doc["components"]["schemas"][name]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("{name} has no enum"))
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(enum_of("Role"), names(m::Role::ALL));
        assert_eq!(enum_of("OfferType"), names(m::OfferType::ALL));
        assert_eq!(enum_of("ConstraintMarker"), names(m::ConstraintMarker::ALL));
        assert_eq!(enum_of("BenefitStatus"), names(m::BenefitStatus::ALL));
        assert_eq!(enum_of("RevocationReason"), names(m::RevocationReason::ALL));
        assert_eq!(enum_of("Language"), names(m::Language::ALL));
        assert_eq!(enum_of("TechnicalPhase"), names(m::TechnicalPhase::ALL));
        assert_eq!(enum_of("SolutionType"), names(m::SolutionType::ALL));
        assert_eq!(enum_of("Tier"), names(rewards_core::tier::Tier::ALL));
    }
}
