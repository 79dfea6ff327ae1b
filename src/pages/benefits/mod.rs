//! The benefits tabs: `/benefits/sales-marketing` and `/benefits/technical`.
//!
//! WAI-ARIA tabs with automatic activation where every tab is its own URL:
//! the arrow keys, Home and End move to another tab by navigating to its
//! route, and the new page puts focus back on the selected tab.

use std::cell::Cell;

use crate::components::focus::focus_by_id;
use crate::components::link::A;
use crate::components::page::focus_when_attached;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use rewards_core::model::BenefitCategory;
use wasm_bindgen::JsCast;

use crate::api::shared;
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;

mod activation;
mod cause;
pub mod contact;
mod details;
pub mod labels;
mod opt_out;
mod table;

/// The two benefit categories, each with its own URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenefitsTab {
    SalesMarketing,
    Technical,
}

impl BenefitsTab {
    const ALL: [BenefitsTab; 2] = [BenefitsTab::SalesMarketing, BenefitsTab::Technical];

    fn path(self) -> &'static str {
        match self {
            BenefitsTab::SalesMarketing => paths::SALES_MARKETING,
            BenefitsTab::Technical => paths::TECHNICAL,
        }
    }

    fn tab_id(self) -> &'static str {
        match self {
            BenefitsTab::SalesMarketing => "benefits-tab-sales-marketing",
            BenefitsTab::Technical => "benefits-tab-technical",
        }
    }

    fn category(self) -> BenefitCategory {
        match self {
            BenefitsTab::SalesMarketing => BenefitCategory::SalesMarketing,
            BenefitsTab::Technical => BenefitCategory::Technical,
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

const PANEL_ID: &str = "benefits-panel";

thread_local! {
    /// Set when a key press moves to another tab's URL, so the new page
    /// focuses its selected tab (the route swaps the whole page).
    static FOCUS_TAB_ON_MOUNT: Cell<bool> = const { Cell::new(false) };
}

#[component]
pub fn BenefitsPage(tab: BenefitsTab) -> impl IntoView {
    let i18n = use_i18n();
    contact::provide_contact_dialog();
    mark_viewed();

    let focus_tab = FOCUS_TAB_ON_MOUNT.with(|f| f.replace(false));
    let tab_list = NodeRef::<leptos::html::Div>::new();

    let page = view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, benefits.title))
            intro=Signal::derive(move || t_string!(i18n, benefits.intro))
        />
        <TabList selected=tab node_ref=tab_list />
        <div class="benefits-panel" role="tabpanel" id=PANEL_ID aria-labelledby=tab.tab_id()>
            {match tab {
                BenefitsTab::SalesMarketing => view! { <contact::MarketingContactPanel /> }.into_any(),
                BenefitsTab::Technical => view! { <TechnicalIntro /> }.into_any(),
            }}
            <table::BenefitTable category=tab.category() />
        </div>
    };
    if focus_tab {
        // After the page heading has taken focus for the new route: a tab
        // change by keyboard keeps focus on the tab list. The tab of this
        // page, not the one of the page it replaces (same id).
        Effect::new(move |_| {
            let selected = tab_list.get().and_then(|list| {
                list.query_selector(&format!("#{}", tab.tab_id()))
                    .ok()
                    .flatten()
            });
            // Same frame as the heading (this effect runs after its), so no
            // key press can land on the heading in between.
            if let Some(selected) = selected.and_then(|el| el.dyn_into().ok()) {
                focus_when_attached(selected);
            }
        });
    }
    page
}

#[component]
fn TabList(selected: BenefitsTab, node_ref: NodeRef<leptos::html::Div>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let location = use_location();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = BenefitsTab::ALL.len();
        // The address, not this page's tab: while the next tab's code loads,
        // this page is still shown but the address already names the next tab.
        let current = location.pathname.with_untracked(|path| {
            BenefitsTab::ALL
                .iter()
                .position(|t| path.ends_with(t.path()))
                .unwrap_or(selected.index())
        });
        let target = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        let target = BenefitsTab::ALL[target];
        if target.index() == current {
            focus_by_id(target.tab_id());
            return;
        }
        FOCUS_TAB_ON_MOUNT.with(|f| f.set(true));
        navigate(target.path(), NavigateOptions::default());
    };
    let label = move |tab: BenefitsTab| match tab {
        BenefitsTab::SalesMarketing => t_string!(i18n, benefits.tabs.sales_marketing),
        BenefitsTab::Technical => t_string!(i18n, benefits.tabs.technical),
    };
    view! {
        <div
            node_ref=node_ref
            class="tabs"
            role="tablist"
            aria-label=move || t_string!(i18n, benefits.tabs_label)
            on:keydown=on_keydown
        >
            {BenefitsTab::ALL
                .into_iter()
                .map(|tab| {
                    let is_selected = tab == selected;
                    view! {
                        <A
                            href=tab.path()
                            attr:id=tab.tab_id()
                            attr:class="tabs__tab"
                            attr:role="tab"
                            attr:aria-selected=if is_selected { "true" } else { "false" }
                            attr:aria-controls=is_selected.then_some(PANEL_ID)
                            attr:tabindex=if is_selected { "0" } else { "-1" }
                        >
                            {move || label(tab)}
                        </A>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The way into the technical request form, above the technical benefits.
#[component]
fn TechnicalIntro() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card technical-cta">
            <p>{t!(i18n, benefits.technical.intro)}</p>
            <A href=paths::TECHNICAL_REQUEST attr:class="button button--primary">
                {t!(i18n, benefits.technical.request_link)}
            </A>
        </section>
    }
}

/// Records that the benefits were viewed (a step of the overview's checklist), once per
/// session. Fire and forget: a failure here changes nothing on the page.
fn mark_viewed() {
    spawn_local(shared::mark_benefits_viewed());
}
