//! Embedding: the host ↔ app `postMessage` protocol and the runtime
//! configuration deployed next to the app (`config.json`).
//!
//! Every message is a JSON object `{"protocol": "rewards-embed", "version": 1,
//! "type": …, …}`; see `docs/embedding.md` for the host developer's view.

use serde::{Deserialize, Serialize};

pub const PROTOCOL: &str = "rewards-embed";
pub const PROTOCOL_VERSION: u32 = 1;

/// The colour themes a host (or the user's system) can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    Light,
    Dark,
    HighContrast,
}

impl Theme {
    /// The value of `<html data-theme>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "high-contrast",
        }
    }
}

/// Host → app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum HostMessage {
    /// The answer to `ready`: credentials and presentation.
    Init {
        token: String,
        #[serde(default)]
        locale: Option<String>,
        #[serde(default)]
        theme: Option<Theme>,
        /// An app route such as `/benefits/technical`.
        #[serde(default)]
        route: Option<String>,
    },
    SetLocale {
        locale: String,
    },
    SetTheme {
        theme: Theme,
    },
    Navigate {
        route: String,
    },
    /// A fresh token after `token-expired`.
    Token {
        token: String,
    },
}

/// App → host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum AppMessage {
    Ready,
    /// The content height in CSS pixels.
    Resize {
        height: u32,
    },
    /// The route now shown, relative to the app's base path.
    Navigate {
        route: String,
    },
    TokenExpired,
    /// The app cannot continue (for example after a panic); `code` is stable.
    Error {
        code: String,
    },
}

#[derive(Serialize)]
struct OutgoingEnvelope<'a> {
    protocol: &'static str,
    version: u32,
    #[serde(flatten)]
    message: &'a AppMessage,
}

#[derive(Deserialize)]
struct IncomingEnvelope {
    protocol: String,
    version: u32,
    #[serde(flatten)]
    message: serde_json::Value,
}

/// Why a host message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectReason {
    NotJson,
    OtherProtocol,
    UnsupportedVersion(u32),
    Malformed,
    UnsafeRoute,
}

impl AppMessage {
    pub fn to_json(&self) -> String {
        let envelope = OutgoingEnvelope {
            protocol: PROTOCOL,
            version: PROTOCOL_VERSION,
            message: self,
        };
        serde_json::to_string(&envelope).expect("app messages always serialize")
    }
}

impl HostMessage {
    /// Parses and checks a message from the host. Routes must be plain
    /// in-app paths, so a host cannot make the app load another page.
    pub fn parse(json: &str) -> Result<HostMessage, RejectReason> {
        let envelope: IncomingEnvelope =
            serde_json::from_str(json).map_err(|_| RejectReason::NotJson)?;
        if envelope.protocol != PROTOCOL {
            return Err(RejectReason::OtherProtocol);
        }
        if envelope.version != PROTOCOL_VERSION {
            return Err(RejectReason::UnsupportedVersion(envelope.version));
        }
        let message: HostMessage =
            serde_json::from_value(envelope.message).map_err(|_| RejectReason::Malformed)?;
        let route = match &message {
            HostMessage::Init { route, .. } => route.as_deref(),
            HostMessage::Navigate { route } => Some(route.as_str()),
            _ => None,
        };
        if route.is_some_and(|r| !is_app_route(r)) {
            return Err(RejectReason::UnsafeRoute);
        }
        Ok(message)
    }
}

/// `/path?query` inside the app: no scheme, no host, no `..`, no backslash.
pub fn is_app_route(route: &str) -> bool {
    route.starts_with('/')
        && !route.starts_with("//")
        && route.len() <= 512
        && !route.contains('\\')
        && !route.chars().any(char::is_control)
        && !route.split(['/', '?', '#']).any(|segment| segment == "..")
}

