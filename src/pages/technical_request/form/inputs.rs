//! The form's inputs in order, each wired to its signal and its inline message.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use super::choices::{ChoiceGroup, ProductsField};
use super::fields::*;
use crate::api::endpoints::wire_name;
use crate::components::form::{FormErrors, SelectField, TextAreaField, TextField};
use crate::i18n::{t_string, use_i18n};
use crate::pages::technical_request::intl;
use crate::pages::technical_request::labels::{
    phase_label, solution_label, PHASES, SOLUTION_TYPES,
};

#[component]
pub fn RequestInputs(fields: Fields, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let locale_tag = Memo::new(move |_| i18n.get_locale().as_str().to_owned());
    let countries = Memo::new(move |_| intl::countries(&locale_tag.get()));
    let languages = Memo::new(move |_| intl::languages(&locale_tag.get()));
    let time_zones: Vec<(String, String)> = intl::time_zones()
        .into_iter()
        .map(|zone| {
            let label = intl::time_zone_label(&zone);
            (zone, label)
        })
        .collect();

    view! {
        <ChoiceGroup
            name="tr-phase"
            legend=Signal::derive(move || t_string!(i18n, technical.form.phase))
            value=fields.phase
            options=PHASES.iter().map(|phase| {
                let phase = *phase;
                (wire_name(&phase), Signal::derive(move || phase_label(i18n, phase)))
            }).collect()
            error=errors.for_field(PHASE_ID)
        />
        <ChoiceGroup
            name="tr-solution"
            legend=Signal::derive(move || t_string!(i18n, technical.form.solution_type))
            value=fields.solution_type
            options=SOLUTION_TYPES.iter().map(|solution| {
                let solution = *solution;
                (wire_name(&solution), Signal::derive(move || solution_label(i18n, solution)))
            }).collect()
            error=errors.for_field(SOLUTION_ID)
        />
        <TextField
            id=TITLE_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.title))
            hint=Signal::derive(move || t_string!(i18n, technical.form.title_hint))
            value=fields.title
            error=errors.for_field(TITLE_ID)
        />
        <TextAreaField
            id=DESCRIPTION_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.description))
            hint=Signal::derive(move || t_string!(i18n, technical.form.description_hint))
            value=fields.description
            error=errors.for_field(DESCRIPTION_ID)
            rows=8
        />
        <ProductsField
            products=fields.products
            other=fields.other_products
            error=errors.for_field(PRODUCTS_ID)
            other_error=errors.for_field(OTHER_PRODUCTS_ID)
        />
        <TextField
            id=PHONE_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.phone))
            hint=Signal::derive(move || t_string!(i18n, technical.form.phone_hint))
            value=fields.phone
            error=errors.for_field(PHONE_ID)
            input_type="tel"
            autocomplete="tel"
        />
        <SelectField
            id=COUNTRY_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.country_region))
            value=fields.country_region
            error=errors.for_field(COUNTRY_ID)
            options=Signal::derive(move || countries.get())
            placeholder=Signal::derive(move || t_string!(i18n, technical.form.country_placeholder))
        />
        <SelectField
            id=TIME_ZONE_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.time_zone))
            hint=Signal::derive(move || t_string!(i18n, technical.form.time_zone_hint))
            value=fields.time_zone
            error=errors.for_field(TIME_ZONE_ID)
            options=Signal::stored(time_zones)
            placeholder=Signal::derive(move || t_string!(i18n, technical.form.time_zone_placeholder))
        />
        <SelectField
            id=LANGUAGE_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.language))
            hint=Signal::derive(move || t_string!(i18n, technical.form.language_hint))
            value=fields.language
            error=errors.for_field(LANGUAGE_ID)
            options=Signal::derive(move || languages.get())
            placeholder=Signal::derive(move || t_string!(i18n, technical.form.language_placeholder))
        />
        <TextField
            id=CONTACT_TIME_ID
            label=Signal::derive(move || t_string!(i18n, technical.form.contact_time))
            hint=Signal::derive(move || t_string!(i18n, technical.form.contact_time_hint))
            value=fields.preferred_contact_time
            error=errors.for_field(CONTACT_TIME_ID)
            optional=true
        />
    }
}
