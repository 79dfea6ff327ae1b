//! The company's technical requests with their status: filters, search and sorting by date,
//! each case number linking to its case page.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::api::TechnicalRequestListResponse;
use rewards_core::model::TechnicalRequest;

use super::intl;
use super::labels::{phase_label, status_label};
use super::list_filters::{Filters, ListFilters};
use crate::api::endpoints::wire_name;
use crate::api::ApiError;
use crate::components::async_view::AsyncView;
use crate::components::link::A;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;

pub const LIST_ID: &str = "tr-requests";

#[component]
pub fn RequestList(
    requests: LocalResource<Result<TechnicalRequestListResponse, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filters = ListFilters::new();
    view! {
        <section class="tr-list" id=LIST_ID aria-labelledby="tr-list-title">
            <h2 id="tr-list-title">{t!(i18n, technical.list.title)}</h2>
            <AsyncView resource=requests let:response>
                {
                    let all = response.requests;
                    if all.is_empty() {
                        view! { <p class="tr-list__empty">{t!(i18n, technical.list.empty)}</p> }.into_any()
                    } else {
                        let total = all.len();
                        let shown = Memo::new(move |_| filters.apply(&all));
                        view! {
                            <Filters filters />
                            <p class="tr-list__count" role="status">
                                {t!(
                                    i18n,
                                    cases.list.count,
                                    shown = move || shown.with(Vec::len).to_string(),
                                    total = move || total.to_string()
                                )}
                            </p>
                            {move || view! { <super::export::ExportButton requests=shown.get() /> }}
                            {move || if shown.with(Vec::is_empty) {
                                view! { <p class="tr-list__empty">{t!(i18n, cases.list.no_match)}</p> }.into_any()
                            } else {
                                view! { <RequestTable rows=shown.get() /> }.into_any()
                            }}
                        }.into_any()
                    }
                }
            </AsyncView>
        </section>
    }
}

#[component]
fn RequestTable(rows: Vec<TechnicalRequest>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="tr-list__table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, technical.list.case_number)}</th>
                    <th scope="col">{t!(i18n, technical.list.request_title)}</th>
                    <th scope="col">{t!(i18n, technical.list.phase)}</th>
                    <th scope="col">{t!(i18n, technical.list.status)}</th>
                    <th scope="col">{t!(i18n, technical.list.created)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|request| {
                    let created = request.created_at.unix_seconds();
                    let phase = request.phase;
                    let status = request.status;
                    view! {
                        <tr>
                            <th scope="row" class="tr-list__case"
                                data-label=move || t_string!(i18n, technical.list.case_number)>
                                <A href=paths::technical_case(&request.case_number)>{request.case_number}</A>
                            </th>
                            <td data-label=move || t_string!(i18n, technical.list.request_title)>
                                {request.title}
                            </td>
                            <td data-label=move || t_string!(i18n, technical.list.phase)>
                                {move || phase_label(i18n, phase)}
                            </td>
                            <td data-label=move || t_string!(i18n, technical.list.status)>
                                <span class=format!("tr-status tr-status--{}", wire_name(&status))>
                                    {move || status_label(i18n, status)}
                                </span>
                            </td>
                            <td data-label=move || t_string!(i18n, technical.list.created)>
                                {move || intl::local_date(i18n.get_locale().as_str(), created)}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
