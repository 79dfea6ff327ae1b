//! Step 1: the tenant's domain, checked against the domains already associated.

use leptos::prelude::*;
use rewards_core::validate::validate_tenant_domain;

use super::super::draft::Step;
use super::steps::StepHeading;
use super::WizardState;
use crate::components::form::{ErrorSummary, FormErrors, FormField, SubmitButton, TextField};
use crate::i18n::{t, t_string, use_i18n, I18n};

pub(super) const DOMAIN_ID: &str = "tenant-domain";

/// Wire field names → this step's input; the credentials step uses it too
/// when the server rejects the domain.
pub(super) const DOMAIN_FIELDS: &[FormField] = &[FormField::new("domain", DOMAIN_ID, |i18n| {
    t_string!(i18n, tenants.domain.label)
})];

/// Says on the domain field that this domain is associated already.
pub(super) fn show_already_associated(errors: FormErrors, i18n: I18n) {
    errors.show_form_message(
        DOMAIN_ID,
        t_string!(i18n, tenants.domain.label).to_owned(),
        t_string!(i18n, tenants.domain.already).to_owned(),
    );
}

#[component]
pub(super) fn DomainStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let errors = state.domain_errors;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_tenant_domain(&state.domain.get_untracked()) {
            Err(field_errors) => errors.show_fields(&field_errors, DOMAIN_FIELDS),
            Ok(domain) => {
                let known = state.tenants.with_untracked(|t| {
                    t.as_ref()
                        .is_some_and(|t| t.tenants.iter().any(|a| a.domain == domain))
                });
                if known {
                    show_already_associated(errors, i18n);
                    return;
                }
                errors.clear();
                state.domain.set(domain);
                state.credential_errors.clear();
                state.go(Step::Credentials);
            }
        }
    };
    view! {
        <form class="form wizard__form" novalidate on:submit=on_submit aria-labelledby=Step::Domain.heading_id()>
            <StepHeading step=Step::Domain />
            <ErrorSummary errors />
            <TextField
                id=DOMAIN_ID
                label=Signal::derive(move || t_string!(i18n, tenants.domain.label))
                hint=Signal::derive(move || t_string!(i18n, tenants.domain.hint))
                value=state.domain
                error=errors.for_field(DOMAIN_ID)
                autocomplete="off"
                inputmode="url"
            />
            <div class="button-row">
                <SubmitButton label=Signal::derive(move || t_string!(i18n, common.form.next)) busy=Signal::stored(false) />
                <button type="button" class="button button--quiet" on:click=move |_| state.cancel.run(())>
                    {t!(i18n, common.form.cancel)}
                </button>
            </div>
        </form>
    }
}
