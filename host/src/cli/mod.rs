//! Command-line parsing and the subcommands of `promo`.

mod dry_run;

use std::fmt;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use promo_host::{EngineError, FieldError};

#[derive(Parser)]
#[command(name = "promo", version, about = "Promo Calendar engine: schedule and messages of a promotion")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Shows when a promotion sends its daily message and what it says, without sending anything.
    DryRun(dry_run::Args),
    /// Delivers one due promotion day to every customer's inbox (the Knative job).
    Run(promo_host::job::RunArgs),
    /// Local stand-in for Knative's JobSink: starts `promo run` for each CloudEvent.
    Jobsink(promo_host::jobsink::JobSinkArgs),
}

/// Why a command did not finish: bad input (exit 2) or a failure (exit 1).
pub enum CliError {
    BadInput(String),
    Failed(anyhow::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::BadInput(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::BadInput(message) => f.write_str(message),
            CliError::Failed(error) => write!(f, "{error:#}"),
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> Self {
        CliError::Failed(error)
    }
}

impl CliError {
    /// An engine error; invalid input names every field of `source`.
    pub fn from_engine(error: EngineError, source: &str) -> CliError {
        match error {
            EngineError::Invalid(errors) => CliError::BadInput(describe_field_errors(source, &errors)),
            EngineError::Failed(error) => CliError::Failed(error),
        }
    }
}

pub fn describe_field_errors(source: &str, errors: &[FieldError]) -> String {
    let mut text = format!("invalid {source}:");
    for error in errors {
        let field = if error.field.is_empty() { "(document)" } else { error.field.as_str() };
        text.push_str(&format!("\n  {field}: {} [{}]", error.message, error.problem.name()));
    }
    text
}

/// Parses the command line and runs the command.
pub fn run() -> Result<(), CliError> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version
            print!("{error}");
            return Ok(());
        }
        Err(error) => return Err(CliError::BadInput(error.render().to_string().trim_end().trim_start_matches("error: ").to_string())),
    };
    match cli.command {
        Command::DryRun(args) => dry_run::run(args),
        Command::Run(args) => promo_host::job::run(args).map_err(|error| match error {
            promo_host::job::JobError::BadInput(bad) => CliError::BadInput(bad.to_string()),
            promo_host::job::JobError::Failed(error) => CliError::Failed(error),
        }),
        Command::Jobsink(args) => promo_host::jobsink::serve(args).map_err(CliError::Failed),
    }
}

/// Reads a whole file; a missing or unreadable file is bad input naming it.
pub fn read_input(option: &str, path: &PathBuf) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|error| CliError::BadInput(format!("{option}: cannot read {}: {error}", path.display())))
}
