//! Localized names of the request's enumerations.

use rewards_core::model::{RequestStatus, SolutionType, TechnicalPhase};

use crate::i18n::{t_string, I18n};

pub const PHASES: [TechnicalPhase; 4] = TechnicalPhase::ALL;
pub const SOLUTION_TYPES: [SolutionType; 2] = SolutionType::ALL;

pub fn phase_label(i18n: I18n, phase: TechnicalPhase) -> &'static str {
    match phase {
        TechnicalPhase::Presales => t_string!(i18n, technical.phase.presales),
        TechnicalPhase::Design => t_string!(i18n, technical.phase.design),
        TechnicalPhase::Deployment => t_string!(i18n, technical.phase.deployment),
        TechnicalPhase::AppDevelopment => t_string!(i18n, technical.phase.app_development),
    }
}

pub fn solution_label(i18n: I18n, solution: SolutionType) -> &'static str {
    match solution {
        SolutionType::Cloud => t_string!(i18n, technical.solution.cloud),
        SolutionType::Hybrid => t_string!(i18n, technical.solution.hybrid),
    }
}

pub fn status_label(i18n: I18n, status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Submitted => t_string!(i18n, technical.status.submitted),
        RequestStatus::InReview => t_string!(i18n, technical.status.in_review),
        RequestStatus::ActionRequired => t_string!(i18n, technical.status.action_required),
        RequestStatus::Resolved => t_string!(i18n, technical.status.resolved),
        RequestStatus::Closed => t_string!(i18n, technical.status.closed),
        RequestStatus::InProgress => t_string!(i18n, technical.status.in_progress),
        RequestStatus::Cancelled => t_string!(i18n, technical.status.cancelled),
    }
}