/// `config.json`, deployed next to `index.html`; every field optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuntimeConfig {
    /// Where the API lives: a path on this origin or an absolute URL.
    pub api_base: String,
    /// Exact origins (`https://portal.example.com`) allowed to frame and talk to the app.
    pub allowed_host_origins: Vec<String>,
    /// The locale when neither the user, the URL nor the browser picks one.
    pub default_locale: Option<String>,
    /// Addresses of the overview's "next steps" and of the support ticket
    /// form; each one overridable on its own.
    pub links: Links,
    /// Where the partner account's users are added (Partner Center's user management), linked
    /// from the Assign user dialog; an absolute `https://` (or `http://`) URL, else dropped.
    pub users_admin_url: Option<String>,
}

/// `links` in `config.json`: absolute `https://` (or `http://`) addresses.
/// A missing, empty or otherwise unusable value falls back to the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Links {
    /// The publisher toolkit (marketing materials for marketplace publishers).
    pub publisher_toolkit: String,
    /// The programme's overview page.
    pub programme_overview: String,
    /// Where to create or configure an offer (Partner Center's commercial
    /// marketplace overview).
    pub offer_publishing_guide: String,
    /// Where partners get help from each other and Microsoft (the
    /// marketplace community forum).
    pub support: String,
    /// Where a partner opens a support ticket (the four-week rule).
    pub support_ticket: String,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            publisher_toolkit: "https://partner.microsoft.com/asset/collection/azure-marketplace-and-appsource-publisher-toolkit#/".into(),
            programme_overview: "https://aka.ms/marketplacerewards".into(),
            offer_publishing_guide: "https://partner.microsoft.com/dashboard/commercial-marketplace/overview".into(),
            support: "https://aka.ms/MarketplaceCommunity".into(),
            support_ticket: "https://aka.ms/marketplacepublishersupport".into(),
        }
    }
}

impl Links {
    /// Replaces every value that is not an absolute http(s) address with
    /// its default (a `javascript:` or relative value never reaches a link).
    fn sanitize(&mut self) {
        let defaults = Links::default();
        let fix = |value: &mut String, default: &str| {
            let v = value.trim();
            let ok = v.len() <= 2048 && is_web_url(v);
            *value = if ok {
                v.to_string()
            } else {
                default.to_string()
            };
        };
        fix(&mut self.publisher_toolkit, &defaults.publisher_toolkit);
        fix(&mut self.programme_overview, &defaults.programme_overview);
        fix(
            &mut self.offer_publishing_guide,
            &defaults.offer_publishing_guide,
        );
        fix(&mut self.support, &defaults.support);
        fix(&mut self.support_ticket, &defaults.support_ticket);
    }
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: crate::api::API_PREFIX.to_string(),
            allowed_host_origins: Vec::new(),
            default_locale: None,
            links: Links::default(),
            users_admin_url: None,
        }
    }
}

impl RuntimeConfig {
    /// Parses `config.json`, dropping origins that are not exact (a wildcard or
    /// a path would let other pages talk to the app).
    pub fn parse(json: &str) -> Result<RuntimeConfig, String> {
        let mut config: RuntimeConfig = serde_json::from_str(json).map_err(|e| e.to_string())?;
        config.allowed_host_origins.retain(|o| is_exact_origin(o));
        if config.api_base.trim().is_empty() {
            config.api_base = crate::api::API_PREFIX.to_string();
        }
        config.links.sanitize();
        config.users_admin_url = config
            .users_admin_url
            .map(|url| url.trim().to_string())
            .filter(|url| is_web_url(url));
        Ok(config)
    }

    pub fn allows_host(&self, origin: &str) -> bool {
        is_exact_origin(origin) && self.allowed_host_origins.iter().any(|o| o == origin)
    }
}

/// An absolute `https://` or `http://` URL with a host and no spaces, quotes, angle brackets or
/// control characters (a `javascript:` or relative link is never one).
pub fn is_web_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    matches!(scheme, "https" | "http")
        && is_exact_origin(&format!("{scheme}://{host}"))
        && !url.chars().any(|c| {
            c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\')
        })
}

