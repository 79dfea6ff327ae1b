//! The programme's next steps, each a link outside the portal whose
//! address `config.json` can override (`links`).

use leptos::prelude::*;

use crate::components::link::ExternalLink;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn NextSteps() -> impl IntoView {
    let i18n = use_i18n();
    let links = crate::embed::config::current().links;
    let leaves = Signal::derive(move || t_string!(i18n, timeline.overview.external).to_owned());
    let items = [
        (links.publisher_toolkit, 0),
        (links.programme_overview, 1),
        (links.offer_publishing_guide, 2),
        (links.support, 3),
    ];
    view! {
        <section class="card overview-card overview-next" aria-labelledby="overview-next">
            <h2 id="overview-next">{t!(i18n, timeline.overview.next_heading)}</h2>
            <p class="overview-card__intro">{t!(i18n, timeline.overview.next_intro)}</p>
            <ul class="overview-next__list">
                {items
                    .into_iter()
                    .map(|(href, which)| view! {
                        <li>
                            <ExternalLink href leaves>
                                {move || match which {
                                    0 => t_string!(i18n, timeline.overview.next_toolkit),
                                    1 => t_string!(i18n, timeline.overview.next_programme),
                                    2 => t_string!(i18n, timeline.overview.next_publishing),
                                    _ => t_string!(i18n, timeline.overview.next_support),
                                }}
                            </ExternalLink>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
