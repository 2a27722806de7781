//! The job's configuration: environment variables with the defaults of the
//! dev stack (deploy/local/lib.sh, contracts.md "Local ports"). One place for
//! every default; a bad value is exit code 2 naming the variable.

use std::time::Duration;

use jiff::SignedDuration;

use super::BadInput;

/// Everything `promo run` reads from its environment.
#[derive(Debug, Clone)]
pub struct JobConfig {
    /// `CALENDAR_URL`: the event-calendar service.
    pub calendar_url: String,
    /// `INBOX_URL`: the inbox service.
    pub inbox_url: String,
    /// `KEYCLOAK_URL`: Keycloak's base URL (no `/realms/...`).
    pub keycloak_url: String,
    /// `KEYCLOAK_REALM`: the shop's realm, whose tokens the calendar and the inbox accept.
    pub realm: String,
    /// `PROMO_JOB_CLIENT_ID`: the job's confidential client in `realm`.
    pub client_id: String,
    /// `PROMO_JOB_CLIENT_SECRET`: its secret (a Kubernetes Secret in the
    /// cluster). Required: no default, a missing secret is exit code 2.
    pub client_secret: String,
    /// Where the recipients are listed: `PROMO_DIRECTORY_REALM`,
    /// `PROMO_DIRECTORY_CLIENT_ID`, `PROMO_DIRECTORY_CLIENT_SECRET`. Each
    /// defaults to the job's own realm, client and secret (production: one
    /// realm); tests point it at a realm of their own users.
    pub directory: DirectoryClient,
    /// `PROMO_RECIPIENT_ROLE`: realm role whose enabled members receive messages.
    pub recipient_role: String,
    /// `PROMO_SHARD_COUNT`: shards of an Indexed Job (its `completions`).
    pub shard_count: u32,
    /// `JOB_COMPLETION_INDEX`: this pod's shard, set by Kubernetes.
    pub shard_index: u32,
    /// `PROMO_BATCH_SIZE`: messages per inbox call, 1–1000.
    pub batch_size: usize,
    /// `PROMO_CONCURRENCY`: inbox calls in flight at once.
    pub concurrency: usize,
    /// `PROMO_KEYCLOAK_PAGE_SIZE`: members per page of the recipients extension (1–5000).
    pub page_size: u64,
    /// `PROMO_DEADLINE`: the whole run fails (exit 1) after this long.
    pub deadline: Duration,
    /// `PROMO_HTTP_TIMEOUT`: one HTTP request's timeout (then it is retried).
    pub http_timeout: Duration,
    /// `PROMO_RETRY_MAX_DELAY`: cap of the exponential backoff between retries.
    pub retry_max_delay: Duration,
    /// `PROMO_PROGRESS_INTERVAL`: how often a progress line is logged.
    pub progress_interval: Duration,
}

/// The realm whose users receive messages and the client that lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryClient {
    pub realm: String,
    pub client_id: String,
    pub client_secret: String,
}

impl JobConfig {
    /// True when the directory is read with the job's own token.
    pub fn directory_uses_job_client(&self) -> bool {
        self.directory == DirectoryClient { realm: self.realm.clone(), client_id: self.client_id.clone(), client_secret: self.client_secret.clone() }
    }

