//! The "assign marketing contact" form and the contact-list rules.

use super::codes::{ErrorCode, FieldError, MAX_MARKETING_CONTACTS};
use super::fields::{same_email, validate_contact_email, validate_language, validate_line};
use super::form::Form;
use super::phone::normalize_phone;
use crate::model::{Benefit, BenefitCategory, BenefitStatus, Language, MarketingContact};
use serde::{Deserialize, Serialize};

/// Raw "assign marketing contact" form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactInput {
    pub user_id: String,
    pub email: String,
    pub phone: String,
    pub preferred_language: String,
}

/// A contact that passed validation (phone in E.164).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatedContact {
    pub user_id: String,
    pub email: String,
    pub phone_e164: String,
    pub preferred_language: Language,
}

impl ValidatedContact {
    pub fn into_contact(self, id: impl Into<String>) -> MarketingContact {
        MarketingContact {
            id: id.into(),
            user_id: self.user_id,
            email: self.email,
            phone_e164: self.phone_e164,
            preferred_language: self.preferred_language,
        }
    }
}

/// Validates a new contact against the company and its existing contacts.
///
/// To *edit* a contact, pass `existing` without the contact being edited.
/// A full list is reported on field "contacts" (`too_many_contacts`); a user
/// or email already assigned is `duplicate_contact` on that field.
pub fn validate_marketing_contact(
    input: &ContactInput,
    company_account_email: &str,
    existing: &[MarketingContact],
) -> Result<ValidatedContact, Vec<FieldError>> {
    let mut form = Form::default();
    if existing.len() >= MAX_MARKETING_CONTACTS {
        form.push("contacts", ErrorCode::TooManyContacts);
    }
    let user_id = form.check("user_id", validate_line(&input.user_id, 1, 100));
    if user_id
        .as_deref()
        .is_some_and(|u| existing.iter().any(|c| c.user_id == u))
    {
        form.push("user_id", ErrorCode::DuplicateContact);
    }
    let email = form.check(
        "email",
        validate_contact_email(&input.email, company_account_email),
    );
    if email
        .as_deref()
        .is_some_and(|e| existing.iter().any(|c| same_email(&c.email, e)))
    {
        form.push("email", ErrorCode::DuplicateContact);
    }
    let phone = form.check("phone", normalize_phone(&input.phone));
    let language = form.check(
        "preferred_language",
        validate_language(&input.preferred_language),
    );
    let value = (|| {
        Some(ValidatedContact {
            user_id: user_id?,
            email: email?,
            phone_e164: phone?,
            preferred_language: language?,
        })
    })();
    form.finish(value)
}

/// Checks a whole contact list: 1..=3 contacts, no repeated user or email.
/// Duplicates are reported on "contacts[i]" for the later entry.
pub fn validate_contact_list(contacts: &[MarketingContact]) -> Result<(), Vec<FieldError>> {
    let mut form = Form::default();
    if contacts.is_empty() {
        form.push("contacts", ErrorCode::NoContacts);
    }
    if contacts.len() > MAX_MARKETING_CONTACTS {
        form.push("contacts", ErrorCode::TooManyContacts);
    }
    for (i, c) in contacts.iter().enumerate() {
        let earlier = &contacts[..i];
        if earlier
            .iter()
            .any(|e| e.user_id == c.user_id || same_email(&e.email, &c.email))
        {
            form.push(&format!("contacts[{i}]"), ErrorCode::DuplicateContact);
        }
    }
    form.finish(Some(()))
}

/// Whether this benefit still needs a company marketing contact: after Activate the Rewards
/// team works with the marketing contact until the engagement is delivered, so an activated or
/// in-progress sales and marketing benefit needs one. Technical benefits never do.
pub fn needs_marketing_contact(benefit: &Benefit) -> bool {
    benefit.category == BenefitCategory::SalesMarketing
        && matches!(
            benefit.status,
            BenefitStatus::Activated | BenefitStatus::InProgress
        )
}

/// Why a marketing contact cannot be removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactRemovalBlocked {
    /// It is the company's last contact and these benefits (ids, in the order given) need one.
    LastContactNeeded { benefit_ids: Vec<String> },
}

