#![doc = include_str!("../README.md")]

pub mod account;
pub mod batch;
pub mod calendar;
pub mod chart;
pub mod dist;
pub mod error;
pub mod examples;
pub mod festival;
pub mod forecast;
pub mod gap;
pub mod ledger;
pub mod lights;
pub mod math;
pub mod scenario;
pub mod series;
pub mod simulate;
pub mod trend;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use account::{account, AccountSummary};
pub use error::{Error, Lang, Problem};
pub use scenario::{Scenario, ScenarioParams};
pub use series::MonthlySeries;
