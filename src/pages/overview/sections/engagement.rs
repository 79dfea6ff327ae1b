//! The Rewards team's engagement for one List or Trial offer: a switch
//! (WAI-ARIA switch pattern) for the roles that manage rewards, the plain
//! state for everyone else. Each change is sent at once with its own
//! idempotency key; the result is announced politely.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::OfferEngagementRequest;

use crate::api::{endpoints, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

#[component]
pub fn Engagement(offer_id: String, offer_name: String, opted_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Read once: a role does not change within a session, and tracking it would re-render
    // this switch while signing out tears the page down (its signals already disposed).
    let can_manage = untrack(move || session.with_me(|me| me.can_manage_rewards)).unwrap_or(false);
    let on = RwSignal::new(opted_in);
    let busy = RwSignal::new(false);
    // The choice just saved, for the announcement.
    let message = RwSignal::new(None::<bool>);
    let failed = RwSignal::new(None::<String>);
    let state_text = move || {
        if on.get() {
            t_string!(i18n, timeline.engagement.on)
        } else {
            t_string!(i18n, timeline.engagement.off)
        }
    };
    let label_name = StoredValue::new(offer_name);
    let label_id = format!("offer-{offer_id}-engagement");
    let name_id = format!("offer-{offer_id}-engagement-offer");
    let labelled_by = format!("{label_id} {name_id}");
    let id = StoredValue::new(offer_id);
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        let wanted = !on.get_untracked();
        busy.set(true);
        failed.set(None);
        let id = id.get_value();
        spawn_local(async move {
            let key = IdempotencyKey::new();
            let body = OfferEngagementRequest { opted_in: wanted };
            match endpoints::set_offer_engagement(&id, &body, &key).await {
                Ok(answer) => {
                    let now = answer.engagement_opted_in.unwrap_or(wanted);
                    on.set(now);
                    message.set(Some(now));
                }
                Err(error) => {
                    if error.is_unauthenticated() {
                        session.expired();
                    }
                    failed.set(Some(format!(
                        "{} {}",
                        t_string!(i18n, timeline.engagement.error),
                        error_sentence(i18n, &error)
                    )));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div>
            <dt id=label_id>{t!(i18n, timeline.engagement.label)}</dt>
            <dd class="offer__engagement">
                {if can_manage {
                    view! {
                        <button
                            type="button"
                            class="switch"
                            role="switch"
                            aria-checked=move || if on.get() { "true" } else { "false" }
                            aria-labelledby=labelled_by.clone()
                            aria-busy=move || busy.get().then_some("true")
                            on:click=toggle
                        >
                            <span class="switch__track" aria-hidden="true"><span class="switch__thumb"></span></span>
                            <span class="switch__text" aria-hidden="true">{state_text}</span>
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <span>{state_text}</span> }.into_any()
                }}
                <span class="visually-hidden" id=name_id>{label_name.get_value()}</span>
                <span class="offer__engagement-status" role="status">
                    {move || message.get().map(|now| {
                        let offer = label_name.get_value();
                        if now {
                            t!(i18n, timeline.engagement.saved_on, offer).into_any()
                        } else {
                            t!(i18n, timeline.engagement.saved_off, offer).into_any()
                        }
                    })}
                </span>
                {move || failed.get().map(|text| view! { <span class="field__error" role="alert">{text}</span> })}
            </dd>
        </div>
    }
}
