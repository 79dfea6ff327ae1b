//! Localized names of the contact's preferred languages.

use rewards_core::model::Language;

use crate::i18n::{t_string, I18n};

pub fn language_name(i18n: I18n, language: Language) -> &'static str {
    match language {
        Language::En => t_string!(i18n, contact.languages.en),
        Language::Nl => t_string!(i18n, contact.languages.nl),
        Language::Fr => t_string!(i18n, contact.languages.fr),
        Language::Sv => t_string!(i18n, contact.languages.sv),
        Language::ZhTw => t_string!(i18n, contact.languages.zh_tw),
        Language::ZhCn => t_string!(i18n, contact.languages.zh_cn),
        Language::De => t_string!(i18n, contact.languages.de),
        Language::Es => t_string!(i18n, contact.languages.es),
        Language::It => t_string!(i18n, contact.languages.it),
        Language::Ja => t_string!(i18n, contact.languages.ja),
        Language::Ko => t_string!(i18n, contact.languages.ko),
        Language::Pt => t_string!(i18n, contact.languages.pt),
    }
}
