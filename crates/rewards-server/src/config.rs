//! Command-line and environment configuration. A flag wins over its
//! environment variable, which wins over the default.

use std::net::IpAddr;
use std::path::PathBuf;

/// Server configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `--bind` / `REWARDS_BIND` (default `127.0.0.1`).
    pub bind: IpAddr,
    /// `--port` / `REWARDS_PORT` (default 8080).
    pub port: u16,
    /// `--db` / `REWARDS_DB` (default `data/rewards.sqlite3`): a SQLite file,
    /// or a `postgres://` / `postgresql://` URL ([`crate::db::is_postgres_url`]).
    pub db: PathBuf,
    /// `--dist` / `REWARDS_DIST` (default `dist`): the SPA build to serve.
    pub dist: PathBuf,
    /// `--frame-ancestors` / `REWARDS_FRAME_ANCESTORS` (default `'self'`):
    /// the CSP `frame-ancestors` source list.
    pub frame_ancestors: String,
    /// `--base-path` / `REWARDS_BASE_PATH` (default `/`): where the SPA is
    /// served, e.g. `/portal/rewards/` as on a CDN sub-path. The API stays at `/api/v1`.
    pub base_path: String,
    /// `--cors-origins` / `REWARDS_CORS_ORIGINS` (default none): exact origins
    /// (`https://rewards.example`, space- or comma-separated) of an SPA served
    /// elsewhere that calls this API with credentials. None: no CORS headers.
    pub cors_origins: Vec<String>,
    /// `--trusted-proxies` / `REWARDS_TRUSTED_PROXIES` (default none): comma-separated
    /// addresses of reverse proxies whose `X-Forwarded-For` names the client
    /// (for the per-address sign-in limit). Without it the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    /// `--clock-offset-days` (debug builds only; no environment variable):
    /// the programme rules run this many days after the real date, so the
    /// end-to-end suite can see expiry, "expires soon" and the four-week
    /// rule move. A release build does not know the flag.
    pub clock_offset_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            db: PathBuf::from("data/rewards.sqlite3"),
            dist: PathBuf::from("dist"),
            frame_ancestors: "'self'".to_string(),
            base_path: "/".to_string(),
            cors_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            clock_offset_days: 0,
        }
    }
}

pub const USAGE: &str = "\
rewards-server: Marketplace Rewards reference API server and SPA host

Usage: rewards-server [OPTIONS]

Options (each also read from the environment variable shown):
  --bind <ADDR>              address to listen on [REWARDS_BIND, default 127.0.0.1]
  --port <PORT>              TCP port [REWARDS_PORT, default 8080]
  --db <PATH|URL>            SQLite database file, or postgres://user[:password]@host[:port]/db
                             for PostgreSQL [REWARDS_DB, default data/rewards.sqlite3]
  --dist <DIR>               SPA build directory [REWARDS_DIST, default dist]
  --frame-ancestors <LIST>   CSP frame-ancestors sources [REWARDS_FRAME_ANCESTORS, default 'self']
  --base-path <PATH>         serve the SPA under this path [REWARDS_BASE_PATH, default /]
  --cors-origins <LIST>      origins of an SPA elsewhere that may call the API with
                             credentials (CORS) [REWARDS_CORS_ORIGINS, default none]
  --trusted-proxies <LIST>   comma-separated proxy addresses whose X-Forwarded-For is
                             believed for the sign-in limits [REWARDS_TRUSTED_PROXIES, default none]
  -h, --help                 print this help
";

/// The test-only flag that moves the rules' clock; it exists only in debug
/// builds (`cfg!(debug_assertions)`), so a release server rejects it as an
/// unknown option.
const TEST_CLOCK_FLAG: &str = "clock-offset-days";

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Run(Config),
    Help,
}

