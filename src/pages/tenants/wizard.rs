//! `/settings/tenants/associate`: domain → credentials → review → done.
//!
//! The password lives only in a signal of the credentials step; it is cleared
//! after every request and whenever the user leaves that step, and it is never
//! part of the saved draft (see [`super::draft`]).

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rewards_core::api::{problem_codes, TenantAssociationRequest, TenantsResponse};
use rewards_core::validate::{validate_tenant_credentials, validate_tenant_domain};

use super::draft::{self, Draft, Pending, Step};
use super::{use_can_manage_tenants, ManagersNotice};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::app::paths;
use crate::components::async_view::error_sentence;
use crate::components::focus::focus_by_id;
use crate::components::form::{ErrorSummary, FormErrors, SubmitButton, TextField};
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

const DOMAIN_ID: &str = "tenant-domain";
const USERNAME_ID: &str = "tenant-username";
const PASSWORD_ID: &str = "tenant-password";

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
            request_animation_frame(move || {
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

fn step_name(i18n: crate::i18n::I18n, step: Step) -> &'static str {
    match step {
        Step::Domain => t_string!(i18n, tenants.steps.domain),
        Step::Credentials => t_string!(i18n, tenants.steps.credentials),
        Step::Review => t_string!(i18n, tenants.steps.review),
        Step::Done => t_string!(i18n, tenants.steps.done),
    }
}

/// An ordered list of the steps; the current one has `aria-current="step"`,
/// and each says in words whether it is done, current or still to come.
#[component]
fn StepIndicator(current: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let items = Step::ALL
        .into_iter()
        .map(|step| {
            // Reaching "done" completes every step, the last one included.
            let status = move || {
                let current = current.get();
                if current == Step::Done {
                    std::cmp::Ordering::Greater
                } else {
                    current.number().cmp(&step.number())
                }
            };
            view! {
                <li
                    class="steps__item"
                    class:steps__item--done=move || status().is_gt()
                    class:steps__item--current=move || status().is_eq()
                    class:steps__item--upcoming=move || status().is_lt()
                    aria-current=move || (current.get() == step).then_some("step")
                >
                    <span class="steps__number" aria-hidden="true">{step.number()}</span>
                    <span class="steps__text">
                        <span class="steps__name">{move || step_name(i18n, step)}</span>
                        <span class="steps__state">
                            {move || match status() {
                                std::cmp::Ordering::Greater => t_string!(i18n, tenants.steps.state_done),
                                std::cmp::Ordering::Equal => t_string!(i18n, tenants.steps.state_current),
                                std::cmp::Ordering::Less => t_string!(i18n, tenants.steps.state_upcoming),
                            }}
                        </span>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="steps" aria-label=move || t_string!(i18n, tenants.steps.label)>
            <ol class="steps__list">{items}</ol>
        </nav>
    }
}

/// The step's `<h2>`: "Step n of 4" and the step's name; focus target.
#[component]
fn StepHeading(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 class="wizard__heading" id=step.heading_id() tabindex="-1">
            <span class="wizard__count">
                {t!(i18n, tenants.steps.count, n = move || step.number(), total = || Step::ALL.len())}
            </span>
            " "
            <span>{move || step_name(i18n, step)}</span>
        </h2>
    }
}

#[component]
fn DomainStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let errors = state.domain_errors;
    let field = move |name: &str| {
        (name == "domain").then(|| {
            (
                DOMAIN_ID.to_owned(),
                t_string!(i18n, tenants.domain.label).to_owned(),
            )
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_tenant_domain(&state.domain.get_untracked()) {
            Err(field_errors) => errors.show(&field_errors, field),
            Ok(domain) => {
                let known = state.tenants.with_untracked(|t| {
                    t.as_ref()
                        .is_some_and(|t| t.tenants.iter().any(|a| a.domain == domain))
                });
                if known {
                    errors.show_form_message(
                        DOMAIN_ID,
                        t_string!(i18n, tenants.domain.label).to_owned(),
                        t_string!(i18n, tenants.domain.already).to_owned(),
                    );
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

#[component]
fn CredentialsStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let errors = state.credential_errors;
    let busy = RwSignal::new(false);
    // Set when the tenant rejected the credentials: the password field asks
    // for the password again (the summary and the user name say what failed).
    let rejected = RwSignal::new(false);
    // The key of a submission that got no answer (network), reused if the
    // same domain and user name are submitted again; otherwise each
    // submission is a new intent with a new key.
    let unanswered = StoredValue::new(None::<(String, String, IdempotencyKey)>);
    let username_label = move || t_string!(i18n, tenants.credentials.username).to_owned();
    let password_label = move || t_string!(i18n, tenants.credentials.password).to_owned();
    let field = move |name: &str| match name {
        "username" => Some((USERNAME_ID.to_owned(), username_label())),
        "password" => Some((PASSWORD_ID.to_owned(), password_label())),
        _ => None,
    };
    let username_error = errors.for_field(USERNAME_ID);
    let password_error = {
        let own = errors.for_field(PASSWORD_ID);
        Signal::derive(move || {
            own.get().or_else(|| {
                rejected
                    .get()
                    .then(|| t_string!(i18n, tenants.credentials.reenter).to_owned())
            })
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        rejected.set(false);
        let domain = state.domain.get_untracked();
        let username = state.username.get_untracked();
        let credentials = state
            .password
            .with_untracked(|password| validate_tenant_credentials(&username, password));
        let credentials = match credentials {
            Ok(credentials) => credentials,
            Err(field_errors) => {
                errors.show(&field_errors, field);
                return;
            }
        };
        let key = match unanswered.get_value() {
            Some((d, u, key)) if d == domain && u == credentials.username => key,
            _ => IdempotencyKey::new(),
        };
        unanswered.set_value(None);
        let body = TenantAssociationRequest {
            domain: domain.clone(),
            username: credentials.username,
            password: credentials.password,
        };
        busy.set(true);
        spawn_local(async move {
            let result = endpoints::associate_tenant(&body, &key).await;
            let username = body.username.clone();
            drop(body);
            state.password.set(String::new());
            busy.set(false);
            match result {
                Ok(pending) => {
                    errors.clear();
                    state.pending.set(Some(Pending {
                        association_id: pending.association_id,
                        organisation: pending.organisation,
                        domain: pending.domain,
                    }));
                    state.go(Step::Review);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => match error.code() {
                    Some(problem_codes::TENANT_CREDENTIALS_INVALID) => {
                        rejected.set(true);
                        errors.show_form_message(
                            USERNAME_ID,
                            username_label(),
                            t_string!(i18n, tenants.credentials.invalid).to_owned(),
                        );
                    }
                    Some(problem_codes::TOO_MANY_ATTEMPTS) => errors.show_form_message(
                        PASSWORD_ID,
                        password_label(),
                        t_string!(i18n, tenants.credentials.too_many).to_owned(),
                    ),
                    Some(problem_codes::TENANT_ALREADY_ASSOCIATED) => {
                        state.domain_errors.show_form_message(
                            DOMAIN_ID,
                            t_string!(i18n, tenants.domain.label).to_owned(),
                            t_string!(i18n, tenants.domain.already).to_owned(),
                        );
                        errors.clear();
                        state.go(Step::Domain);
                    }
                    _ if error.field_errors().iter().any(|e| e.field == "domain") => {
                        state.domain_errors.show(error.field_errors(), |name| {
                            (name == "domain").then(|| {
                                (
                                    DOMAIN_ID.to_owned(),
                                    t_string!(i18n, tenants.domain.label).to_owned(),
                                )
                            })
                        });
                        errors.clear();
                        state.go(Step::Domain);
                    }
                    _ if !error.field_errors().is_empty() => {
                        errors.show(error.field_errors(), field)
                    }
                    _ => {
                        // No answer (or a busy server): the same attempt may be sent again.
                        if error.is_unanswered() || matches!(error, ApiError::Busy { .. }) {
                            unanswered.set_value(Some((domain, username, key)));
                        }
                        errors.show_form_message(
                            USERNAME_ID,
                            t_string!(i18n, tenants.steps.credentials).to_owned(),
                            error_sentence(i18n, &error),
                        );
                    }
                },
            }
        });
    };
    let back = move |_| {
        errors.clear();
        state.go(Step::Domain);
    };
    let domain = move || state.domain.get();

    view! {
        // POST, so that even without script the password could never end up in the URL.
        <form class="form wizard__form" method="post" novalidate on:submit=on_submit aria-labelledby=Step::Credentials.heading_id()>
            <StepHeading step=Step::Credentials />
            <ErrorSummary errors />
            <p>
                {t!(i18n, tenants.credentials.intro, domain = domain)}
            </p>
            <TextField
                id=USERNAME_ID
                label=Signal::derive(move || t_string!(i18n, tenants.credentials.username))
                hint=Signal::derive(move || t_string!(i18n, tenants.credentials.username_hint))
                value=state.username
                error=username_error
                input_type="email"
                autocomplete="username"
            />
            <TextField
                id=PASSWORD_ID
                label=Signal::derive(move || t_string!(i18n, tenants.credentials.password))
                value=state.password
                error=password_error
                input_type="password"
                autocomplete="current-password"
            />
            <div class="button-row">
                <SubmitButton label=Signal::derive(move || t_string!(i18n, tenants.credentials.submit)) busy />
                <button type="button" class="button" on:click=back disabled=move || busy.get()>
                    {t!(i18n, common.form.back)}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| state.cancel.run(()) disabled=move || busy.get()>
                    {t!(i18n, common.form.cancel)}
                </button>
            </div>
        </form>
    }
}

/// What stopped a confirmation.
#[derive(Debug, Clone, PartialEq)]
enum ConfirmProblem {
    /// The tenant list changed since it was loaded (412).
    Changed,
    /// The pending association expired or is unknown: credentials again.
    Expired,
    Already,
    Other(ApiError),
}

#[component]
fn ReviewStep(state: WizardState, pending: Pending) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // One key for this confirmation, reused for its retries.
    let key = StoredValue::new(IdempotencyKey::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<ConfirmProblem>);
    let association_id = StoredValue::new(pending.association_id.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let id = association_id.get_value();
        let key = key.get_value();
        spawn_local(async move {
            let version = match state
                .tenants
                .with_untracked(|t| t.as_ref().map(|t| t.version))
            {
                Some(version) => Ok(version),
                None => load_tenants(state).await.map(|t| t.version),
            };
            let result = match version {
                Ok(version) => endpoints::confirm_tenant(&id, version, &key).await,
                Err(error) => Err(error),
            };
            busy.set(false);
            match result {
                Ok(list) => {
                    state.tenants.set(Some(list));
                    state.go(Step::Done);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => problem.set(Some(match error.code() {
                    Some(problem_codes::TENANT_ASSOCIATION_EXPIRED) => ConfirmProblem::Expired,
                    Some(problem_codes::TENANT_ALREADY_ASSOCIATED) => ConfirmProblem::Already,
                    _ if error.status() == Some(404) => ConfirmProblem::Expired,
                    _ if error.is_version_conflict() => ConfirmProblem::Changed,
                    _ => ConfirmProblem::Other(error),
                })),
            }
        });
    };
    let reload = move |_| {
        problem.set(None);
        spawn_local(async move {
            if let Err(error) = load_tenants(state).await {
                problem.set(Some(ConfirmProblem::Other(error)));
            }
        });
    };
    let again = move |_| {
        state.go(Step::Credentials);
        state.pending.set(None);
    };
    let back = move |_| {
        state.go(Step::Credentials);
        state.pending.set(None);
    };

    view! {
        <form class="form wizard__form" novalidate on:submit=on_submit aria-labelledby=Step::Review.heading_id()>
            <StepHeading step=Step::Review />
            <p>{t!(i18n, tenants.review.intro)}</p>
            <dl class="tenants-review">
                <div class="tenants-review__row">
                    <dt>{t!(i18n, tenants.review.organisation)}</dt>
                    <dd>{pending.organisation.clone()}</dd>
                </div>
                <div class="tenants-review__row">
                    <dt>{t!(i18n, tenants.review.domain)}</dt>
                    <dd>{pending.domain.clone()}</dd>
                </div>
            </dl>
            {move || problem.get().map(|p| match p {
                ConfirmProblem::Changed => view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, tenants.review.conflict)}</p>
                        <button type="button" class="button" on:click=reload>{t!(i18n, common.status.reload)}</button>
                    </div>
                }.into_any(),
                ConfirmProblem::Expired => view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, tenants.review.expired)}</p>
                        <button type="button" class="button" on:click=again>{t!(i18n, tenants.review.again)}</button>
                    </div>
                }.into_any(),
                ConfirmProblem::Already => view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, tenants.domain.already)}</p>
                        <p><A href=paths::TENANTS>{t!(i18n, tenants.done.back_to_list)}</A></p>
                    </div>
                }.into_any(),
                ConfirmProblem::Other(error) => view! {
                    <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
                }.into_any(),
            })}
            <div class="button-row">
                <SubmitButton label=Signal::derive(move || t_string!(i18n, tenants.review.confirm)) busy />
                <button type="button" class="button" on:click=back disabled=move || busy.get()>
                    {t!(i18n, common.form.back)}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| state.cancel.run(()) disabled=move || busy.get()>
                    {t!(i18n, common.form.cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn DoneStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let (organisation, domain) = state
        .pending
        .get_untracked()
        .map(|p| (p.organisation, p.domain))
        .unwrap_or_else(|| (String::new(), state.domain.get_untracked()));
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match session.sign_out().await {
                Ok(()) => navigate(paths::OVERVIEW, Default::default()),
                Err(error) => {
                    busy.set(false);
                    failed.set(Some(error));
                }
            }
        });
    };
    view! {
        <section class="wizard__form" aria-labelledby=Step::Done.heading_id()>
            <StepHeading step=Step::Done />
            <p class="notice notice--success" role="status">
                {t!(i18n, tenants.done.body, organisation = move || organisation.clone(), domain = move || domain.clone())}
            </p>
            <p>{t!(i18n, tenants.done.instruction)}</p>
            {move || failed.get().map(|error| view! {
                <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
            })}
            <div class="button-row">
                <button
                    type="button"
                    class="button button--primary"
                    on:click=sign_out
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                >
                    {t!(i18n, common.session.sign_out)}
                </button>
                <A href=paths::TENANTS attr:class="button">{t!(i18n, tenants.done.back_to_list)}</A>
            </div>
        </section>
    }
}
