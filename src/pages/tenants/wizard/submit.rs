//! What the credentials and review steps send, and how the API's answers map
//! to what the steps show. Kept apart from the views so each step file reads
//! as its form, and the error handling reads as one decision table. The
//! common part (busy, a 401, field errors, the fallback sentence) is
//! [`use_submit`]'s.

use leptos::prelude::*;
use rewards_core::api::{problem_codes, TenantAssociationRequest, TenantsResponse};
use rewards_core::validate::validate_tenant_credentials;

use super::super::draft::{Pending, Step};
use super::credentials::{CredentialsForm, CREDENTIAL_FIELDS, PASSWORD_ID, USERNAME_ID};
use super::domain::{show_already_associated, DOMAIN_FIELDS};
use super::{load_tenants, WizardState};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::components::form::{use_submit, Fallback, Unhandled, UseSubmitOptions};
use crate::i18n::{t_string, use_i18n};

/// The credentials step's state and its `on:submit`: validates and sends the
/// credentials. On success the pending association is kept and the review
/// step follows; otherwise the reason is shown on the step (and field) it
/// concerns. The password is emptied after the request, whatever its outcome.
pub(super) fn use_associate(
    state: WizardState,
) -> (
    CredentialsForm,
    impl Fn(leptos::ev::SubmitEvent) + Clone + 'static,
) {
    let submit = use_submit(
        UseSubmitOptions::new(CREDENTIAL_FIELDS)
            .errors(state.credential_errors)
            .fallback(Fallback::summary(USERNAME_ID, |i18n| {
                t_string!(i18n, tenants.steps.credentials)
            })),
    );
    let form = CredentialsForm {
        submit,
        rejected: RwSignal::new(false),
        unanswered: StoredValue::new(None),
    };
    let on_submit = submit.on_submit(move || {
        form.rejected.set(false);
        let domain = state.domain.get_untracked();
        let username = state.username.get_untracked();
        let credentials = state
            .password
            .with_untracked(|password| validate_tenant_credentials(&username, password));
        let credentials = match credentials {
            Ok(credentials) => credentials,
            Err(field_errors) => return submit.show_field_errors(&field_errors),
        };
        let key = match form.unanswered.get_value() {
            Some((d, u, key)) if d == domain && u == credentials.username => key,
            _ => IdempotencyKey::new(),
        };
        form.unanswered.set_value(None);
        let attempt = Attempt {
            domain: domain.clone(),
            username: credentials.username.clone(),
            key: key.clone(),
        };
        let body = TenantAssociationRequest {
            domain,
            username: credentials.username,
            password: credentials.password,
        };
        // The password goes with the body and leaves the state before busy clears.
        let request = async move {
            let result = endpoints::associate_tenant(&body, &key).await;
            drop(body);
            state.password.set(String::new());
            result
        };
        submit.send(request, move |result| {
            let pending = match result {
                Ok(pending) => pending,
                Err(error) => return on_association_error(state, form, error, attempt),
            };
            state.pending.set(Some(Pending {
                association_id: pending.association_id,
                organisation: pending.organisation,
                domain: pending.domain,
            }));
            state.go(Step::Review);
            Ok(())
        });
    });
    (form, on_submit)
}

/// A submission of the credentials step: what was sent, under which key.
struct Attempt {
    domain: String,
    username: String,
    key: IdempotencyKey,
}

/// The association's own problems: on the credentials step, or back on the
/// domain step when the domain was the problem. The rest goes the common way.
fn on_association_error(
    state: WizardState,
    form: CredentialsForm,
    error: ApiError,
    attempt: Attempt,
) -> Result<(), Unhandled> {
    let i18n = use_i18n();
    let errors = form.submit.errors;
    match error.code() {
        // A 401 ends the session, whatever its code.
        _ if error.is_unauthenticated() => return Err(error.into()),
        Some(problem_codes::TENANT_CREDENTIALS_INVALID) => {
            form.rejected.set(true);
            errors.show_form_message(
                USERNAME_ID,
                t_string!(i18n, tenants.credentials.username).to_owned(),
                t_string!(i18n, tenants.credentials.invalid).to_owned(),
            );
        }
        Some(problem_codes::TOO_MANY_ATTEMPTS) => errors.show_form_message(
            PASSWORD_ID,
            t_string!(i18n, tenants.credentials.password).to_owned(),
            t_string!(i18n, tenants.credentials.too_many).to_owned(),
        ),
        Some(problem_codes::TENANT_ALREADY_ASSOCIATED) => {
            show_already_associated(state.domain_errors, i18n);
            errors.clear();
            state.go(Step::Domain);
        }
        _ if error.field_errors().iter().any(|e| e.field == "domain") => {
            state
                .domain_errors
                .show_fields(error.field_errors(), DOMAIN_FIELDS);
            errors.clear();
            state.go(Step::Domain);
        }
        _ => {
            // No answer (or a busy server): the same attempt may be sent again.
            if error.field_errors().is_empty()
                && (error.is_unanswered() || matches!(error, ApiError::Busy { .. }))
            {
                let Attempt {
                    domain,
                    username,
                    key,
                } = attempt;
                form.unanswered.set_value(Some((domain, username, key)));
            }
            return Err(error.into());
        }
    }
    Ok(())
}

/// What stopped a confirmation.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ConfirmProblem {
    /// The tenant list changed since it was loaded (412).
    Changed,
    /// The pending association expired or is unknown: credentials again.
    Expired,
    /// The domain was associated meanwhile.
    Already,
}

impl ConfirmProblem {
    /// The confirmation's own problems; `None` for the rest (a 401, any other error).
    pub(super) fn from_error(error: &ApiError) -> Option<Self> {
        match error.code() {
            _ if error.is_unauthenticated() => None,
            Some(problem_codes::TENANT_ASSOCIATION_EXPIRED) => Some(ConfirmProblem::Expired),
            Some(problem_codes::TENANT_ALREADY_ASSOCIATED) => Some(ConfirmProblem::Already),
            _ if error.status() == Some(404) => Some(ConfirmProblem::Expired),
            _ if error.is_version_conflict() => Some(ConfirmProblem::Changed),
            _ => None,
        }
    }
}

/// Confirms the pending association against the version of the tenant list
/// the user saw (loading the list first if it has not arrived yet).
pub(super) async fn confirm(
    state: WizardState,
    association_id: &str,
    key: &IdempotencyKey,
) -> Result<TenantsResponse, ApiError> {
    let version = match state
        .tenants
        .with_untracked(|t| t.as_ref().map(|t| t.version))
    {
        Some(version) => Ok(version),
        None => load_tenants(state).await.map(|t| t.version),
    };
    match version {
        Ok(version) => endpoints::confirm_tenant(association_id, version, key).await,
        Err(error) => Err(error),
    }
}