impl Config {
    /// Parses `args` (without the program name), falling back to `env`.
    pub fn parse<I, E>(args: I, env: E) -> Result<Command, String>
    where
        I: IntoIterator<Item = String>,
        E: Fn(&str) -> Option<String>,
    {
        let mut config = Config::default();
        let set = |name: &str, value: String, config: &mut Config| -> Result<(), String> {
            match name {
                "bind" => {
                    config.bind = value
                        .parse()
                        .map_err(|_| format!("invalid bind address: {value}"))?
                }
                "port" => {
                    config.port = value
                        .parse()
                        .map_err(|_| format!("invalid port: {value}"))?
                }
                "db" => config.db = PathBuf::from(value),
                "dist" => config.dist = PathBuf::from(value),
                "frame-ancestors" => config.frame_ancestors = check_sources(&value)?,
                "base-path" => config.base_path = check_base_path(&value)?,
                "cors-origins" => config.cors_origins = check_origins(&value)?,
                "trusted-proxies" => {
                    config.trusted_proxies = value
                        .split(',')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| {
                            v.parse::<IpAddr>()
                                .map(|a| a.to_canonical())
                                .map_err(|_| format!("invalid trusted proxy address: {v}"))
                        })
                        .collect::<Result<_, _>>()?
                }
                _ => unreachable!(),
            }
            Ok(())
        };
        const NAMES: [&str; 8] = [
            "bind",
            "port",
            "db",
            "dist",
            "frame-ancestors",
            "base-path",
            "cors-origins",
            "trusted-proxies",
        ];
        for name in NAMES {
            let var = format!("REWARDS_{}", name.to_ascii_uppercase().replace('-', "_"));
            if let Some(value) = env(&var).filter(|v| !v.is_empty()) {
                set(name, value, &mut config)?;
            }
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "-h" || arg == "--help" {
                return Ok(Command::Help);
            }
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument: {arg}"));
            };
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (flag, None),
            };
            if cfg!(debug_assertions) && name == TEST_CLOCK_FLAG {
                let value = match inline {
                    Some(v) => v,
                    None => args
                        .next()
                        .ok_or_else(|| format!("--{name} needs a value"))?,
                };
                config.clock_offset_days = value
                    .parse::<i64>()
                    .ok()
                    .filter(|d| d.abs() <= 36_500)
                    .ok_or_else(|| format!("invalid clock offset (days): {value}"))?;
                continue;
            }
            if !NAMES.contains(&name) {
                return Err(format!("unknown option: --{name}"));
            }
            let value = match inline {
                Some(v) => v,
                None => args
                    .next()
                    .ok_or_else(|| format!("--{name} needs a value"))?,
            };
            set(name, value, &mut config)?;
        }
        Ok(Command::Run(config))
    }
}

/// `/a/b/` form: leading and trailing slash, plain segments only.
fn check_base_path(value: &str) -> Result<String, String> {
    let segments: Vec<&str> = value.split('/').filter(|s| !s.is_empty()).collect();
    let plain = |s: &&str| {
        *s != ".."
            && *s != "."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if !value.starts_with('/') || !segments.iter().all(plain) || segments.first() == Some(&"api") {
        return Err(format!("invalid base path: {value:?}"));
    }
    Ok(if segments.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", segments.join("/"))
    })
}

/// Exact origins only (`scheme://host[:port]`): no wildcard, no path, since each is
/// trusted with the user's credentials.
fn check_origins(value: &str) -> Result<Vec<String>, String> {
    let mut origins: Vec<String> = Vec::new();
    for origin in value
        .split([' ', ',', '\t', '\n'])
        .filter(|o| !o.is_empty())
    {
        if !rewards_core::embed::is_exact_origin(origin) {
            return Err(format!("invalid CORS origin: {origin:?}"));
        }
        if !origins.iter().any(|o| o == origin) {
            origins.push(origin.to_string());
        }
    }
    Ok(origins)
}

