//! Rewards overview (`/`): eligibility, tier and billed sales with progress to
//! the next tier, the get-started checklist, offers by publisher profile,
//! benefit counts by status and activations still waiting for the Rewards
//! team. When the signed-in tenant is not associated with the company's
//! account, the programme is hidden and the page explains why instead.

mod hidden;
mod labels;
mod sections;

use leptos::prelude::*;
use rewards_core::api::{problem_codes, RewardsOverview};

use crate::api::{shared, ApiError};
use crate::components::async_view::AsyncView;
use crate::components::page::PageHeader;
use crate::components::render_later::RenderLater;
use crate::i18n::{t_string, use_i18n};
use crate::session::use_session;

use hidden::HiddenProgramme;
use sections::{
    Checklist, EligibilityCard, ExpiringSoon, FollowUps, NextSteps, NextTierUnlocks,
    OffersByProfile, OverdueActivations, StatusCounts, TierCard, UsersTier,
};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let session = use_session();
    let visible = Memo::new(move |_| session.with_me(|me| me.programme_visible).unwrap_or(false));
    move || {
        if visible.get() {
            view! { <VisibleOverview /> }.into_any()
        } else {
            view! { <HiddenProgramme /> }.into_any()
        }
    }
}

#[component]
fn VisibleOverview() -> impl IntoView {
    let i18n = use_i18n();
    // An answer already in (a page load's prefetch) is shown in this render.
    let content = match shared::overview_ready() {
        Some(data) => view! { <OverviewContent data /> }.into_any(),
        None => view! {
            <AsyncView resource=overview_resource() children=move |data: RewardsOverview| view! { <OverviewContent data /> } />
        }
        .into_any(),
    };
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, overview.title))
            intro=Signal::derive(move || t_string!(i18n, overview.intro))
        />
        {content}
    }
}

/// The overview as a resource; a session that ended or a programme hidden since sign-in sends
/// the visitor where the session now says.
fn overview_resource() -> LocalResource<Result<RewardsOverview, ApiError>> {
    let session = use_session();
    LocalResource::new(move || async move {
        let result = shared::overview().await;
        if let Err(error) = &result {
            if error.is_unauthenticated() {
                session.expired();
            } else if error.code() == Some(problem_codes::PROGRAMME_HIDDEN) {
                // The tenant association changed since sign-in: ask again.
                session.refresh();
            }
        }
        result
    })
}

#[component]
fn OverviewContent(data: RewardsOverview) -> impl IntoView {
    let RewardsOverview {
        eligibility,
        tier,
        billed_sales_ttm_cents,
        next_tier,
        publisher_profiles,
        status_counts,
        overdue_activations,
        checklist,
        expiring_soon,
        follow_ups,
        users_tier,
        ..
    } = data;
    view! {
        <div class="overview">
            {(!overdue_activations.is_empty())
                .then(|| view! { <OverdueActivations items=overdue_activations /> })}
            {(!follow_ups.is_empty()).then(|| view! { <FollowUps items=follow_ups /> })}
            {(!expiring_soon.is_empty()).then(|| view! { <ExpiringSoon items=expiring_soon /> })}
            <div class="overview__grid">
                <EligibilityCard eligibility />
                <TierCard tier billed_sales_cents=billed_sales_ttm_cents next_tier=next_tier.clone() />
                // Below the first screen on a phone: a task each (see RenderLater).
                <RenderLater>
                    {next_tier.clone().map(|next| view! { <NextTierUnlocks next /> })}
                </RenderLater>
                <RenderLater>
                    <Checklist facts=checklist />
                </RenderLater>
                <RenderLater>
                    {users_tier.map(|summary| view! { <UsersTier summary /> })}
                </RenderLater>
                <RenderLater>
                    <StatusCounts counts=status_counts.clone() />
                    <NextSteps />
                </RenderLater>
            </div>
            <RenderLater>
                <OffersByProfile profiles=publisher_profiles.clone() />
            </RenderLater>
        </div>
    }
}
