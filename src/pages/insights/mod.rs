//! Insights (`/insights`): where the company stands over time, one chart per series of
//! `/api/v1/insights/*`, each with its summary, table alternative and CSV download.
//!
//! The charts, in order: billed sales by month ([`sales`]), benefits over time
//! ([`benefits`]), technical benefit use ([`technical`]) and the Microsoft 365 apps' seats and
//! users ([`m365`]). Each module has the same shape: its series, a chart, a `Table` and a CSV.

mod benefits;
mod m365;
mod months;
mod sales;
mod technical;

use leptos::prelude::*;
use rewards_core::api::problem_codes;

use crate::api::{endpoints, ApiError};
use crate::components::async_view::AsyncView;
use crate::components::page::PageHeader;
use crate::i18n::{t_string, use_i18n};
use crate::session::use_session;

use benefits::BenefitsChart;
use m365::M365Charts;
use sales::SalesChart;
use technical::TechnicalChart;

/// A resource of one series; a 401 ends the session, a hidden programme asks the session again.
fn series<T: 'static, F: std::future::Future<Output = Result<T, ApiError>> + 'static>(
    fetch: fn() -> F,
) -> LocalResource<Result<T, ApiError>> {
    let session = use_session();
    LocalResource::new(move || async move {
        let result = fetch().await;
        if let Err(error) = &result {
            if error.is_unauthenticated() {
                session.expired();
            } else if error.code() == Some(problem_codes::PROGRAMME_HIDDEN) {
                session.refresh();
            }
        }
        result
    })
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sales = series(endpoints::insights_sales);
    let benefits = series(endpoints::insights_benefits);
    let technical = series(endpoints::insights_technical_use);
    let m365 = series(endpoints::insights_m365_usage);
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, insights.title))
            intro=Signal::derive(move || t_string!(i18n, insights.intro))
        />
        <div class="insights">
            <AsyncView resource=sales children=move |data| view! { <SalesChart data /> } />
            <AsyncView resource=benefits children=move |data| view! { <BenefitsChart data /> } />
            <AsyncView resource=technical children=move |data| view! { <TechnicalChart data /> } />
            <AsyncView resource=m365 children=move |data| view! { <M365Charts data /> } />
        </div>
    }
}

/// `template` with each `{name}` replaced by its value (the locale files spell the
/// placeholders with single braces; values are inserted as text).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
