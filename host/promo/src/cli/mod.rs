//! Command-line parsing and the subcommands of `promo`.

mod dry_run;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::failure::Failure;

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
    Run(crate::job::RunArgs),
    /// Local stand-in for Knative's JobSink: starts `promo run` for each CloudEvent.
    Jobsink(crate::jobsink::JobSinkArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> Result<(), Failure> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version
            print!("{error}");
            return Ok(());
        }
        Err(error) => return Err(Failure::BadInput(error.render().to_string().trim_end().trim_start_matches("error: ").to_string())),
    };
    match cli.command {
        Command::DryRun(args) => dry_run::run(args),
        Command::Run(args) => crate::job::run(args),
        Command::Jobsink(args) => crate::jobsink::serve(args).map_err(Failure::Failed),
    }
}

/// Reads a whole file; a missing or unreadable file is bad input naming it.
pub fn read_input(option: &str, path: &PathBuf) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|error| Failure::BadInput(format!("{option}: cannot read {}: {error}", path.display())))
}
