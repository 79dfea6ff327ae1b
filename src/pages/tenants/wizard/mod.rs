//! `/settings/tenants/associate`: domain → credentials → review → done.
//!
//! One file per step; they share [`WizardState`] (passed down as a prop) and
//! the step furniture in [`steps`]. What is sent to the API, and how its
//! answers map to what the steps show, lives in [`submit`].
//!
//! The password lives only in a signal of the shared state; it is cleared
//! after every request and whenever the user leaves the credentials step, and
//! it is never part of the saved draft (see [`super::draft`]).

mod credentials;
mod domain;
mod done;
mod review;
mod steps;
mod submit;

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rewards_core::api::TenantsResponse;

use super::draft::{self, Draft, Pending, Step};
use super::{use_can_manage_tenants, ManagersNotice};
use crate::api::{endpoints, ApiError};
use crate::components::focus::{focus_by_id, next_frame_unless_focus_moved};
use crate::components::form::FormErrors;
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;

use credentials::CredentialsStep;
use domain::DomainStep;
use done::DoneStep;
use review::ReviewStep;
use steps::StepIndicator;

#[component]
pub fn AssociateTenantPage() -> impl IntoView {
    let i18n = use_i18n();
    let can_manage = use_can_manage_tenants();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, tenants.associate.title))
            intro=Signal::derive(move || t_string!(i18n, tenants.associate.intro))
        />
        {move || if can_manage.get() {
            view! { <Wizard /> }.into_any()
        } else {
            view! {
                <ManagersNotice />
                <p><A href=paths::TENANTS>{t!(i18n, tenants.done.back_to_list)}</A></p>
            }.into_any()
        }}
    }
}

/// Everything the steps share.
#[derive(Clone, Copy)]
struct WizardState {
    step: RwSignal<Step>,
    domain: RwSignal<String>,
    username: RwSignal<String>,
    /// Only ever in this signal; emptied after each request and on leaving step 2.
    password: RwSignal<String>,
    pending: RwSignal<Option<Pending>>,
    /// The tenant list as last loaded: its version guards the confirmation.
    tenants: RwSignal<Option<TenantsResponse>>,
    domain_errors: FormErrors,
    credential_errors: FormErrors,
    cancel: Callback<()>,
}

impl WizardState {
    /// Moves to `step`; the password does not outlive the credentials step.
    fn go(&self, step: Step) {
        if step != Step::Credentials {
            self.password.set(String::new());
        }
        self.step.set(step);
    }
}

/// Loads the tenant list (for its version and the domains already associated).
async fn load_tenants(state: WizardState) -> Result<TenantsResponse, ApiError> {
    let result = endpoints::tenants().await;
    if let Ok(list) = &result {
        state.tenants.set(Some(list.clone()));
    }
    result
}

#[component]
fn Wizard() -> impl IntoView {
    let navigate = use_navigate();
    let initial = draft::load().unwrap_or_default();
    let password = RwSignal::new(String::new());
    let state = WizardState {
        step: RwSignal::new(initial.step),
        domain: RwSignal::new(initial.domain),
        username: RwSignal::new(initial.username),
        password,
        pending: RwSignal::new(initial.pending),
        tenants: RwSignal::new(None),
        domain_errors: FormErrors::new(),
        credential_errors: FormErrors::new(),
        cancel: Callback::new(move |_| {
            password.set(String::new());
            draft::clear();
            navigate(paths::TENANTS, Default::default());
        }),
    };
    spawn_local(async move {
        let _ = load_tenants(state).await;
    });

    // Keep the resumable part of the wizard (never the password) for a reload.
    Effect::new(move |_| {
        let draft = Draft {
            step: state.step.get(),
            domain: state.domain.get(),
            username: state.username.get(),
            pending: state.pending.get(),
        };
        if draft.step == Step::Done {
            draft::clear();
        } else {
            draft::save(&draft);
        }
    });

    // When the step changes, its heading (or its error summary) takes focus.
    Effect::new(move |previous: Option<Step>| {
        let step = state.step.get();
        if previous.is_some_and(|p| p != step) {
            next_frame_unless_focus_moved(move || {
                let summary_shown = match step {
                    Step::Domain => state.domain_errors.has_errors(),
                    Step::Credentials => state.credential_errors.has_errors(),
                    _ => false,
                };
                if !summary_shown {
                    focus_by_id(step.heading_id());
                }
            });
        }
        step
    });

    view! {
        <div class="wizard">
            <StepIndicator current=state.step />
            {move || match state.step.get() {
                Step::Domain => view! { <DomainStep state /> }.into_any(),
                Step::Credentials => view! { <CredentialsStep state /> }.into_any(),
                Step::Review => match state.pending.get() {
                    Some(pending) => view! { <ReviewStep state pending /> }.into_any(),
                    // Nothing to review: the credentials are needed (again).
                    None => view! { <CredentialsStep state /> }.into_any(),
                },
                Step::Done => view! { <DoneStep state /> }.into_any(),
            }}
        </div>
    }
}