/// `scheme://host[:port]` and nothing else.
pub fn is_exact_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    let host_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    matches!(scheme, "https" | "http") && host_ok
}

/// The app's base path from the document's path, by removing the in-app
/// route at its end: `/portal/rewards/benefits/technical` → `/portal/rewards/`.
/// `routes` are the app's static route paths. An unknown route is taken to be
/// one segment below the base (the not-found page), so the base itself must
/// be requested with its trailing slash (hosts redirect `/portal/rewards`).
pub fn base_path(document_path: &str, routes: &[&str]) -> String {
    let path = document_path
        .strip_suffix("index.html")
        .unwrap_or(document_path);
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    let mut tails: Vec<String> = routes
        .iter()
        .map(|r| r.trim_matches('/'))
        .filter(|r| !r.is_empty())
        .map(|r| format!("/{r}"))
        .collect();
    tails.sort_by_key(|t| std::cmp::Reverse(t.len()));
    if let Some(base) = tails.iter().find_map(|t| trimmed.strip_suffix(t.as_str())) {
        return format!("{base}/");
    }
    match path.rfind('/') {
        Some(slash) => path[..=slash].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTES: &[&str] = &[
        "/",
        "/benefits",
        "/benefits/sales-marketing",
        "/benefits/technical",
        "/technical-requests/new",
        "/settings/tenants",
        "/settings/tenants/associate",
    ];

    #[test]
    fn app_messages_carry_the_envelope() {
        assert_eq!(
            AppMessage::Resize { height: 812 }.to_json(),
            r#"{"protocol":"rewards-embed","version":1,"type":"resize","height":812}"#
        );
        assert_eq!(
            AppMessage::TokenExpired.to_json(),
            r#"{"protocol":"rewards-embed","version":1,"type":"token-expired"}"#
        );
    }

    #[test]
    fn host_messages_parse() {
        let init = r#"{"protocol":"rewards-embed","version":1,"type":"init","token":"t",
            "locale":"nl","theme":"high-contrast","route":"/benefits/technical"}"#;
        assert_eq!(
            HostMessage::parse(init),
            Ok(HostMessage::Init {
                token: "t".into(),
                locale: Some("nl".into()),
                theme: Some(Theme::HighContrast),
                route: Some("/benefits/technical".into()),
            })
        );
        let theme = r#"{"protocol":"rewards-embed","version":1,"type":"set-theme","theme":"dark"}"#;
        assert_eq!(
            HostMessage::parse(theme),
            Ok(HostMessage::SetTheme { theme: Theme::Dark })
        );
    }

    #[test]
    fn host_messages_are_refused_when_wrong() {
        let cases = [
            ("not json", RejectReason::NotJson),
            (
                r#"{"protocol":"x","version":1,"type":"token","token":"t"}"#,
                RejectReason::OtherProtocol,
            ),
            (
                r#"{"protocol":"rewards-embed","version":2,"type":"token","token":"t"}"#,
                RejectReason::UnsupportedVersion(2),
            ),
            (
                r#"{"protocol":"rewards-embed","version":1,"type":"eval"}"#,
                RejectReason::Malformed,
            ),
            (
                r#"{"protocol":"rewards-embed","version":1,"type":"set-theme","theme":"neon"}"#,
                RejectReason::Malformed,
            ),
            (
                r#"{"protocol":"rewards-embed","version":1,"type":"navigate","route":"//evil.example/x"}"#,
                RejectReason::UnsafeRoute,
            ),
            (
                r#"{"protocol":"rewards-embed","version":1,"type":"navigate","route":"javascript:alert(1)"}"#,
                RejectReason::UnsafeRoute,
            ),
        ];
        for (json, reason) in cases {
            assert_eq!(HostMessage::parse(json), Err(reason), "{json}");
        }
    }

    #[test]
    fn routes_must_stay_inside_the_app() {
        assert!(is_app_route("/"));
        assert!(is_app_route("/benefits/technical?status=active"));
        for bad in [
            "",
            "benefits",
            "//x",
            "/a/../b",
            "/a\\b",
            "https://x/",
            "/a\nb",
        ] {
            assert!(!is_app_route(bad), "{bad:?}");
        }
    }

    #[test]
    fn config_keeps_only_exact_origins() {
        let config = RuntimeConfig::parse(
            r#"{"apiBase":"https://api.example.com/v1","allowedHostOrigins":
               ["https://portal.example.com","*","https://x.example/path","http://localhost:8182"],
               "defaultLocale":"fr"}"#,
        )
        .unwrap();
        assert_eq!(
            config.allowed_host_origins,
            ["https://portal.example.com", "http://localhost:8182"]
        );
        assert!(config.allows_host("https://portal.example.com"));
        assert!(!config.allows_host("https://portal.example.com.evil.example"));
        assert!(!config.allows_host("null"));
        assert_eq!(config.default_locale.as_deref(), Some("fr"));
        assert_eq!(
            RuntimeConfig::parse("{}").unwrap(),
            RuntimeConfig::default()
        );
        assert!(RuntimeConfig::parse(r#""config""#).is_err());
        let users = |url: &str| {
            RuntimeConfig::parse(&serde_json::json!({ "usersAdminUrl": url }).to_string())
                .unwrap()
                .users_admin_url
        };
        assert_eq!(
            users(" https://partner.example.com/account/users?x=1#top "),
            Some("https://partner.example.com/account/users?x=1#top".to_string())
        );
        assert_eq!(
            users("http://localhost:8182/users").as_deref(),
            Some("http://localhost:8182/users")
        );
        for bad in [
            "javascript:alert(1)",
            "/account/users",
            "//evil.example/users",
            "ftp://example.com/",
            "https://",
            "https://exa mple.com/",
            "https://example.com/\"><script>",
            "data:text/html,hi",
        ] {
            assert_eq!(users(bad), None, "{bad}");
        }
        assert!(RuntimeConfig::parse(r#"{"apiBase": 3}"#).is_err());
    }

    #[test]
    fn links_are_overridable_one_by_one_and_only_with_web_addresses() {
        let config = RuntimeConfig::parse(
            r#"{"links":{"supportTicket":"https://support.example.com/new",
               "publisherToolkit":"javascript:alert(1)","support":"/relative",
               "programmeOverview":"  "}}"#,
        )
        .unwrap();
        let defaults = Links::default();
        assert_eq!(
            config.links.support_ticket,
            "https://support.example.com/new"
        );
        assert_eq!(config.links.publisher_toolkit, defaults.publisher_toolkit);
        assert_eq!(config.links.support, defaults.support);
        assert_eq!(config.links.programme_overview, defaults.programme_overview);
        assert_eq!(
            config.links.offer_publishing_guide,
            defaults.offer_publishing_guide
        );
        assert!(RuntimeConfig::parse(r#"{"links": 3}"#).is_err());
    }

    #[test]
    fn base_path_strips_the_app_route() {
        let cases = [
            ("/", "/"),
            ("/index.html", "/"),
            ("/benefits/technical", "/"),
            ("/settings/tenants/associate", "/"),
            ("/portal/rewards/", "/portal/rewards/"),
            ("/nonsense", "/"),
            ("/portal/rewards/nonsense", "/portal/rewards/"),
            ("/portal/rewards/benefits/technical", "/portal/rewards/"),
            ("/portal/rewards/settings/tenants", "/portal/rewards/"),
            ("/portal/rewards/technical-requests/new", "/portal/rewards/"),
        ];
        for (path, base) in cases {
            assert_eq!(base_path(path, ROUTES), base, "{path}");
        }
    }
}