/// A CSP source list must not be able to inject further directives.
fn check_sources(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() || v.chars().any(|c| c == ';' || c == ',' || c.is_control()) {
        return Err(format!("invalid frame-ancestors source list: {value:?}"));
    }
    Ok(v.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::parse(args.iter().map(|s| s.to_string()), |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn clock_offset_is_a_debug_only_flag() {
        let parsed = parse(&["--clock-offset-days", "30"], &[]);
        let env_only = parse(&[], &[("REWARDS_CLOCK_OFFSET_DAYS", "30")]);
        assert_eq!(env_only, Ok(Command::Run(Config::default())));
        if cfg!(debug_assertions) {
            let Ok(Command::Run(c)) = parsed else {
                panic!("{parsed:?}")
            };
            assert_eq!(c.clock_offset_days, 30);
            assert!(parse(&["--clock-offset-days=x"], &[]).is_err());
            assert!(parse(&["--clock-offset-days=99999"], &[]).is_err());
        } else {
            assert_eq!(parsed, Err("unknown option: --clock-offset-days".into()));
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[], &[]), Ok(Command::Run(Config::default())));
    }

    #[test]
    fn flags_override_env() {
        let Ok(Command::Run(c)) = parse(
            &[
                "--port",
                "9000",
                "--db=x/y.sqlite3",
                "--frame-ancestors",
                "'self' https://a.example",
            ],
            &[
                ("REWARDS_PORT", "7000"),
                ("REWARDS_DIST", "web"),
                ("REWARDS_BIND", "0.0.0.0"),
            ],
        ) else {
            panic!()
        };
        assert_eq!(c.port, 9000);
        assert_eq!(c.db, PathBuf::from("x/y.sqlite3"));
        assert_eq!(c.dist, PathBuf::from("web"));
        assert_eq!(c.bind.to_string(), "0.0.0.0");
        assert_eq!(c.frame_ancestors, "'self' https://a.example");
    }

    #[test]
    fn a_postgres_url_selects_postgresql() {
        let Ok(Command::Run(c)) = parse(&[], &[("REWARDS_DB", "postgres://u@db.example/r")]) else {
            panic!()
        };
        assert!(crate::db::is_postgres_url(c.db.to_str().unwrap()));
        let Ok(Command::Run(c)) = parse(&["--db", "postgresql://db.example/r"], &[]) else {
            panic!()
        };
        assert!(crate::db::is_postgres_url(c.db.to_str().unwrap()));
        assert!(!crate::db::is_postgres_url("data/rewards.sqlite3"));
    }

    #[test]
    fn errors() {
        assert!(parse(&["--port", "x"], &[]).is_err());
        assert!(parse(&["--nope"], &[]).is_err());
        assert!(parse(&["--db"], &[]).is_err());
        assert!(parse(&["--frame-ancestors", "'self'; script-src *"], &[]).is_err());
        assert_eq!(parse(&["--help"], &[]), Ok(Command::Help));
        assert!(parse(&["--base-path", "portal"], &[]).is_err());
        assert!(parse(&["--base-path", "/a/../b"], &[]).is_err());
        assert!(parse(&["--base-path", "/api/"], &[]).is_err());
        assert!(parse(&["--trusted-proxies", "10.0.0.1,nope"], &[]).is_err());
    }

    #[test]
    fn trusted_proxies() {
        let Ok(Command::Run(c)) = parse(
            &[],
            &[(
                "REWARDS_TRUSTED_PROXIES",
                "10.0.0.1, ::ffff:10.0.0.2,2001:db8::1",
            )],
        ) else {
            panic!()
        };
        let expected: Vec<IpAddr> = ["10.0.0.1", "10.0.0.2", "2001:db8::1"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        assert_eq!(c.trusted_proxies, expected);
    }

    #[test]
    fn cors_origins_are_exact() {
        let Ok(Command::Run(c)) = parse(
            &[
                "--cors-origins",
                "http://127.0.0.1:9000 https://rewards.example,http://127.0.0.1:9000",
            ],
            &[],
        ) else {
            panic!()
        };
        assert_eq!(
            c.cors_origins,
            ["http://127.0.0.1:9000", "https://rewards.example"]
        );
        let Ok(Command::Run(c)) = parse(&[], &[("REWARDS_CORS_ORIGINS", "https://a.example")])
        else {
            panic!()
        };
        assert_eq!(c.cors_origins, ["https://a.example"]);
        for bad in [
            "*",
            "https://a.example/",
            "https://a.example/app",
            "null",
            "a.example",
        ] {
            assert!(parse(&["--cors-origins", bad], &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_path_is_normalised() {
        for (given, expected) in [
            ("/", "/"),
            ("/portal/rewards", "/portal/rewards/"),
            ("//x//", "/x/"),
        ] {
            let Ok(Command::Run(c)) = parse(&["--base-path", given], &[]) else {
                panic!("{given}")
            };
            assert_eq!(c.base_path, expected);
        }
    }
}
