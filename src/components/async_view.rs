//! Loading, error-with-retry and empty states for every data view.

use leptos::prelude::*;

use rewards_core::api::problem_codes;

use crate::api::ApiError;
use crate::i18n::{format, t, t_string, use_i18n};

/// Shows `children` with the loaded value, a loading status while it loads,
/// and the error with a retry button when it failed.
#[component]
pub fn AsyncView<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    children: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let children = std::sync::Arc::new(children);
    view! {
        <Transition fallback=move || view! { <Loading /> }>
            {move || {
                let children = children.clone();
                resource.get().map(move |result| match result {
                    Ok(value) => children(value).into_any(),
                    Err(error) => view! {
                        <ErrorNotice error on_retry=move || resource.refetch() />
                    }.into_any(),
                })
            }}
        </Transition>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="status status--loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {t!(i18n, common.status.loading)}
        </p>
    }
}

/// The localized sentence for an error that has no field to land on.
pub fn error_sentence(i18n: crate::i18n::I18n, error: &ApiError) -> String {
    let sentence = match error {
        ApiError::Network => t_string!(i18n, common.status.network_error),
        ApiError::Offline => t_string!(i18n, resilience.errors.offline),
        ApiError::Timeout => t_string!(i18n, resilience.errors.timeout),
        ApiError::Busy {
            retry_after_seconds: Some(seconds),
            ..
        } => {
            // Two halves around the wait: no interpolation needed in t_string.
            return format!(
                "{}{}{}",
                t_string!(i18n, resilience.errors.busy_wait_before),
                format::seconds(i18n.get_locale_untracked(), *seconds),
                t_string!(i18n, resilience.errors.busy_wait_after)
            );
        }
        ApiError::Busy { .. } => t_string!(i18n, resilience.errors.busy),
        e if e.is_unauthenticated() => t_string!(i18n, common.status.session_expired),
        e if e.status() == Some(403) => t_string!(i18n, common.status.not_allowed),
        e if e.is_version_conflict() => t_string!(i18n, common.status.conflict),
        e if e.code() == Some(problem_codes::IDEMPOTENCY_IN_PROGRESS) => {
            t_string!(i18n, resilience.errors.in_progress)
        }
        e if e.status() == Some(422) => t_string!(i18n, resilience.errors.unprocessable),
        _ => t_string!(i18n, common.status.server_error),
    };
    sentence.to_owned()
}

#[component]
pub fn ErrorNotice(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error" role="alert">
            <p>{move || error_sentence(i18n, &error)}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    {t!(i18n, common.status.retry)}
                </button>
            })}
        </div>
    }
}
