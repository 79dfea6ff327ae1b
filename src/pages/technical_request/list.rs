//! The company's technical requests with their status.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::api::TechnicalRequestListResponse;

use super::intl;
use super::labels::{phase_label, status_label};
use crate::api::ApiError;
use crate::components::async_view::AsyncView;
use crate::i18n::{t, t_string, use_i18n};

pub const LIST_ID: &str = "tr-requests";

#[component]
pub fn RequestList(
    requests: LocalResource<Result<TechnicalRequestListResponse, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="tr-list" id=LIST_ID aria-labelledby="tr-list-title">
            <h2 id="tr-list-title">{t!(i18n, technical.list.title)}</h2>
            <AsyncView resource=requests let:response>
                {
                    let rows = response.requests;
                    if rows.is_empty() {
                        view! { <p class="tr-list__empty">{t!(i18n, technical.list.empty)}</p> }.into_any()
                    } else {
                        view! {
                            <super::export::ExportButton requests=rows.clone() />
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
                                                    {request.case_number}
                                                </th>
                                                <td data-label=move || t_string!(i18n, technical.list.request_title)>
                                                    {request.title}
                                                </td>
                                                <td data-label=move || t_string!(i18n, technical.list.phase)>
                                                    {move || phase_label(i18n, phase)}
                                                </td>
                                                <td data-label=move || t_string!(i18n, technical.list.status)>
                                                    <span class=format!("tr-status tr-status--{}", crate::api::endpoints::wire_name(&status))>
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
                        }.into_any()
                    }
                }
            </AsyncView>
        </section>
    }
}
