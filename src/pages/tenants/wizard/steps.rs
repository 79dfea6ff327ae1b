//! What every step shows around its form: the progress list, the heading and the buttons.

use leptos::prelude::*;

use super::super::draft::Step;
use super::WizardState;
use crate::components::form::SubmitButton;
use crate::i18n::{t, t_string, use_i18n, I18n};

fn step_name(i18n: I18n, step: Step) -> &'static str {
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
pub(super) fn StepIndicator(current: RwSignal<Step>) -> impl IntoView {
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
pub(super) fn StepHeading(step: Step) -> impl IntoView {
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

/// A step's buttons: its submit, Back and Cancel; Back and Cancel wait while the step's request
/// is on its way.
#[component]
pub(super) fn StepButtons(
    state: WizardState,
    #[prop(into)] submit_label: Signal<&'static str>,
    #[prop(into)] busy: Signal<bool>,
    back: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="button-row">
            <SubmitButton label=submit_label busy />
            <button type="button" class="button" on:click=back disabled=move || busy.get()>
                {t!(i18n, common.form.back)}
            </button>
            <button type="button" class="button button--quiet" on:click=move |_| state.cancel.run(()) disabled=move || busy.get()>
                {t!(i18n, common.form.cancel)}
            </button>
        </div>
    }
}
