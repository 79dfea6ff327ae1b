//! The cards of the Rewards overview.

use crate::components::link::A;
use leptos::prelude::*;
use rewards_core::api::{
    ChecklistFacts, EligibilitySummary, NextTierSummary, OfferOverview, OverdueActivation,
    PublisherProfileOverview, StatusCount,
};
use rewards_core::model::{BenefitStatus, Quantity, Visibility};
use rewards_core::tier::Tier;

use super::labels;
use crate::api::endpoints::wire_name;
use crate::app::paths;
use crate::i18n::{format, t, t_string, use_i18n};
use crate::session::use_session;

/// Link to the Sales and marketing tab filtered by a status.
fn benefits_with_status(status: BenefitStatus) -> String {
    format!("{}?status={}", paths::SALES_MARKETING, wire_name(&status))
}

#[component]
pub fn EligibilityCard(eligibility: EligibilitySummary) -> impl IntoView {
    let i18n = use_i18n();
    let body = if eligibility.eligible {
        view! {
            <p class="overview-state overview-state--good">
                <span class="overview-state__mark" aria-hidden="true">"✓"</span>
                {t!(i18n, overview.eligibility.eligible)}
            </p>
            <p>{t!(i18n, overview.eligibility.eligible_body)}</p>
        }
        .into_any()
    } else {
        let reasons = eligibility.reasons;
        view! {
            <p class="overview-state overview-state--warn">
                <span class="overview-state__mark" aria-hidden="true">"!"</span>
                {t!(i18n, overview.eligibility.not_eligible)}
            </p>
            <p>{t!(i18n, overview.eligibility.not_eligible_body)}</p>
            <ul>
                {reasons
                    .into_iter()
                    .map(|reason| view! { <li>{move || labels::reason(i18n, reason)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let session = use_session();
    let company = move || {
        session
            .with_me(|me| me.company.name.clone())
            .unwrap_or_default()
    };
    let partner_id = move || {
        session
            .with_me(|me| me.company.partner_id.clone())
            .flatten()
            .unwrap_or_else(|| t_string!(i18n, overview.eligibility.partner_id_missing).to_owned())
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-eligibility">
            <h2 id="overview-eligibility">{t!(i18n, overview.eligibility.heading)}</h2>
            {body}
            <dl class="overview-facts">
                <div>
                    <dt>{t!(i18n, overview.eligibility.company)}</dt>
                    <dd>{company}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.eligibility.partner_id)}</dt>
                    <dd>{partner_id}</dd>
                </div>
            </dl>
        </section>
    }
}

#[component]
pub fn TierCard(
    tier: Option<Tier>,
    billed_sales_cents: i64,
    next_tier: Option<NextTierSummary>,
) -> impl IntoView {
    let i18n = use_i18n();
    let progress = match next_tier {
        Some(next) => {
            let next_tier = next.tier;
            let threshold = next.threshold_cents;
            let shortfall = next.shortfall_cents;
            let basis_points = next.progress_basis_points.min(10_000);
            let next_name = move || labels::tier_name(i18n, next_tier);
            let sales_text = move || format::money(i18n.get_locale(), billed_sales_cents);
            let threshold_text = move || format::money(i18n.get_locale(), threshold);
            let shortfall_text = move || format::money(i18n.get_locale(), shortfall);
            view! {
                <div class="overview-progress">
                    <label class="overview-progress__label" for="overview-progress">
                        {t!(i18n, overview.tier.progress_label, tier = next_name)}
                    </label>
                    <progress
                        id="overview-progress"
                        class="overview-progress__bar"
                        max="10000"
                        value=basis_points.to_string()
                        aria-describedby="overview-progress-value overview-shortfall"
                    >
                        {move || format::percent(i18n.get_locale(), f64::from(basis_points) / 10_000.0)}
                    </progress>
                    <p class="overview-progress__value" id="overview-progress-value">
                        {t!(i18n, overview.tier.progress_value, sales = sales_text, threshold = threshold_text)}
                    </p>
                    <p class="overview-shortfall" id="overview-shortfall" data-testid="overview-shortfall">
                        {t!(i18n, overview.tier.shortfall, amount = shortfall_text, tier = next_name)}
                    </p>
                </div>
            }
            .into_any()
        }
        None if tier.is_some() => view! { <p>{t!(i18n, overview.tier.top_tier)}</p> }.into_any(),
        None => view! { <p>{t!(i18n, overview.tier.no_next)}</p> }.into_any(),
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-tier">
            <h2 id="overview-tier">{t!(i18n, overview.tier.heading)}</h2>
            <dl class="overview-figures">
                <div class="overview-figures__item">
                    <dt>{t!(i18n, overview.tier.current)}</dt>
                    <dd class="overview-figures__value" data-testid="overview-tier">
                        {move || match tier {
                            Some(tier) => labels::tier_name(i18n, tier),
                            None => t_string!(i18n, overview.tier.none).to_owned(),
                        }}
                    </dd>
                </div>
                <div class="overview-figures__item">
                    <dt>{t!(i18n, overview.tier.billed_sales)}</dt>
                    <dd class="overview-figures__value" data-testid="overview-sales">
                        {move || format::money(i18n.get_locale(), billed_sales_cents)}
                    </dd>
                </div>
            </dl>
            {progress}
        </section>
    }
}

#[component]
pub fn NextTierUnlocks(next: NextTierSummary) -> impl IntoView {
    let i18n = use_i18n();
    let tier = next.tier;
    let unlocks = next.unlocks;
    let list = if unlocks.is_empty() {
        view! { <p>{t!(i18n, overview.unlocks.empty)}</p> }.into_any()
    } else {
        view! {
            <p>{t!(i18n, overview.unlocks.intro)}</p>
            <ul class="overview-unlocks">
                {unlocks
                    .into_iter()
                    .map(|unlock| {
                        let key = unlock.key;
                        let category = unlock.category;
                        let quantity = unlock.quantity;
                        view! {
                            <li class="overview-unlocks__item">
                                <span class="overview-unlocks__name">
                                    {move || labels::benefit_name(i18n, &key)}
                                </span>
                                <span class="overview-unlocks__meta">
                                    {move || labels::category(i18n, category)}
                                    {quantity_view(i18n, quantity)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-unlocks">
            <h2 id="overview-unlocks">
                {t!(i18n, overview.unlocks.heading, tier = move || labels::tier_name(i18n, tier))}
            </h2>
            {list}
        </section>
    }
}

fn quantity_view(i18n: crate::i18n::I18n, quantity: Quantity) -> Option<AnyView> {
    let text = match quantity {
        Quantity::Usd { cents } => {
            view! { {move || format::money(i18n.get_locale(), cents)} }.into_any()
        }
        Quantity::Count { n, .. } => {
            let count = move || format::number(i18n.get_locale(), i64::from(n));
            t!(i18n, overview.unlocks.quantity_count, count = count).into_any()
        }
        Quantity::Unlimited { .. } => t!(i18n, overview.unlocks.quantity_unlimited).into_any(),
        Quantity::Included => return None,
    };
    Some(view! { " · " {text} }.into_any())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    OfferLive,
    BenefitsViewed,
    ContactAssigned,
    BenefitActivated,
}

#[component]
pub fn Checklist(facts: ChecklistFacts) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let steps = [
        (Step::OfferLive, facts.offer_live),
        (Step::BenefitsViewed, facts.benefits_viewed),
        (Step::ContactAssigned, facts.marketing_contact_assigned),
        (Step::BenefitActivated, facts.benefit_activated),
    ];
    let done = steps.iter().filter(|(_, done)| *done).count();
    let total = steps.len();
    let managers_needed = !facts.marketing_contact_assigned || !facts.benefit_activated;
    let read_only_note = move || {
        let (can_manage, managers) = session
            .with_me(|me| (me.can_manage_rewards, me.reward_managers.clone()))
            .unwrap_or((true, Vec::new()));
        (managers_needed && !can_manage && !managers.is_empty()).then(|| {
            view! {
                <div class="notice overview-read-only">
                    <p>{t!(i18n, overview.checklist.read_only)}</p>
                    <ul>{managers.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <section class="card overview-card" aria-labelledby="overview-checklist">
            <h2 id="overview-checklist">{t!(i18n, overview.checklist.heading)}</h2>
            <p class="overview-card__intro">
                {t!(i18n, overview.checklist.intro)} " "
                <strong>
                    {t!(
                        i18n,
                        overview.checklist.progress,
                        done = move || format::number(i18n.get_locale(), done as i64),
                        total = move || format::number(i18n.get_locale(), total as i64)
                    )}
                </strong>
            </p>
            <ol class="checklist">
                {steps.into_iter().map(|(step, done)| view! { <ChecklistItem step done /> }).collect_view()}
            </ol>
            {read_only_note}
        </section>
    }
}

#[component]
fn ChecklistItem(step: Step, done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || match step {
        Step::OfferLive => t_string!(i18n, overview.checklist.offer_live),
        Step::BenefitsViewed => t_string!(i18n, overview.checklist.benefits_viewed),
        Step::ContactAssigned => t_string!(i18n, overview.checklist.contact_assigned),
        Step::BenefitActivated => t_string!(i18n, overview.checklist.benefit_activated),
    };
    let detail = move || match (step, done) {
        (Step::OfferLive, true) => t_string!(i18n, overview.checklist.offer_live_done),
        (Step::OfferLive, false) => t_string!(i18n, overview.checklist.offer_live_todo),
        (Step::BenefitsViewed, true) => t_string!(i18n, overview.checklist.benefits_viewed_done),
        (Step::BenefitsViewed, false) => t_string!(i18n, overview.checklist.benefits_viewed_todo),
        (Step::ContactAssigned, true) => t_string!(i18n, overview.checklist.contact_assigned_done),
        (Step::ContactAssigned, false) => t_string!(i18n, overview.checklist.contact_assigned_todo),
        (Step::BenefitActivated, true) => {
            t_string!(i18n, overview.checklist.benefit_activated_done)
        }
        (Step::BenefitActivated, false) => {
            t_string!(i18n, overview.checklist.benefit_activated_todo)
        }
    };
    // Where to do a step that is not done yet; publishing happens in Partner Center.
    let link = (!done)
        .then(|| match step {
            Step::OfferLive => None,
            Step::BenefitsViewed => Some((
                paths::SALES_MARKETING.to_owned(),
                Signal::derive(move || t_string!(i18n, overview.checklist.benefits_viewed_link)),
            )),
            Step::ContactAssigned => Some((
                paths::SALES_MARKETING.to_owned(),
                Signal::derive(move || t_string!(i18n, overview.checklist.contact_assigned_link)),
            )),
            Step::BenefitActivated => Some((
                benefits_with_status(BenefitStatus::Available),
                Signal::derive(move || t_string!(i18n, overview.checklist.benefit_activated_link)),
            )),
        })
        .flatten();
    let (class, mark) = if done {
        ("checklist__item checklist__item--done", "✓")
    } else {
        ("checklist__item checklist__item--todo", "")
    };
    view! {
        <li class=class>
            <span class="checklist__mark" aria-hidden="true">{mark}</span>
            <div class="checklist__body">
                <h3 class="checklist__title">{title}</h3>
                <p class="checklist__state">
                    {move || if done {
                        t_string!(i18n, overview.checklist.done)
                    } else {
                        t_string!(i18n, overview.checklist.to_do)
                    }}
                </p>
                <p class="checklist__detail">{detail}</p>
                {link.map(|(href, text)| view! {
                    <A href=href attr:class="checklist__link">{move || text.get()}</A>
                })}
            </div>
        </li>
    }
}

#[component]
pub fn StatusCounts(counts: Vec<StatusCount>) -> impl IntoView {
    let i18n = use_i18n();
    let count_of = |status: BenefitStatus| {
        counts
            .iter()
            .find(|c| c.status == status)
            .map_or(0, |c| c.count)
    };
    let all: Vec<(BenefitStatus, u32)> = BenefitStatus::ALL
        .iter()
        .map(|&status| (status, count_of(status)))
        .collect();
    let body = if all.iter().all(|(_, n)| *n == 0) {
        view! { <p>{t!(i18n, overview.statuses.empty)}</p> }.into_any()
    } else {
        view! {
            <p class="overview-card__intro">{t!(i18n, overview.statuses.intro)}</p>
            <ul class="status-counts">
                {all
                    .into_iter()
                    .map(|(status, n)| {
                        let class = format!("status-counts__link status-counts__link--{}", wire_name(&status));
                        view! {
                            <li>
                                <A href=benefits_with_status(status) attr:class=class>
                                    <span class="status-counts__n">
                                        {move || format::number(i18n.get_locale(), i64::from(n))}
                                    </span>
                                    " "
                                    <span class="status-counts__label">
                                        {move || labels::status(i18n, status)}
                                    </span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card overview-card overview-card--wide" aria-labelledby="overview-statuses">
            <h2 id="overview-statuses">{t!(i18n, overview.statuses.heading)}</h2>
            {body}
        </section>
    }
}

#[component]
pub fn OverdueActivations(items: Vec<OverdueActivation>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="notice notice--warning overview-overdue" aria-labelledby="overview-overdue">
            <h2 id="overview-overdue">
                <span class="overview-overdue__mark" aria-hidden="true">"!"</span>
                " "
                {t!(i18n, overview.overdue.heading)}
            </h2>
            <p>{t!(i18n, overview.overdue.intro)}</p>
            <ul class="overview-overdue__list">
                {items
                    .into_iter()
                    .map(|item| {
                        let key = item.key;
                        let activated_at = item.activated_at;
                        let days = item.days_waiting;
                        view! {
                            <li class="overview-overdue__item">
                                <h3 class="overview-overdue__name">{move || labels::benefit_name(i18n, &key)}</h3>
                                <dl class="overview-facts">
                                    <div>
                                        <dt>{t!(i18n, overview.overdue.activated)}</dt>
                                        <dd>{move || format::date_time(i18n.get_locale(), activated_at)}</dd>
                                    </div>
                                    <div>
                                        <dt>{t!(i18n, overview.overdue.days_waiting)}</dt>
                                        <dd>{move || format::number(i18n.get_locale(), days)}</dd>
                                    </div>
                                </dl>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>{t!(i18n, overview.overdue.what_to_do)}</p>
            <p>
                <A href=benefits_with_status(BenefitStatus::Activated)>
                    {t!(i18n, overview.overdue.see_benefits)}
                </A>
            </p>
        </section>
    }
}

#[component]
pub fn OffersByProfile(profiles: Vec<PublisherProfileOverview>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if profiles.is_empty() {
        view! { <p>{t!(i18n, overview.offers.empty_profiles)}</p> }.into_any()
    } else {
        view! {
            <div class="overview-profiles">
                {profiles.into_iter().map(|profile| view! { <ProfileCard profile /> }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="overview-offers" aria-labelledby="overview-offers">
            <h2 id="overview-offers">{t!(i18n, overview.offers.heading)}</h2>
            <p class="overview-card__intro">{t!(i18n, overview.offers.intro)}</p>
            {body}
        </section>
    }
}

#[component]
fn ProfileCard(profile: PublisherProfileOverview) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("overview-profile-{}", profile.id);
    let sales = profile.billed_sales_ttm_cents;
    let offers = if profile.offers.is_empty() {
        view! { <p>{t!(i18n, overview.offers.empty_offers)}</p> }.into_any()
    } else {
        view! {
            <ul class="offer-list">
                {profile.offers.into_iter().map(|offer| view! { <OfferItem offer /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card overview-profile" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{profile.name}</h3>
            <dl class="overview-facts">
                <div>
                    <dt>{t!(i18n, overview.offers.profile_sales)}</dt>
                    <dd class="overview-profile__sales">{move || format::money(i18n.get_locale(), sales)}</dd>
                </div>
                {profile.seller_id.map(|id| view! {
                    <div>
                        <dt>{t!(i18n, overview.offers.seller_id)}</dt>
                        <dd>{id}</dd>
                    </div>
                })}
            </dl>
            {offers}
        </section>
    }
}

#[component]
fn OfferItem(offer: OfferOverview) -> impl IntoView {
    let i18n = use_i18n();
    let OfferOverview {
        offer,
        live,
        billed_sales_ttm_cents,
    } = offer;
    let offer_type = offer.offer_type;
    let live_date = offer.live_date.filter(|_| live);
    let visibility = offer.visibility;
    let byol = offer.bring_your_own_license;
    let live_class = if live {
        "offer__live offer__live--yes"
    } else {
        "offer__live offer__live--no"
    };
    view! {
        <li class="offer">
            <h4 class="offer__name">{offer.name}</h4>
            <dl class="offer__facts">
                <div>
                    <dt>{t!(i18n, overview.offers.offer_type)}</dt>
                    <dd class="offer__type">{move || labels::offer_type(i18n, offer_type)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.offers.live)}</dt>
                    <dd class=live_class>
                        {move || match live_date {
                            Some(date) => format::date(i18n.get_locale(), date),
                            None => t_string!(i18n, overview.offers.not_live).to_owned(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.offers.visibility)}</dt>
                    <dd>
                        {move || match visibility {
                            Visibility::Public => t_string!(i18n, overview.offers.public),
                            Visibility::Private => t_string!(i18n, overview.offers.private),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.offers.byol)}</dt>
                    <dd>
                        {move || if byol {
                            t_string!(i18n, overview.offers.yes)
                        } else {
                            t_string!(i18n, overview.offers.no)
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, overview.offers.sales)}</dt>
                    <dd>{move || format::money(i18n.get_locale(), billed_sales_ttm_cents)}</dd>
                </div>
            </dl>
        </li>
    }
}
