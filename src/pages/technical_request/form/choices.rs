//! The form's grouped inputs: a radio group and the products (checkboxes plus free text).

use leptos::prelude::*;

use super::fields::OTHER_PRODUCTS_ID;
use super::input::COMMON_PRODUCTS;
use crate::components::form::TextField;
use crate::i18n::{t, t_string, use_i18n};

/// A radio group in a fieldset: the first radio carries `{name}-{first value}`
/// as id, which the error summary links to.
#[component]
pub fn ChoiceGroup(
    name: &'static str,
    #[prop(into)] legend: Signal<&'static str>,
    value: RwSignal<String>,
    options: Vec<(String, Signal<&'static str>)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <fieldset
            class="field tr-choices"
            class:field--error=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
        >
            <legend class="field__label">{move || legend.get()}</legend>
            {move || error.get().map(|message| view! {
                <p class="field__error" id=error_id.clone()>{message}</p>
            })}
            <div class="tr-choices__options">
                {options.into_iter().map(|(option, label)| {
                    let id = format!("{name}-{}", option.replace('_', "-"));
                    let checked_value = option.clone();
                    let set_value = option.clone();
                    view! {
                        <div class="tr-choice">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name
                                value=option
                                prop:checked=move || value.with(|v| *v == checked_value)
                                on:change=move |_| value.set(set_value.clone())
                            />
                            <label for=id>{move || label.get()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The common products as checkboxes plus a free-text field for the rest.
#[component]
pub fn ProductsField(
    products: RwSignal<Vec<String>>,
    other: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] other_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset
            class="field tr-choices tr-products"
            class:field--error=move || error.with(Option::is_some)
            aria-describedby=move || if error.with(Option::is_some) {
                "tr-products-hint tr-products-error"
            } else {
                "tr-products-hint"
            }
        >
            <legend class="field__label">{t!(i18n, technical.form.products)}</legend>
            <p class="field__hint" id="tr-products-hint">{t!(i18n, technical.form.products_hint)}</p>
            {move || error.get().map(|message| view! {
                <p class="field__error" id="tr-products-error">{message}</p>
            })}
            <div class="tr-choices__options tr-products__options">
                {COMMON_PRODUCTS.iter().enumerate().map(|(index, product)| {
                    let product: &'static str = product;
                    let id = format!("tr-product-{index}");
                    view! {
                        <div class="tr-choice">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name="tr-products"
                                value=product
                                prop:checked=move || products.with(|p| p.iter().any(|x| x == product))
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    products.update(|p| {
                                        p.retain(|x| x != product);
                                        if checked {
                                            p.push(product.to_owned());
                                        }
                                    });
                                }
                            />
                            <label for=id>{product}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <TextField
                id=OTHER_PRODUCTS_ID
                label=Signal::derive(move || t_string!(i18n, technical.form.products_other))
                hint=Signal::derive(move || t_string!(i18n, technical.form.products_other_hint))
                value=other
                error=other_error
                optional=true
            />
        </fieldset>
    }
}