/// May a contact be removed, leaving `remaining` contacts, while the company has `benefits`?
/// The last contact may go only when no benefit [`needs_marketing_contact`].
pub fn check_contact_removal(
    remaining: &[MarketingContact],
    benefits: &[Benefit],
) -> Result<(), ContactRemovalBlocked> {
    if !remaining.is_empty() {
        return Ok(());
    }
    let benefit_ids: Vec<String> = benefits
        .iter()
        .filter(|b| needs_marketing_contact(b))
        .map(|b| b.id.clone())
        .collect();
    if benefit_ids.is_empty() {
        Ok(())
    } else {
        Err(ContactRemovalBlocked::LastContactNeeded { benefit_ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::{case_and_space_variant, codes, contact, valid_email};
    use proptest::prelude::*;
    use ErrorCode as E;

    fn good_contact() -> ContactInput {
        ContactInput {
            user_id: "user-2".into(),
            email: " Marketing@Contoso.com ".into(),
            phone: "+31 (0)20 123 4567".into(),
            preferred_language: "nl".into(),
        }
    }

    #[test]
    fn marketing_contact_form() {
        let ok = validate_marketing_contact(&good_contact(), "admin@contoso.com", &[]).unwrap();
        assert_eq!(ok.email, "Marketing@Contoso.com");
        assert_eq!(ok.phone_e164, "+31201234567");
        assert_eq!(
            ok.clone().into_contact("c1").preferred_language,
            Language::Nl
        );

        let all_bad = ContactInput {
            user_id: "".into(),
            email: "ADMIN@contoso.com".into(),
            phone: "020 1234567".into(),
            preferred_language: "tlh".into(),
        };
        let errs = validate_marketing_contact(&all_bad, "admin@contoso.com", &[]).unwrap_err();
        assert_eq!(
            codes(&errs),
            [
                ("user_id", E::Required),
                ("email", E::EmailSameAsAccount),
                ("phone", E::PhoneCountryCodeRequired),
                ("preferred_language", E::LanguageUnsupported),
            ]
        );

        let existing = [
            contact("c1", "user-2", "other@contoso.com"),
            contact("c2", "user-3", "MARKETING@contoso.com"),
        ];
        let errs = validate_marketing_contact(&good_contact(), "admin@contoso.com", &existing)
            .unwrap_err();
        assert_eq!(
            codes(&errs),
            [
                ("user_id", E::DuplicateContact),
                ("email", E::DuplicateContact)
            ]
        );

        let full = [
            contact("a", "u1", "a@x.com"),
            contact("b", "u3", "b@x.com"),
            contact("c", "u4", "c@x.com"),
        ];
        let errs =
            validate_marketing_contact(&good_contact(), "admin@contoso.com", &full).unwrap_err();
        assert_eq!(codes(&errs), [("contacts", E::TooManyContacts)]);
    }

    #[test]
    fn contact_list_rules() {
        assert_eq!(
            validate_contact_list(&[]).unwrap_err(),
            vec![FieldError::new("contacts", E::NoContacts)]
        );
        assert!(validate_contact_list(&[contact("a", "u1", "a@x.com")]).is_ok());
        let four: Vec<_> = (0..4)
            .map(|i| contact("c", &format!("u{i}"), &format!("{i}@x.com")))
            .collect();
        assert_eq!(
            codes(&validate_contact_list(&four).unwrap_err()),
            [("contacts", E::TooManyContacts)]
        );
        let dup = [
            contact("a", "u1", "a@x.com"),
            contact("b", "u2", " A@X.com"),
        ];
        assert_eq!(
            codes(&validate_contact_list(&dup).unwrap_err()),
            [("contacts[1]", E::DuplicateContact)]
        );
    }

    fn benefit(id: &str, category: BenefitCategory, status: BenefitStatus) -> Benefit {
        let mut b = crate::validate::test_support::benefit(id);
        b.category = category;
        b.status = status;
        b
    }

    #[test]
    fn which_benefits_need_a_contact() {
        use BenefitCategory::{SalesMarketing as Sm, Technical as Tech};
        for status in BenefitStatus::ALL {
            let needed = matches!(status, BenefitStatus::Activated | BenefitStatus::InProgress);
            assert_eq!(
                needs_marketing_contact(&benefit("b", Sm, status)),
                needed,
                "{status:?}"
            );
            assert!(
                !needs_marketing_contact(&benefit("b", Tech, status)),
                "{status:?}"
            );
        }
    }

    #[test]
    fn contact_removal() {
        use BenefitCategory::{SalesMarketing as Sm, Technical as Tech};
        use BenefitStatus::*;
        let one = [contact("a", "u1", "a@x.com")];
        let benefits = [
            benefit("done", Sm, Completed),
            benefit("tech", Tech, Activated),
            benefit("act", Sm, Activated),
            benefit("avail", Sm, Available),
            benefit("prog", Sm, InProgress),
        ];
        // Another contact remains: always allowed.
        assert_eq!(check_contact_removal(&one, &benefits), Ok(()));
        // The last one, needed by the activated and the in-progress benefit.
        assert_eq!(
            check_contact_removal(&[], &benefits),
            Err(ContactRemovalBlocked::LastContactNeeded {
                benefit_ids: vec!["act".into(), "prog".into()]
            })
        );
        // The last one, with nothing activated (completed, technical, available): allowed.
        assert_eq!(check_contact_removal(&[], &benefits[..2]), Ok(()));
        assert_eq!(check_contact_removal(&[], &[]), Ok(()));
    }

    proptest! {
        #[test]
        fn account_email_variants_rejected(e in valid_email(), flips in proptest::collection::vec(any::<bool>(), 1..8), pad in (0usize..3, 0usize..3)) {
            let variant = case_and_space_variant(&e, &flips, pad);
            prop_assert_eq!(validate_contact_email(&variant, &e), Err(E::EmailSameAsAccount));
            let input = ContactInput { user_id: "u".into(), email: variant, phone: "+3120123456".into(), preferred_language: "en".into() };
            let errs = validate_marketing_contact(&input, &e, &[]).unwrap_err();
            prop_assert_eq!(codes(&errs), vec![("email", E::EmailSameAsAccount)]);
        }

        #[test]
        fn contact_lists(users in proptest::collection::vec(0u8..5, 0..6)) {
            let list: Vec<_> = users.iter().enumerate()
                .map(|(i, u)| contact(&format!("c{i}"), &format!("u{u}"), &format!("u{u}@x.com")))
                .collect();
            let distinct: std::collections::HashSet<_> = users.iter().collect();
            let ok = (1..=MAX_MARKETING_CONTACTS).contains(&list.len()) && distinct.len() == users.len();
            prop_assert_eq!(validate_contact_list(&list).is_ok(), ok);
        }

        #[test]
        fn removal_refused_only_for_the_last_needed_contact(
            remaining in 0usize..3,
            statuses in proptest::collection::vec((0usize..BenefitStatus::ALL.len(), any::<bool>()), 0..8),
        ) {
            let contacts: Vec<_> = (0..remaining).map(|i| contact(&format!("c{i}"), &format!("u{i}"), &format!("u{i}@x.com"))).collect();
            let benefits: Vec<_> = statuses.iter().enumerate().map(|(i, &(s, sm))| {
                let category = if sm { BenefitCategory::SalesMarketing } else { BenefitCategory::Technical };
                benefit(&format!("b{i}"), category, BenefitStatus::ALL[s])
            }).collect();
            let needed = benefits.iter().any(|b| b.category == BenefitCategory::SalesMarketing
                && matches!(b.status, BenefitStatus::Activated | BenefitStatus::InProgress));
            prop_assert_eq!(check_contact_removal(&contacts, &benefits).is_err(), remaining == 0 && needed);
        }

        #[test]
        fn new_contact_never_exceeds_three(n in 0usize..5) {
            let existing: Vec<_> = (0..n).map(|i| contact("c", &format!("x{i}"), &format!("x{i}@x.com"))).collect();
            let result = validate_marketing_contact(&good_contact(), "admin@contoso.com", &existing);
            prop_assert_eq!(result.is_ok(), n < MAX_MARKETING_CONTACTS);
        }
    }
}
