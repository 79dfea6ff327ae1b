//! Offers by publisher profile: each profile's sales and its offers' facts.

use leptos::prelude::*;
use rewards_core::api::{OfferOverview, PublisherProfileOverview};
use rewards_core::model::Visibility;

use super::super::labels;
use super::engagement::Engagement;
use crate::i18n::{format, t, t_string, use_i18n};

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
        owner,
        rewards_contacted_on,
        engagement_opted_in,
        monthly_active_users,
    } = offer;
    let engagement = engagement_opted_in.map(|opted_in| {
        view! { <Engagement offer_id=offer.id.clone() offer_name=offer.name.clone() opted_in /> }
    });
    let users = monthly_active_users.map(|n| {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        view! {
            <div>
                <dt>{t!(i18n, timeline.engagement.users)}</dt>
                <dd class="offer__users">{move || format::number(i18n.get_locale(), n)}</dd>
            </div>
        }
    });
    let owner = owner.map(|owner| {
        view! {
            <div>
                <dt>{t!(i18n, timeline.engagement.owner)}</dt>
                <dd class="offer__owner">{owner.name}</dd>
            </div>
        }
    });
    let contacted = live.then(|| {
        view! {
            <div>
                <dt>{t!(i18n, timeline.engagement.contacted)}</dt>
                <dd>
                    {move || match rewards_contacted_on {
                        Some(date) => format::date(i18n.get_locale(), date),
                        None => t_string!(i18n, timeline.engagement.not_contacted).to_owned(),
                    }}
                </dd>
            </div>
        }
    });
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
                {users}
                {owner}
                {contacted}
                {engagement}
            </dl>
        </li>
    }
}
