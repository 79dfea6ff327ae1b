//! The request form: validated on submit with the domain core (the same
//! code the server runs), one idempotency key per submission intent, and the
//! unsent draft kept on this device.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::Locale as _;
use rewards_core::api::{problem_codes, TechnicalRequestResponse};
use rewards_core::model::Language;
use rewards_core::validate::{validate_technical_request, FieldError, TechnicalRequestInput};

use super::draft::{self, Draft};
use super::intl;
use super::labels::{phase_label, solution_label, PHASES, SOLUTION_TYPES};
use crate::api::{endpoints, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::focus::focus_by_id;
use crate::components::form::{
    ErrorSummary, FormErrors, SelectField, SubmitButton, TextAreaField, TextField,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

/// Products partners ask about most. Product names are proper nouns, the
/// same in every language, and are sent as they are.
pub const COMMON_PRODUCTS: [&str; 12] = [
    "Azure App Service",
    "Azure Arc",
    "Azure Cosmos DB",
    "Azure Functions",
    "Azure Kubernetes Service",
    "Azure SQL Database",
    "Azure Stack HCI",
    "Azure Virtual Machines",
    "Dynamics 365",
    "Microsoft 365",
    "Microsoft Entra ID",
    "Power Platform",
];

const PHASE_ID: &str = "tr-phase-presales";
const SOLUTION_ID: &str = "tr-solution-cloud";
const TITLE_ID: &str = "tr-title";
const DESCRIPTION_ID: &str = "tr-description";
const PRODUCTS_ID: &str = "tr-product-0";
const OTHER_PRODUCTS_ID: &str = "tr-products-other";
const PHONE_ID: &str = "tr-phone";
const COUNTRY_ID: &str = "tr-country";
const TIME_ZONE_ID: &str = "tr-time-zone";
const LANGUAGE_ID: &str = "tr-language";
const CONTACT_TIME_ID: &str = "tr-contact-time";
pub const SUBMIT_ID: &str = "tr-submit";

/// The form's fields, one signal each. `Copy` so closures can share it.
#[derive(Debug, Clone, Copy)]
struct Fields {
    phase: RwSignal<String>,
    solution_type: RwSignal<String>,
    title: RwSignal<String>,
    description: RwSignal<String>,
    products: RwSignal<Vec<String>>,
    other_products: RwSignal<String>,
    phone: RwSignal<String>,
    country_region: RwSignal<String>,
    time_zone: RwSignal<String>,
    language: RwSignal<String>,
    preferred_contact_time: RwSignal<String>,
}

impl Fields {
    fn new(draft: Draft) -> Self {
        Self {
            phase: RwSignal::new(draft.phase),
            solution_type: RwSignal::new(draft.solution_type),
            title: RwSignal::new(draft.title),
            description: RwSignal::new(draft.description),
            products: RwSignal::new(draft.products),
            other_products: RwSignal::new(draft.other_products),
            phone: RwSignal::new(draft.phone),
            country_region: RwSignal::new(draft.country_region),
            time_zone: RwSignal::new(draft.time_zone),
            language: RwSignal::new(draft.language),
            preferred_contact_time: RwSignal::new(draft.preferred_contact_time),
        }
    }

    fn set(&self, draft: Draft) {
        self.phase.set(draft.phase);
        self.solution_type.set(draft.solution_type);
        self.title.set(draft.title);
        self.description.set(draft.description);
        self.products.set(draft.products);
        self.other_products.set(draft.other_products);
        self.phone.set(draft.phone);
        self.country_region.set(draft.country_region);
        self.time_zone.set(draft.time_zone);
        self.language.set(draft.language);
        self.preferred_contact_time
            .set(draft.preferred_contact_time);
    }

    fn snapshot_untracked(&self) -> Draft {
        untrack(|| self.snapshot())
    }

    /// The current values (tracked, so an effect re-runs on every change).
    fn snapshot(&self) -> Draft {
        Draft {
            phase: self.phase.get(),
            solution_type: self.solution_type.get(),
            title: self.title.get(),
            description: self.description.get(),
            products: self.products.get(),
            other_products: self.other_products.get(),
            phone: self.phone.get(),
            country_region: self.country_region.get(),
            time_zone: self.time_zone.get(),
            language: self.language.get(),
            preferred_contact_time: self.preferred_contact_time.get(),
            pending_key: None,
        }
    }
}

/// The API body for a draft: ticked products first, then the free-text ones.
pub fn request_input(draft: &Draft) -> TechnicalRequestInput {
    let mut products = draft.products.clone();
    products.extend(other_products(&draft.other_products));
    TechnicalRequestInput {
        phase: draft.phase.clone(),
        solution_type: draft.solution_type.clone(),
        title: draft.title.clone(),
        description: draft.description.clone(),
        products,
        phone: draft.phone.clone(),
        country_region: draft.country_region.clone(),
        time_zone: draft.time_zone.clone(),
        language: draft.language.clone(),
        preferred_contact_time: draft.preferred_contact_time.clone(),
    }
}

/// Splits the free-text products on commas (Latin or CJK), semicolons and
/// line breaks; blank entries are dropped.
pub fn other_products(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '，', '、', '；'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Points `products[i]` errors at the input the entry came from: the ticked
/// products come first (`ticked` of them), the free-text ones after.
pub fn route_product_errors(errors: &[FieldError], ticked: usize) -> Vec<FieldError> {
    errors
        .iter()
        .map(|error| {
            let index = error
                .field
                .strip_prefix("products[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|i| i.parse::<usize>().ok());
            match index {
                Some(i) if i >= ticked => FieldError::new("products_other", error.code),
                _ => error.clone(),
            }
        })
        .collect()
}

#[component]
pub fn RequestForm(
    /// False for read-only roles: the form shows, submitting does not.
    #[prop(into)]
    can_submit: Signal<bool>,
    /// Called with the server's answer once the request is filed.
    on_submitted: Callback<TechnicalRequestResponse>,
    /// Called when an earlier attempt turns out to have gone through.
    on_refresh_list: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user_id = session.with_me(|me| me.user.id.clone()).unwrap_or_default();

    let defaults = move || {
        let ui_language = Language::from_code(i18n.get_locale_untracked().as_str())
            .map(|l| l.code().to_owned())
            .unwrap_or_default();
        Draft {
            time_zone: intl::browser_time_zone().unwrap_or_default(),
            language: ui_language,
            ..Draft::default()
        }
    };
    let restored = draft::load(&user_id);
    let restored_key = restored
        .as_ref()
        .and_then(|d| d.pending_key.as_deref())
        .and_then(IdempotencyKey::restore);
    let draft_restored = RwSignal::new(restored.is_some());
    let initial = restored
        .map(|draft| {
            let fallback = defaults();
            Draft {
                time_zone: if draft.time_zone.is_empty() {
                    fallback.time_zone
                } else {
                    draft.time_zone.clone()
                },
                language: if draft.language.is_empty() {
                    fallback.language
                } else {
                    draft.language.clone()
                },
                ..draft
            }
        })
        .unwrap_or_else(defaults);
    let fields = Fields::new(initial);

    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let owner = Owner::current().unwrap_or_default();
    // One key per submission intent: kept for retries until the request is filed.
    let key = StoredValue::new(restored_key);
    let save_draft = {
        let user_id = user_id.clone();
        move |mut current: Draft| {
            current.pending_key = key.with_value(|k| k.as_ref().map(|k| k.as_str().to_owned()));
            draft::save(&user_id, &current);
        }
    };

    // Keep the draft on this device as it is typed.
    {
        let save_draft = save_draft.clone();
        Effect::new(move |_| save_draft(fields.snapshot()));
    }

    let field = move |name: &str| -> Option<(String, String)> {
        let (id, label) = match name {
            "phase" => (PHASE_ID, t_string!(i18n, technical.form.phase)),
            "solution_type" => (SOLUTION_ID, t_string!(i18n, technical.form.solution_type)),
            "title" => (TITLE_ID, t_string!(i18n, technical.form.title)),
            "description" => (DESCRIPTION_ID, t_string!(i18n, technical.form.description)),
            "products" => (PRODUCTS_ID, t_string!(i18n, technical.form.products)),
            "products_other" => (
                OTHER_PRODUCTS_ID,
                t_string!(i18n, technical.form.products_other),
            ),
            "phone" => (PHONE_ID, t_string!(i18n, technical.form.phone)),
            "country_region" => (COUNTRY_ID, t_string!(i18n, technical.form.country_region)),
            "time_zone" => (TIME_ZONE_ID, t_string!(i18n, technical.form.time_zone)),
            "language" => (LANGUAGE_ID, t_string!(i18n, technical.form.language)),
            "preferred_contact_time" => (
                CONTACT_TIME_ID,
                t_string!(i18n, technical.form.contact_time),
            ),
            _ => return None,
        };
        Some((id.to_owned(), label.to_owned()))
    };
    let submit_message = move |message: String| {
        errors.show_form_message(
            SUBMIT_ID,
            t_string!(i18n, technical.form.submit).to_owned(),
            message,
        )
    };

    let submit_user_id = user_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !can_submit.get_untracked() {
            return;
        }
        let current = fields.snapshot();
        let ticked = current.products.len();
        let input = request_input(&current);
        if let Err(field_errors) = validate_technical_request(&input) {
            errors.show(&route_product_errors(&field_errors, ticked), field);
            return;
        }
        errors.clear();
        busy.set(true);
        let intent = key.with_value(Clone::clone).unwrap_or_default();
        key.set_value(Some(intent.clone()));
        save_draft(current.clone());
        let user_id = submit_user_id.clone();
        let owner = owner.clone();
        let save_draft = save_draft.clone();
        spawn_local(async move {
            let result = endpoints::create_technical_request(&input, &intent).await;
            busy.set(false);
            // Messages are translated through the i18n context, so show them
            // from within the form's reactive owner.
            owner.with(|| match result {
                Ok(response) => {
                    key.set_value(None);
                    draft::clear(&user_id);
                    on_submitted.run(response);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) if error.code() == Some(problem_codes::IDEMPOTENCY_KEY_REUSED) => {
                    // The first attempt did reach the server; a new submit is a new intent.
                    key.set_value(None);
                    save_draft(fields.snapshot_untracked());
                    on_refresh_list.run(());
                    submit_message(t_string!(i18n, technical.form.key_reused).to_owned());
                }
                Err(error) if error.code() == Some(problem_codes::READ_ONLY_ROLE) => {
                    submit_message(t_string!(i18n, technical.form.read_only_refused).to_owned());
                }
                Err(error) if !error.field_errors().is_empty() => {
                    errors.show(&route_product_errors(error.field_errors(), ticked), field);
                }
                Err(error) => submit_message(error_sentence(i18n, &error)),
            });
        });
    };

    let discard_user_id = user_id.clone();
    let discard = move |_| {
        fields.set(defaults());
        errors.clear();
        draft::clear(&discard_user_id);
        draft_restored.set(false);
        focus_by_id(PHASE_ID);
    };

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
    let managers = session
        .with_me(|me| me.reward_managers.join(", "))
        .unwrap_or_default();

    view! {
        <form class="form tr-form" novalidate on:submit=on_submit aria-labelledby="tr-form-title">
            <h2 id="tr-form-title" tabindex="-1">{t!(i18n, technical.form.heading)}</h2>
            <ErrorSummary errors />
            {move || (!can_submit.get()).then(|| {
                let managers = managers.clone();
                view! {
                    <div class="notice notice--warning" id="tr-read-only">
                        <p>{t!(i18n, technical.form.read_only, names = move || managers.clone())}</p>
                    </div>
                }
            })}
            <p class="tr-form__draft-note">{t!(i18n, technical.form.draft_note)}</p>
            {move || draft_restored.get().then(|| view! {
                <div class="notice tr-form__restored">
                    <p>{t!(i18n, technical.form.draft_restored)}</p>
                    <button type="button" class="button button--quiet" on:click=discard.clone()>
                        {t!(i18n, technical.form.discard_draft)}
                    </button>
                </div>
            })}

            <ChoiceGroup
                name="tr-phase"
                legend=Signal::derive(move || t_string!(i18n, technical.form.phase))
                value=fields.phase
                options=PHASES.iter().map(|phase| {
                    let phase = *phase;
                    (crate::api::endpoints::wire_name(&phase), Signal::derive(move || phase_label(i18n, phase)))
                }).collect()
                error=errors.for_field(PHASE_ID)
            />
            <ChoiceGroup
                name="tr-solution"
                legend=Signal::derive(move || t_string!(i18n, technical.form.solution_type))
                value=fields.solution_type
                options=SOLUTION_TYPES.iter().map(|solution| {
                    let solution = *solution;
                    (crate::api::endpoints::wire_name(&solution), Signal::derive(move || solution_label(i18n, solution)))
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
            <div class="button-row">
                <SubmitButton
                    id=SUBMIT_ID
                    label=Signal::derive(move || t_string!(i18n, technical.form.submit))
                    busy
                    disabled=Signal::derive(move || !can_submit.get())
                    disabled_reason="tr-read-only"
                />
            </div>
        </form>
    }
}

/// A radio group in a fieldset: the first radio carries `{name}-{first value}`
/// as id, which the error summary links to.
#[component]
fn ChoiceGroup(
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
fn ProductsField(
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