    /// Reads the process environment.
    pub fn from_env() -> Result<Self, BadInput> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, BadInput> {
        let text = |name: &str, default: &str| {
            lookup(name).filter(|value| !value.trim().is_empty()).unwrap_or_else(|| default.to_owned())
        };
        let url = |name: &str, default: &str| -> Result<String, BadInput> {
            let value = text(name, default);
            reqwest::Url::parse(&value)
                .map_err(|error| BadInput::new(name, format!("is not a URL ({error}): {value}")))?;
            Ok(value.trim_end_matches('/').to_owned())
        };
        let number = |name: &str, default: u64, min: u64, max: u64| -> Result<u64, BadInput> {
            let value = text(name, &default.to_string());
            value
                .parse::<u64>()
                .ok()
                .filter(|number| (min..=max).contains(number))
                .ok_or_else(|| BadInput::new(name, format!("must be an integer from {min} to {max}, got `{value}`")))
        };
        let duration = |name: &str, default: &str| -> Result<Duration, BadInput> {
            let value = text(name, default);
            value
                .parse::<SignedDuration>()
                .ok()
                .and_then(|duration| Duration::try_from(duration).ok())
                .filter(|duration| !duration.is_zero())
                .ok_or_else(|| BadInput::new(name, format!("must be a positive duration like `30s` or `10m`, got `{value}`")))
        };

        let secret = |name: &str, fallback: Option<&str>| -> Result<String, BadInput> {
            lookup(name)
                .filter(|value| !value.trim().is_empty())
                .or_else(|| fallback.map(str::to_owned))
                .ok_or_else(|| BadInput::new(name, "must be set (the client's secret; there is no default)"))
        };

        let shard_count = number("PROMO_SHARD_COUNT", 1, 1, 10_000)? as u32;
        let shard_index = number("JOB_COMPLETION_INDEX", 0, 0, 9_999)? as u32;
        if shard_index >= shard_count {
            return Err(BadInput::new(
                "JOB_COMPLETION_INDEX",
                format!("must be below PROMO_SHARD_COUNT ({shard_count}), got {shard_index}"),
            ));
        }
        let realm = text("KEYCLOAK_REALM", "shop");
        let client_id = text("PROMO_JOB_CLIENT_ID", "promo-job");
        let client_secret = secret("PROMO_JOB_CLIENT_SECRET", None)?;
        let directory = DirectoryClient {
            realm: text("PROMO_DIRECTORY_REALM", &realm),
            client_id: text("PROMO_DIRECTORY_CLIENT_ID", &client_id),
            client_secret: secret("PROMO_DIRECTORY_CLIENT_SECRET", Some(&client_secret))?,
        };
        Ok(Self {
            calendar_url: url("CALENDAR_URL", "http://127.0.0.1:8081")?,
            inbox_url: url("INBOX_URL", "http://127.0.0.1:8082")?,
            keycloak_url: url("KEYCLOAK_URL", "http://127.0.0.1:8180")?,
            realm,
            client_id,
            client_secret,
            directory,
            recipient_role: text("PROMO_RECIPIENT_ROLE", "customer"),
            shard_count,
            shard_index,
            batch_size: number("PROMO_BATCH_SIZE", 1000, 1, 1000)? as usize,
            concurrency: number("PROMO_CONCURRENCY", 4, 1, 64)? as usize,
            page_size: number("PROMO_KEYCLOAK_PAGE_SIZE", 2000, 1, 5000)?,
            deadline: duration("PROMO_DEADLINE", "30m")?,
            http_timeout: duration("PROMO_HTTP_TIMEOUT", "30s")?,
            retry_max_delay: duration("PROMO_RETRY_MAX_DELAY", "10s")?,
            progress_interval: duration("PROMO_PROGRESS_INTERVAL", "2s")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<JobConfig, BadInput> {
        let mut map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.entry("PROMO_JOB_CLIENT_SECRET".to_owned()).or_insert_with(|| "s3cret".to_owned());
        JobConfig::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_match_the_dev_stack() {
        let config = config(&[]).unwrap();
        assert_eq!(config.inbox_url, "http://127.0.0.1:8082");
        assert_eq!(config.keycloak_url, "http://127.0.0.1:8180");
        assert_eq!(config.client_secret, "s3cret");
        assert!(config.directory_uses_job_client(), "one realm and one client unless told otherwise");
        assert_eq!((config.shard_index, config.shard_count), (0, 1));
        assert_eq!(config.batch_size, 1000);
        assert_eq!(config.deadline, Duration::from_secs(1800));
    }

    #[test]
    fn reads_durations_and_shards() {
        let config = config(&[("PROMO_DEADLINE", "90s"), ("PROMO_SHARD_COUNT", "4"), ("JOB_COMPLETION_INDEX", "3")]).unwrap();
        assert_eq!(config.deadline, Duration::from_secs(90));
        assert_eq!((config.shard_index, config.shard_count), (3, 4));
    }

    #[test]
    fn a_missing_secret_is_bad_input_not_a_default() {
        let error = JobConfig::from_lookup(|_| None).unwrap_err();
        assert_eq!(error.field, "PROMO_JOB_CLIENT_SECRET");
    }

    #[test]
    fn the_directory_can_be_another_realm_and_client() {
        let config = config(&[
            ("PROMO_DIRECTORY_REALM", "staff"),
            ("PROMO_DIRECTORY_CLIENT_ID", "lister"),
            ("PROMO_DIRECTORY_CLIENT_SECRET", "other"),
        ])
        .unwrap();
        assert_eq!(config.directory, DirectoryClient { realm: "staff".into(), client_id: "lister".into(), client_secret: "other".into() });
        assert_eq!(config.realm, "shop");
        assert!(!config.directory_uses_job_client());
    }

    #[test]
    fn names_the_bad_variable() {
        let cases: [(&[(&str, &str)], &str); 5] = [
            (&[("PROMO_BATCH_SIZE", "1001")], "PROMO_BATCH_SIZE"),
            (&[("PROMO_SHARD_COUNT", "0")], "PROMO_SHARD_COUNT"),
            (&[("PROMO_SHARD_COUNT", "2"), ("JOB_COMPLETION_INDEX", "2")], "JOB_COMPLETION_INDEX"),
            (&[("PROMO_DEADLINE", "soon")], "PROMO_DEADLINE"),
            (&[("INBOX_URL", "not a url")], "INBOX_URL"),
        ];
        for (pairs, field) in cases {
            assert_eq!(config(pairs).unwrap_err().field, field);
        }
    }
}
