//! Where the association wizard is, so a reload resumes at the last safe step.
//!
//! Only the step, the domain, the user name and the pending association's
//! id, organisation and domain are kept, in `sessionStorage` (this tab only).
//! The password is not a member of [`Draft`], so it cannot be written.

use serde::{Deserialize, Serialize};

use crate::components::storage_slot::{Area, StorageSlot};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Domain,
    Credentials,
    Review,
    Done,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Domain, Step::Credentials, Step::Review, Step::Done];

    /// 1-based position in the wizard.
    pub fn number(self) -> usize {
        match self {
            Step::Domain => 1,
            Step::Credentials => 2,
            Step::Review => 3,
            Step::Done => 4,
        }
    }

    /// Id of the step's `<h2>`, which takes focus when the step changes.
    pub fn heading_id(self) -> &'static str {
        match self {
            Step::Domain => "tenant-step-domain",
            Step::Credentials => "tenant-step-credentials",
            Step::Review => "tenant-step-review",
            Step::Done => "tenant-step-done",
        }
    }
}

/// Verified credentials waiting for the admin's confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub association_id: String,
    pub organisation: String,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Draft {
    pub step: Step,
    pub domain: String,
    pub username: String,
    pub pending: Option<Pending>,
}

impl Draft {
    /// The step a reload may safely resume at: never past what the saved
    /// entries support, and never at "done" (that ends the wizard).
    pub fn resumable(mut self) -> Self {
        let step = match self.step {
            Step::Review | Step::Done if self.pending.is_some() => Step::Review,
            _ if self.domain.trim().is_empty() => Step::Domain,
            Step::Domain => Step::Domain,
            _ => Step::Credentials,
        };
        if step != Step::Review {
            self.pending = None;
        }
        self.step = step;
        self
    }
}

/// The wizard's place, without the signed-in user's id: one per tab (the prefix alone is the key).
const SLOT: StorageSlot<Draft> =
    StorageSlot::new(Area::Session, "rewards-portal.tenants.associate");

pub fn load() -> Option<Draft> {
    SLOT.load("").map(Draft::resumable)
}

pub fn save(draft: &Draft) {
    SLOT.save("", draft);
}

pub fn clear() {
    SLOT.clear("");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Pending {
        Pending {
            association_id: "ta-1".into(),
            organisation: "Fabrikam, Inc.".into(),
            domain: "fabrikam.onmicrosoft.com".into(),
        }
    }

    fn draft(step: Step, domain: &str, pending: Option<Pending>) -> Draft {
        Draft {
            step,
            domain: domain.into(),
            username: "admin@fabrikam.onmicrosoft.com".into(),
            pending,
        }
    }

    #[test]
    fn review_resumes_only_with_a_pending_association() {
        let d = "fabrikam.onmicrosoft.com";
        assert_eq!(
            draft(Step::Review, d, Some(pending())).resumable().step,
            Step::Review
        );
        assert_eq!(
            draft(Step::Review, d, None).resumable().step,
            Step::Credentials
        );
        assert_eq!(
            draft(Step::Done, d, Some(pending())).resumable().step,
            Step::Review
        );
        assert_eq!(
            draft(Step::Credentials, "", None).resumable().step,
            Step::Domain
        );
        let back = draft(Step::Credentials, d, Some(pending())).resumable();
        assert_eq!((back.step, back.pending), (Step::Credentials, None));
    }

    #[test]
    fn the_stored_shape_has_no_secret_members() {
        let json =
            serde_json::to_string(&draft(Step::Review, "x.example", Some(pending()))).unwrap();
        assert!(!json.contains("password"), "{json}");
        assert!(!json.contains("token"), "{json}");
    }
}
