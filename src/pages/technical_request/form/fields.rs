//! The form's inputs: their ids, the one table from wire field names to them, the signals
//! they edit ([`Fields`]) and the draft those signals are kept as ([`DraftStore`]).

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::model::Language;

use crate::api::IdempotencyKey;
use crate::components::form::FormField;
use crate::i18n::{t_string, I18n};
use crate::pages::technical_request::draft::{self, Draft};
use crate::pages::technical_request::intl;

pub const PHASE_ID: &str = "tr-phase-presales";
pub const SOLUTION_ID: &str = "tr-solution-cloud";
pub const TITLE_ID: &str = "tr-title";
pub const DESCRIPTION_ID: &str = "tr-description";
pub const PRODUCTS_ID: &str = "tr-product-0";
pub const OTHER_PRODUCTS_ID: &str = "tr-products-other";
pub const PHONE_ID: &str = "tr-phone";
pub const COUNTRY_ID: &str = "tr-country";
pub const TIME_ZONE_ID: &str = "tr-time-zone";
pub const LANGUAGE_ID: &str = "tr-language";
pub const CONTACT_TIME_ID: &str = "tr-contact-time";
pub const SUBMIT_ID: &str = "tr-submit";

/// Wire field names → inputs.
pub const FIELDS: &[FormField] = &[
    FormField::new("phase", PHASE_ID, |i18n| {
        t_string!(i18n, technical.form.phase)
    }),
    FormField::new("solution_type", SOLUTION_ID, |i18n| {
        t_string!(i18n, technical.form.solution_type)
    }),
    FormField::new("title", TITLE_ID, |i18n| {
        t_string!(i18n, technical.form.title)
    }),
    FormField::new("description", DESCRIPTION_ID, |i18n| {
        t_string!(i18n, technical.form.description)
    }),
    FormField::new("products", PRODUCTS_ID, |i18n| {
        t_string!(i18n, technical.form.products)
    }),
    FormField::new("products_other", OTHER_PRODUCTS_ID, |i18n| {
        t_string!(i18n, technical.form.products_other)
    }),
    FormField::new("phone", PHONE_ID, |i18n| {
        t_string!(i18n, technical.form.phone)
    }),
    FormField::new("country_region", COUNTRY_ID, |i18n| {
        t_string!(i18n, technical.form.country_region)
    }),
    FormField::new("time_zone", TIME_ZONE_ID, |i18n| {
        t_string!(i18n, technical.form.time_zone)
    }),
    FormField::new("language", LANGUAGE_ID, |i18n| {
        t_string!(i18n, technical.form.language)
    }),
    FormField::new("preferred_contact_time", CONTACT_TIME_ID, |i18n| {
        t_string!(i18n, technical.form.contact_time)
    }),
];

/// The form's fields, one signal each. `Copy` so closures can share it.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub phase: RwSignal<String>,
    pub solution_type: RwSignal<String>,
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
    pub products: RwSignal<Vec<String>>,
    pub other_products: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub country_region: RwSignal<String>,
    pub time_zone: RwSignal<String>,
    pub language: RwSignal<String>,
    pub preferred_contact_time: RwSignal<String>,
}

impl Fields {
    pub fn new(draft: Draft) -> Self {
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

    /// Puts `draft`'s entries into the inputs.
    pub fn restore(&self, draft: Draft) {
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

    /// The current entries (tracked, so an effect re-runs on every change).
    pub fn draft(&self) -> Draft {
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

    pub fn draft_untracked(&self) -> Draft {
        untrack(|| self.draft())
    }
}

/// A fresh form: the browser's time zone and the interface language prefilled.
pub fn defaults(i18n: I18n) -> Draft {
    let ui_language = Language::from_code(i18n.get_locale_untracked().as_str())
        .map(|l| l.code().to_owned())
        .unwrap_or_default();
    Draft {
        time_zone: intl::browser_time_zone().unwrap_or_default(),
        language: ui_language,
        ..Draft::default()
    }
}

/// A restored draft, its empty time zone and language prefilled as in a fresh form.
pub fn with_defaults(restored: Draft, i18n: I18n) -> Draft {
    let fallback = defaults(i18n);
    Draft {
        time_zone: if restored.time_zone.is_empty() {
            fallback.time_zone
        } else {
            restored.time_zone.clone()
        },
        language: if restored.language.is_empty() {
            fallback.language
        } else {
            restored.language.clone()
        },
        ..restored
    }
}

/// The signed-in user's draft and the key of its submission intent. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct DraftStore {
    user_id: StoredValue<String>,
    /// One key per submission intent: kept for retries until the request is filed.
    key: StoredValue<Option<IdempotencyKey>>,
}

impl DraftStore {
    /// The saved draft of `user_id` (with its intent's key), if any.
    pub fn load(user_id: String) -> (Self, Option<Draft>) {
        let restored = draft::load(&user_id);
        let key = restored
            .as_ref()
            .and_then(|d| d.pending_key.as_deref())
            .and_then(IdempotencyKey::restore);
        let store = Self {
            user_id: StoredValue::new(user_id),
            key: StoredValue::new(key),
        };
        (store, restored)
    }

    /// Keeps `current` with the pending key, if a submission is pending.
    pub fn save(&self, mut current: Draft) {
        current.pending_key = self
            .key
            .with_value(|k| k.as_ref().map(|k| k.as_str().to_owned()));
        self.user_id.with_value(|id| draft::save(id, &current));
    }

    /// The key of this submission intent (made on its first send).
    pub fn intent(&self) -> IdempotencyKey {
        let intent = self.key.with_value(Clone::clone).unwrap_or_default();
        self.key.set_value(Some(intent.clone()));
        intent
    }

    /// The intent is done with: a new submit is a new intent.
    pub fn forget_key(&self) {
        self.key.set_value(None);
    }

    pub fn clear(&self) {
        self.user_id.with_value(|id| draft::clear(id));
    }
}
