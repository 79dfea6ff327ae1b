//! The request form: validated on submit with the domain core (the same
//! code the server runs), one idempotency key per submission intent, and the
//! unsent draft kept on this device.
//!
//! `fields` (ids, wire names, signals, draft), `input` (what the entries become),
//! `submit` (sending and the answers), `inputs` and `choices` (the view).

mod choices;
mod fields;
mod input;
mod inputs;
mod submit;

use leptos::prelude::*;
use rewards_core::api::TechnicalRequestResponse;

use crate::components::focus::focus_by_id;
use crate::components::form::{ErrorSummary, SubmitButton};
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;
use fields::{defaults, with_defaults, DraftStore, Fields, PHASE_ID, SUBMIT_ID};
#[cfg(all(test, target_arch = "wasm32"))]
pub use input::{other_products, request_input, route_product_errors};
use inputs::RequestInputs;
use submit::{use_request_submit, Outcomes};

#[component]
pub fn RequestForm(
    /// False for read-only roles: the form shows, submitting does not.
    #[prop(into)]
    can_submit: Signal<bool>,
    /// Called with the server's answer once the request is filed.
    on_submitted: Callback<TechnicalRequestResponse>,
    /// Called when an earlier attempt turns out to have gone through.
    on_refresh_list: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user_id = session.with_me(|me| me.user.id.clone()).unwrap_or_default();
    let (store, restored) = DraftStore::load(user_id);
    let draft_restored = RwSignal::new(restored.is_some());
    let initial = match restored {
        Some(restored) => with_defaults(restored, i18n),
        None => defaults(i18n),
    };
    let fields = Fields::new(initial);

    // Keep the draft on this device as it is typed.
    Effect::new(move |_| store.save(fields.draft()));

    let outcomes = Outcomes {
        on_submitted,
        on_refresh_list,
    };
    let (submit, on_submit) = use_request_submit(fields, store, can_submit, outcomes);
    let errors = submit.errors;

    let discard = move |_| {
        fields.restore(defaults(i18n));
        errors.clear();
        store.clear();
        draft_restored.set(false);
        focus_by_id(PHASE_ID);
    };
    view! {
        <form class="form tr-form" novalidate on:submit=on_submit aria-labelledby="tr-form-title">
            <h2 id="tr-form-title" tabindex="-1">{t!(i18n, technical.form.heading)}</h2>
            <ErrorSummary errors />
            {move || (!can_submit.get()).then(|| {
                view! {
                    <div class="notice notice--warning" id="tr-read-only">
                        <p>
                            {t!(i18n, technical.form.read_only)} " "
                            <PeopleWhoCanAct acting=Acting::Rewards />
                        </p>
                    </div>
                }
            })}
            <p class="tr-form__draft-note">{t!(i18n, technical.form.draft_note)}</p>
            {move || draft_restored.get().then(|| view! {
                <div class="notice tr-form__restored">
                    <p>{t!(i18n, technical.form.draft_restored)}</p>
                    <button type="button" class="button button--quiet" on:click=discard>
                        {t!(i18n, technical.form.discard_draft)}
                    </button>
                </div>
            })}
            <RequestInputs fields errors />
            <div class="button-row">
                <SubmitButton
                    id=SUBMIT_ID
                    label=Signal::derive(move || t_string!(i18n, technical.form.submit))
                    busy=submit.busy
                    disabled=Signal::derive(move || !can_submit.get())
                    disabled_reason="tr-read-only"
                />
            </div>
        </form>
    }
}
