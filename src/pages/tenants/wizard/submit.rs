//! What the credentials and review steps send, and how the API's answers map
//! to what the steps show. Kept apart from the views so each step file reads
//! as its form, and the error handling reads as one decision table.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::{problem_codes, TenantAssociationRequest, TenantsResponse};
use rewards_core::validate::validate_tenant_credentials;

use super::super::draft::{Pending, Step};
use super::credentials::{
    credentials_field, password_label, username_label, CredentialsForm, PASSWORD_ID, USERNAME_ID,
};
use super::domain::{domain_field, show_already_associated};
use super::{load_tenants, WizardState};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::i18n::{t_string, I18n};
use crate::session::Session;

/// A submission of the credentials step: what was sent, under which key.
struct Attempt {
    domain: String,
    username: String,
    key: IdempotencyKey,
}

/// Validates and sends the credentials. On success the pending association
/// is kept and the review step follows; otherwise the reason is shown on
/// the step (and field) it concerns. The password is emptied after the
/// request, whatever its outcome.
pub(super) fn associate(state: WizardState, form: CredentialsForm, i18n: I18n, session: Session) {
    form.rejected.set(false);
    let domain = state.domain.get_untracked();
    let username = state.username.get_untracked();
    let credentials = state
        .password
        .with_untracked(|password| validate_tenant_credentials(&username, password));
    let credentials = match credentials {
        Ok(credentials) => credentials,
        Err(field_errors) => {
            form.errors.show(&field_errors, credentials_field(i18n));
            return;
        }
    };
    let key = match form.unanswered.get_value() {
        Some((d, u, key)) if d == domain && u == credentials.username => key,
        _ => IdempotencyKey::new(),
    };
    form.unanswered.set_value(None);
    let body = TenantAssociationRequest {
        domain: domain.clone(),
        username: credentials.username,
        password: credentials.password,
    };
    form.busy.set(true);
    spawn_local(async move {
        let result = endpoints::associate_tenant(&body, &key).await;
        let username = body.username.clone();
        drop(body);
        state.password.set(String::new());
        form.busy.set(false);
        match result {
            Ok(pending) => {
                form.errors.clear();
                state.pending.set(Some(Pending {
                    association_id: pending.association_id,
                    organisation: pending.organisation,
                    domain: pending.domain,
                }));
                state.go(Step::Review);
            }
            Err(error) if error.is_unauthenticated() => session.expired(),
            Err(error) => {
                let attempt = Attempt {
                    domain,
                    username,
                    key,
                };
                show_association_error(state, form, i18n, error, attempt);
            }
        }
    });
}

/// Shows why the credentials were not accepted: on the credentials step, or
/// back on the domain step when the domain was the problem.
fn show_association_error(
    state: WizardState,
    form: CredentialsForm,
    i18n: I18n,
    error: ApiError,
    attempt: Attempt,
) {
    let errors = form.errors;
    match error.code() {
        Some(problem_codes::TENANT_CREDENTIALS_INVALID) => {
            form.rejected.set(true);
            errors.show_form_message(
                USERNAME_ID,
                username_label(i18n),
                t_string!(i18n, tenants.credentials.invalid).to_owned(),
            );
        }
        Some(problem_codes::TOO_MANY_ATTEMPTS) => errors.show_form_message(
            PASSWORD_ID,
            password_label(i18n),
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
                .show(error.field_errors(), domain_field(i18n));
            errors.clear();
            state.go(Step::Domain);
        }
        _ if !error.field_errors().is_empty() => {
            errors.show(error.field_errors(), credentials_field(i18n))
        }
        _ => {
            // No answer (or a busy server): the same attempt may be sent again.
            if error.is_unanswered() || matches!(error, ApiError::Busy { .. }) {
                let Attempt {
                    domain,
                    username,
                    key,
                } = attempt;
                form.unanswered.set_value(Some((domain, username, key)));
            }
            errors.show_form_message(
                USERNAME_ID,
                t_string!(i18n, tenants.steps.credentials).to_owned(),
                error_sentence(i18n, &error),
            );
        }
    }
}

/// What stopped a confirmation.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ConfirmProblem {
    /// The tenant list changed since it was loaded (412).
    Changed,
    /// The pending association expired or is unknown: credentials again.
    Expired,
    Already,
    Other(ApiError),
}

impl ConfirmProblem {
    pub(super) fn from_error(error: ApiError) -> Self {
        match error.code() {
            Some(problem_codes::TENANT_ASSOCIATION_EXPIRED) => ConfirmProblem::Expired,
            Some(problem_codes::TENANT_ALREADY_ASSOCIATED) => ConfirmProblem::Already,
            _ if error.status() == Some(404) => ConfirmProblem::Expired,
            _ if error.is_version_conflict() => ConfirmProblem::Changed,
            _ => ConfirmProblem::Other(error),
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
