//! The saved document (情景): data, target, ledgers and rules, versioned and validated.
//!
//! A scenario arrives as JSON from strangers (a file, a share link, a pasted text), so it is read in
//! two steps, as linfa does with its hyper-parameters: [`ScenarioParams`] is exactly what the JSON
//! says (camelCase, `version: 1`, unknown fields rejected), and [`ScenarioParams::check`] turns it into
//! a [`Scenario`] whose every number is usable, or returns every problem at once, each with its
//! place and a message in Chinese and English. The format is described in `docs/scenario.md`.
//!
//! # Example
//! ```
//! use gapcast::scenario::Scenario;
//! let scenario = Scenario::from_json(gapcast::examples::QIANTANG_2023).unwrap();
//! assert_eq!(scenario.plan_year, 2023);
//! assert_eq!(scenario.ledgers.len(), 10);
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::{YearMonth, MAX_YEAR, MIN_YEAR};
use crate::dist::{AmountDist, AmountSpec, Probability, StartWindow, StartWindowParams};
use crate::error::{Error, Place, Problem, ProblemKind};
use crate::festival::FestivalWindow;
use crate::forecast::method::Method;
use crate::series::{MonthlySeries, MAX_VALUE};

/// The scenario format version this build reads and writes.
pub const VERSION: u64 = 1;
/// Longest title, region, indicator or name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest `notes`, in characters.
pub const MAX_NOTES_CHARS: usize = 5000;
/// Most ledgers in a scenario.
pub const MAX_LEDGERS: usize = 50;
/// Most items in one ledger.
pub const MAX_ITEMS: usize = 500;

/// The document exactly as written (unchecked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioParams {
    /// Format version; must be 1.
    pub version: u64,
    /// Title shown on the page.
    pub title: String,
    /// Region, e.g. 杭州市钱塘区.
    #[serde(default)]
    pub region: String,
    /// Indicator, e.g. 规上工业总产值.
    #[serde(default)]
    pub indicator: String,
    /// 亿元 or 万元; every value in the document is in this unit.
    pub unit: String,
    /// Free text: sources, what is illustrative.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Monthly history.
    pub history: HistoryParams,
    /// The year before the plan year; its missing months are estimated.
    pub base_year: i64,
    /// The year the target is for.
    pub plan_year: i64,
    /// Annual target for the plan year.
    pub target: f64,
    /// The ledgers (十本账).
    pub ledgers: Vec<LedgerParams>,
    /// Rules: reinforcement share, light thresholds.
    #[serde(default)]
    pub rules: RulesParams,
    /// Monte Carlo runs, seed and the probability the reinforcement solve aims for.
    #[serde(default)]
    pub simulation: SimulationParams,
}

/// Whether history values are year-to-date or single periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HistoryForm {
    /// Year-to-date cumulative values (累计值), as offices publish them.
    Ytd,
    /// Single-period values (当月).
    Monthly,
}

/// The history as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryParams {
    /// `ytd` or `monthly`.
    pub form: HistoryForm,
    /// First period, `YYYY-MM`: January of a year (or `YYYY-02` for a combined Jan–Feb).
    pub start: String,
    /// Whether January and February are one period (1–2月合并); default true.
    #[serde(default = "yes")]
    pub jan_feb_combined: bool,
    /// One value per period, in order.
    pub values: Vec<f64>,
}

fn yes() -> bool {
    true
}

/// Direction of a ledger: it raises or lowers output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// 增量: adds output.
    Increase,
    /// 减量: removes output.
    Decrease,
}

/// A ledger as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerParams {
    /// e.g. 新建项目投产.
    pub name: String,
    /// `increase` or `decrease`.
    pub direction: Direction,
    /// Projects or enterprises.
    #[serde(default)]
    pub items: Vec<ItemParams>,
}

/// A ledger item as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemParams {
    /// Project or enterprise.
    pub name: String,
    /// Full-year (annualised) output effect, ≥ 0; the ledger's direction gives the sign.
    pub amount: f64,
    /// First month with output in the plan year, 1..=12; default 1.
    #[serde(default = "january")]
    pub start_month: i64,
    /// Months to reach full rate (linear ramp), 0..=12; 0 or 1 is a step; default 0.
    #[serde(default)]
    pub ramp_months: i64,
    /// Uncertainty of the annual amount (Monte Carlo); absent: `amount` is certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_dist: Option<AmountSpec>,
    /// Chance that the item happens at all, 0..=1; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Months it may start in, uniformly (Monte Carlo); absent: `startMonth`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_window: Option<StartWindowParams>,
    /// Membership in a shared shock, so that items succeed or fail together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shock: Option<ShockParams>,
}

/// A shared shock: items naming the same group are correlated through it (one-factor Gaussian
/// copula), with `correlation` ρ in [0, 1] (a shared factor cannot make items negatively correlated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShockParams {
    /// Group name, e.g. the ledger's name, or "all".
    pub group: String,
    /// ρ in [0, 1].
    pub correlation: f64,
}

/// Monte Carlo settings, part of the scenario so that a shared scenario gives the same numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationParams {
    /// Runs, 1..=1 000 000; default 10 000.
    #[serde(default = "default_runs")]
    pub runs: i64,
    /// Seed, 0..=2^53 − 1 (so that JavaScript numbers carry it exactly); default 1.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Probability of meeting the target that the reinforcement solve aims for; default 0.8.
    #[serde(default = "default_target_probability")]
    pub target_probability: f64,
}

fn default_runs() -> i64 {
    crate::simulate::DEFAULT_RUNS as i64
}
/// The largest seed: 2^53 − 1, JavaScript's largest exact integer, so that a seed typed in the page,
/// passed through the binding or written in a share link is the seed the CLI uses.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Checks a Monte Carlo seed (the scenario's, or one given on the command line or to the binding).
///
/// Returns the problem (`forecast.count` at `place`) when the seed exceeds [`MAX_SEED`].
pub fn check_seed(seed: u64, place: Place) -> Option<Problem> {
    seed_in_range(seed as f64, place).err()
}

/// A seed as given, a whole number as JavaScript holds it (it may be negative or beyond 2^64): the
/// seed, or the problem (`forecast.count` at `place`, naming the value) when it is outside
/// 0 ..= [`MAX_SEED`] (a u64 beyond 2^53 rounds to a number beyond [`MAX_SEED`]).
#[allow(clippy::result_large_err)] // the crate's errors are Problems; this one is rare
pub fn seed_in_range(seed: f64, place: Place) -> Result<u64, Problem> {
    if (0.0..=MAX_SEED as f64).contains(&seed) && seed.fract() == 0.0 {
        return Ok(seed as u64);
    }
    Err(Problem::new(
        place,
        ProblemKind::CountOutOfRange {
            value: seed,
            min: 0,
            max: MAX_SEED as i64,
        },
    ))
}

fn default_seed() -> u64 {
    1
}
fn default_target_probability() -> f64 {
    0.8
}

impl Default for SimulationParams {
    fn default() -> Self {
        SimulationParams {
            runs: default_runs(),
            seed: default_seed(),
            target_probability: default_target_probability(),
        }
    }
}

/// Checked Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulationSettings {
    /// Runs.
    pub runs: usize,
    /// Seed.
    pub seed: u64,
    /// Probability level of the reinforcement solve.
    pub target_probability: f64,
}

fn january() -> i64 {
    1
}

/// Which pace the pace light compares completion with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaceBasis {
    /// The usual share of the annual total reached by the month (from past full years).
    Seasonal,
    /// m / 12 (序时进度).
    Calendar,
}

/// Colours of the three light levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Palette {
    /// 红黄绿.
    RedYellowGreen,
    /// 红黄蓝, used by some cities.
    RedYellowBlue,
}

/// Rules as written; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RulesParams {
    /// Share of the target the incremental contribution should reach (补强目标 rule); default 0.05.
    #[serde(default = "default_share")]
    pub reinforcement_share: f64,
    /// Chain-strengthening target (补链强链), informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_target: Option<f64>,
    /// Light thresholds and palette.
    #[serde(default)]
    pub lights: LightRules,
    /// How an incomplete year's remaining months are forecast: auto (default), ets, theta, snaive,
    /// pace (the seasonal share) or combo.
    #[serde(default = "auto_method")]
    pub estimate_method: Method,
    /// The Spring Festival regressor for the forecast of the remaining months; absent: off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spring_festival: Option<SpringFestivalParams>,
}

/// The Spring Festival (春节) regressor as written (`rules.springFestival`): when enabled, the
/// festival's effect is estimated from the history and the remaining months are forecast with it
/// ([`crate::forecast::festival`]). The window runs from `daysBefore` days before the festival to
/// `daysAfter` days after it ([`crate::festival`] gives the default's source).
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `enabled` | true | use the regressor | true / false |
/// | `daysBefore` | 7 | days before the festival (小年) | 0..=20 |
/// | `daysAfter` | 14 | days after the festival (元宵节) | 0..=30 |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpringFestivalParams {
    /// Whether the regressor is used; default true (the object's presence turns it on).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Days before the festival in the window; default 7.
    #[serde(default = "default_days_before")]
    pub days_before: i64,
    /// Days after the festival in the window; default 14.
    #[serde(default = "default_days_after")]
    pub days_after: i64,
}

fn default_days_before() -> i64 {
    i64::from(crate::festival::DEFAULT_DAYS_BEFORE)
}
fn default_days_after() -> i64 {
    i64::from(crate::festival::DEFAULT_DAYS_AFTER)
}

impl SpringFestivalParams {
    /// The window when the rule is enabled (`None` when it says `enabled: false`), checked as in a
    /// scenario, the problems naming `fields` (days before, days after): used by the `forecast()`
    /// binding, whose option has the rule's shape.
    ///
    /// # Errors
    /// [`Error::Invalid`] when a day count is out of range.
    pub fn window(
        &self,
        fields: (&'static str, &'static str),
    ) -> Result<Option<FestivalWindow>, Error> {
        let mut problems = Vec::new();
        match self.check(&mut problems, fields) {
            Some(window) => Ok(Some(window).filter(|_| self.enabled)),
            None => Err(Error::Invalid(problems)),
        }
    }

    /// The checked window, or `None` (with the problems pushed, naming `fields`) when a day
    /// count is out of range.
    fn check(
        &self,
        problems: &mut Vec<Problem>,
        fields: (&'static str, &'static str),
    ) -> Option<FestivalWindow> {
        let mut day = |field: &'static str, value: i64, max: u8| {
            if (0..=i64::from(max)).contains(&value) {
                u8::try_from(value).ok()
            } else {
                problems.push(Problem::new(
                    Place::Field(field),
                    ProblemKind::FestivalDaysOutOfRange {
                        value,
                        max: i64::from(max),
                    },
                ));
                None
            }
        };
        let before = day(fields.0, self.days_before, crate::festival::MAX_DAYS_BEFORE);
        let after = day(fields.1, self.days_after, crate::festival::MAX_DAYS_AFTER);
        Some(FestivalWindow {
            days_before: before?,
            days_after: after?,
        })
    }
}

fn auto_method() -> Method {
    Method::Auto
}

fn default_share() -> f64 {
    0.05
}

impl Default for RulesParams {
    fn default() -> Self {
        RulesParams {
            reinforcement_share: default_share(),
            chain_target: None,
            lights: LightRules::default(),
            estimate_method: auto_method(),
            spring_festival: None,
        }
    }
}

/// Light thresholds (the user's settings; DESIGN.md gives the defaults).
///
/// | Name | Default | Purpose |
/// |---|---|---|
/// | `paceBasis` | seasonal | pace the pace gap is measured against |
/// | `paceGreenAtLeastPp` | 0 | pace light green when the pace gap ≥ this (百分点) |
/// | `paceYellowAtLeastPp` | −3 | yellow when the pace gap ≥ this, red below |
/// | `gapGreenAtMostPct` | 0 | gap light green when gap ≤ this % of the target |
/// | `gapYellowAtMostPct` | 2 | yellow when gap ≤ this %, red above |
/// | `palette` | redYellowGreen | or redYellowBlue |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LightRules {
    /// Pace used for the pace light.
    #[serde(default = "seasonal")]
    pub pace_basis: PaceBasis,
    /// Green at or above, in percentage points.
    #[serde(default)]
    pub pace_green_at_least_pp: f64,
    /// Yellow at or above (red below), in percentage points.
    #[serde(default = "minus_three")]
    pub pace_yellow_at_least_pp: f64,
    /// Green at or below, gap as % of target.
    #[serde(default)]
    pub gap_green_at_most_pct: f64,
    /// Yellow at or below (red above), gap as % of target.
    #[serde(default = "two")]
    pub gap_yellow_at_most_pct: f64,
    /// Colours.
    #[serde(default = "ryg")]
    pub palette: Palette,
}

fn seasonal() -> PaceBasis {
    PaceBasis::Seasonal
}
fn minus_three() -> f64 {
    -3.0
}
fn two() -> f64 {
    2.0
}
fn ryg() -> Palette {
    Palette::RedYellowGreen
}

impl Default for LightRules {
    fn default() -> Self {
        LightRules {
            pace_basis: seasonal(),
            pace_green_at_least_pp: 0.0,
            pace_yellow_at_least_pp: minus_three(),
            gap_green_at_most_pct: 0.0,
            gap_yellow_at_most_pct: two(),
            palette: ryg(),
        }
    }
}

/// Unit of every value in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// 亿元 = 100 million yuan.
    #[serde(rename = "亿元")]
    Yi,
    /// 万元 = 10 thousand yuan (1 亿 = 10 000 万).
    #[serde(rename = "万元")]
    Wan,
}

impl Unit {
    /// The unit's Chinese name, as written in scenarios.
    pub fn as_str(&self) -> &'static str {
        match self {
            Unit::Yi => "亿元",
            Unit::Wan => "万元",
        }
    }

    /// The unit as a reader of each language writes it (in English as the page writes it,
    /// `www/i18n.js`).
    pub fn label(&self, lang: crate::error::Lang) -> &'static str {
        match (self, lang) {
            (_, crate::error::Lang::Zh) => self.as_str(),
            (Unit::Yi, crate::error::Lang::En) => "100m yuan",
            (Unit::Wan, crate::error::Lang::En) => "10k yuan",
        }
    }
}

/// A checked ledger item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Name.
    pub name: String,
    /// Full-year amount, ≥ 0 (the point value the ledger account uses).
    pub amount: f64,
    /// 1..=12.
    pub start_month: u8,
    /// 0..=12.
    pub ramp_months: u8,
    /// The amount's distribution (a point at `amount` when certain).
    pub dist: AmountDist,
    /// Chance that it happens.
    pub probability: Probability,
    /// Start months (a single month when fixed).
    pub window: StartWindow,
    /// Shared shock: (group, ρ).
    pub shock: Option<(String, f64)>,
}

impl Item {
    /// A certain item: fixed amount, start month and ramp.
    pub fn fixed(name: &str, amount: f64, start_month: u8, ramp_months: u8) -> Item {
        Item {
            name: name.to_string(),
            amount,
            start_month,
            ramp_months,
            dist: AmountDist::point(amount),
            probability: Probability::CERTAIN,
            window: StartWindow::fixed(start_month),
            shock: None,
        }
    }
}

/// A checked ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// Name.
    pub name: String,
    /// Increase or decrease.
    pub direction: Direction,
    /// Items.
    pub items: Vec<Item>,
}

/// A scenario whose every field is usable.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Title.
    pub title: String,
    /// Region.
    pub region: String,
    /// Indicator.
    pub indicator: String,
    /// Unit.
    pub unit: Unit,
    /// History.
    pub history: MonthlySeries,
    /// Base year = plan year − 1.
    pub base_year: i32,
    /// Plan year.
    pub plan_year: i32,
    /// Annual target, > 0.
    pub target: f64,
    /// Ledgers.
    pub ledgers: Vec<Ledger>,
    /// Share in (0, 1].
    pub reinforcement_share: f64,
    /// Chain-strengthening target, ≥ 0.
    pub chain_target: Option<f64>,
    /// Light rules, thresholds in order.
    pub lights: LightRules,
    /// Method for the remaining months of an incomplete year.
    pub estimate_method: Method,
    /// The Spring Festival window, when the regressor is on (`rules.springFestival`).
    pub spring_festival: Option<FestivalWindow>,
    /// Monte Carlo settings.
    pub simulation: SimulationSettings,
}

impl Scenario {
    /// Reads and checks a scenario from JSON text.
    ///
    /// # Errors
    /// [`Error::Invalid`] with a `json.*` problem when the text is not a v1 scenario document, else
    /// every problem [`ScenarioParams::check`] finds.
    pub fn from_json(text: &str) -> Result<Scenario, Error> {
        ScenarioParams::from_json(text)?.check()
    }
}

fn json_problem(e: &serde_json::Error, path: Option<String>) -> Problem {
    let detail = e.to_string();
    // serde_json appends " at line L column C"; the message gives them separately.
    let detail = match detail.rfind(" at line ") {
        Some(i) => detail[..i].to_string(),
        None => detail,
    };
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Data => Problem::new(
            Place::Path(path.unwrap_or_default()),
            ProblemKind::JsonShape {
                line,
                column,
                detail,
            },
        ),
        _ => Problem::new(
            Place::Document,
            ProblemKind::JsonSyntax {
                line,
                column,
                detail,
            },
        ),
    }
}

/// Checks that a parsed document is an object with `version: 1`, before its fields are read, so
/// that a newer document gets "unsupported version" rather than "unknown field".
fn check_version(document: &serde_json::Value) -> Result<(), Error> {
    let Some(object) = document.as_object() else {
        return Err(Problem::new(Place::Document, ProblemKind::NotAnObject).into());
    };
    match object.get("version") {
        Some(serde_json::Value::Number(n)) if n.as_f64() == Some(VERSION as f64) => Ok(()),
        other => {
            let found = match other {
                None => "(missing)".to_string(),
                Some(v) => v.to_string().chars().take(40).collect(),
            };
            Err(Problem::new(
                Place::Field("version"),
                ProblemKind::UnsupportedVersion { found },
            )
            .into())
        }
    }
}

impl ScenarioParams {
    /// Parses the JSON text of a scenario document, checking its version first.
    ///
    /// # Errors
    /// `json.syntax` for text that is not JSON, `scenario.version` for a version other than 1,
    /// `json.shape` for unknown or missing fields and wrong types.
    pub fn from_json(text: &str) -> Result<ScenarioParams, Error> {
        let probe: serde_json::Value =
            serde_json::from_str(text).map_err(|e| json_problem(&e, None))?;
        check_version(&probe)?;
        let mut parser = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut parser).map_err(|e| {
            let path = e.path().to_string();
            json_problem(e.inner(), Some(path)).into()
        })
    }

    /// Checks every field and returns a usable [`Scenario`].
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found, in document order.
    pub fn check(&self) -> Result<Scenario, Error> {
        let mut problems = Vec::new();
        if self.version != VERSION {
            problems.push(Problem::new(
                Place::Field("version"),
                ProblemKind::UnsupportedVersion {
                    found: self.version.to_string(),
                },
            ));
        }
        check_text(
            &mut problems,
            Place::Field("title"),
            &self.title,
            MAX_NAME_CHARS,
            true,
            false,
        );
        check_text(
            &mut problems,
            Place::Field("region"),
            &self.region,
            MAX_NAME_CHARS,
            false,
            false,
        );
        check_text(
            &mut problems,
            Place::Field("indicator"),
            &self.indicator,
            MAX_NAME_CHARS,
            false,
            false,
        );
        check_text(
            &mut problems,
            Place::Field("notes"),
            &self.notes,
            MAX_NOTES_CHARS,
            false,
            true,
        );
        let unit = match self.unit.as_str() {
            "亿元" => Some(Unit::Yi),
            "万元" => Some(Unit::Wan),
            other => {
                problems.push(Problem::new(
                    Place::Field("unit"),
                    ProblemKind::UnknownUnit {
                        found: other.into(),
                    },
                ));
                None
            }
        };

        let history = self.check_history(&mut problems);
        let base_year = check_year(&mut problems, "baseYear", self.base_year);
        let plan_year = check_year(&mut problems, "planYear", self.plan_year);
        if let (Some(base), Some(plan)) = (base_year, plan_year) {
            if plan != base + 1 {
                problems.push(Problem::new(
                    Place::Field("planYear"),
                    ProblemKind::PlanYearNotNext { base, plan },
                ));
            } else if let Some(h) = &history {
                let (first, last) = (h.first_year(), h.last_year());
                if h.year_values(base).is_empty() {
                    problems.push(Problem::new(
                        Place::Field("history.values"),
                        ProblemKind::BaseYearNotInHistory { base, first, last },
                    ));
                } else if last > plan {
                    problems.push(Problem::new(
                        Place::Field("history.values"),
                        ProblemKind::HistoryBeyondPlanYear { last, plan },
                    ));
                }
            }
        }
        check_amount(&mut problems, Place::Field("target"), self.target, true);

        let ledgers = self.check_ledgers(&mut problems);
        let rules = &self.rules;
        let share = rules.reinforcement_share;
        if !share.is_finite() {
            problems.push(Problem::new(
                Place::Field("rules.reinforcementShare"),
                ProblemKind::NotFinite,
            ));
        } else if !(share > 0.0 && share <= 1.0) {
            problems.push(Problem::new(
                Place::Field("rules.reinforcementShare"),
                ProblemKind::ShareOutOfRange { value: share },
            ));
        }
        if let Some(chain) = rules.chain_target {
            check_amount(
                &mut problems,
                Place::Field("rules.chainTarget"),
                chain,
                false,
            );
        }
        self.check_lights(&mut problems);
        let spring_festival = match &rules.spring_festival {
            Some(params) => {
                let fields = (
                    "rules.springFestival.daysBefore",
                    "rules.springFestival.daysAfter",
                );
                let window = params.check(&mut problems, fields);
                window.filter(|_| params.enabled)
            }
            None => None,
        };
        let sim = &self.simulation;
        if !(1..=crate::simulate::MAX_RUNS as i64).contains(&sim.runs) {
            problems.push(Problem::new(
                Place::Field("simulation.runs"),
                ProblemKind::CountOutOfRange {
                    value: sim.runs as f64,
                    min: 1,
                    max: crate::simulate::MAX_RUNS as i64,
                },
            ));
        }
        if let Some(problem) = check_seed(sim.seed, Place::Field("simulation.seed")) {
            problems.push(problem);
        }
        if !(sim.target_probability > 0.0 && sim.target_probability < 1.0) {
            problems.push(Problem::new(
                Place::Field("simulation.targetProbability"),
                ProblemKind::LevelProbabilityOutOfRange {
                    value: sim.target_probability,
                },
            ));
        }
        let simulation = SimulationSettings {
            runs: sim.runs.clamp(1, crate::simulate::MAX_RUNS as i64) as usize,
            seed: sim.seed,
            target_probability: sim.target_probability,
        };

        match (problems.is_empty(), unit, history, base_year, plan_year) {
            (true, Some(unit), Some(history), Some(base_year), Some(plan_year)) => Ok(Scenario {
                title: self.title.clone(),
                region: self.region.clone(),
                indicator: self.indicator.clone(),
                unit,
                history,
                base_year,
                plan_year,
                target: self.target,
                ledgers,
                reinforcement_share: share,
                chain_target: rules.chain_target,
                lights: rules.lights.clone(),
                estimate_method: rules.estimate_method,
                spring_festival,
                simulation,
            }),
            _ => Err(Error::Invalid(problems)),
        }
    }

    fn check_history(&self, problems: &mut Vec<Problem>) -> Option<MonthlySeries> {
        let h = &self.history;
        let start: YearMonth = match h.start.parse() {
            Ok(ym) => ym,
            Err(_) => {
                problems.push(Problem::new(
                    Place::Field("history.start"),
                    ProblemKind::StartMalformed {
                        found: h.start.clone(),
                    },
                ));
                return None;
            }
        };
        let year_start = start.month == 1 || (h.jan_feb_combined && start.month == 2);
        if !year_start {
            problems.push(Problem::new(
                Place::Field("history.start"),
                ProblemKind::StartNotYearStart {
                    found: start.to_string(),
                },
            ));
            return None;
        }
        let built = match h.form {
            HistoryForm::Ytd => MonthlySeries::from_ytd(start.year, h.jan_feb_combined, &h.values),
            HistoryForm::Monthly => {
                MonthlySeries::from_monthly(start.year, h.jan_feb_combined, &h.values)
            }
        };
        match built {
            Ok(series) if series.last_year() <= MAX_YEAR => Some(series),
            Ok(series) => {
                problems.push(Problem::new(
                    Place::Field("history.values"),
                    ProblemKind::YearOutOfRange {
                        year: i64::from(series.last_year()),
                    },
                ));
                None
            }
            Err(mut found) => {
                problems.append(&mut found);
                None
            }
        }
    }

    fn check_ledgers(&self, problems: &mut Vec<Problem>) -> Vec<Ledger> {
        if self.ledgers.is_empty() {
            problems.push(Problem::new(
                Place::Field("ledgers"),
                ProblemKind::LedgersEmpty,
            ));
        }
        if self.ledgers.len() > MAX_LEDGERS {
            problems.push(Problem::new(
                Place::Field("ledgers"),
                ProblemKind::TooMany {
                    count: self.ledgers.len(),
                    max: MAX_LEDGERS,
                },
            ));
            return Vec::new();
        }
        let mut out = Vec::with_capacity(self.ledgers.len());
        for (li, ledger) in self.ledgers.iter().enumerate() {
            let at = |field| Place::Ledger {
                ledger: li,
                ledger_name: ledger.name.clone(),
                field,
            };
            check_text(
                problems,
                at("name"),
                &ledger.name,
                MAX_NAME_CHARS,
                true,
                false,
            );
            if ledger.items.len() > MAX_ITEMS {
                problems.push(Problem::new(
                    at("items"),
                    ProblemKind::TooMany {
                        count: ledger.items.len(),
                        max: MAX_ITEMS,
                    },
                ));
                continue;
            }
            let mut items = Vec::with_capacity(ledger.items.len());
            for (ii, item) in ledger.items.iter().enumerate() {
                let at = |field| Place::Item {
                    ledger: li,
                    ledger_name: ledger.name.clone(),
                    item: ii,
                    item_name: item.name.clone(),
                    field,
                };
                check_text(
                    problems,
                    at("name"),
                    &item.name,
                    MAX_NAME_CHARS,
                    true,
                    false,
                );
                check_amount(problems, at("amount"), item.amount, false);
                if !(1..=12).contains(&item.start_month) {
                    problems.push(Problem::new(
                        at("startMonth"),
                        ProblemKind::MonthOutOfRange {
                            value: item.start_month,
                        },
                    ));
                }
                if !(0..=12).contains(&item.ramp_months) {
                    problems.push(Problem::new(
                        at("rampMonths"),
                        ProblemKind::RampOutOfRange {
                            value: item.ramp_months,
                        },
                    ));
                }
                let start_month = item.start_month.clamp(1, 12) as u8;
                let dist = match &item.amount_dist {
                    // PERT draws go through a table (8 KB, error ≤ range/1024; see dist.rs)
                    Some(spec) => spec.check(at, problems).map(AmountDist::tabulated),
                    None => Some(AmountDist::point(item.amount.max(0.0))),
                };
                let probability = match item.probability {
                    Some(p) => Probability::check(p, at("probability"), problems),
                    None => Some(Probability::CERTAIN),
                };
                let window = match &item.start_window {
                    Some(w) => w.check(at, problems),
                    None => Some(StartWindow::fixed(start_month)),
                };
                let shock = item.shock.as_ref().and_then(|s| {
                    check_text(
                        problems,
                        at("shock.group"),
                        &s.group,
                        MAX_NAME_CHARS,
                        true,
                        false,
                    );
                    if !s.correlation.is_finite() {
                        problems.push(Problem::new(
                            at("shock.correlation"),
                            ProblemKind::NotFinite,
                        ));
                        None
                    } else if !(0.0..=1.0).contains(&s.correlation) {
                        problems.push(Problem::new(
                            at("shock.correlation"),
                            ProblemKind::CorrelationOutOfRange {
                                value: s.correlation,
                            },
                        ));
                        None
                    } else {
                        Some((s.group.clone(), s.correlation))
                    }
                });
                items.push(Item {
                    name: item.name.clone(),
                    amount: item.amount,
                    start_month,
                    ramp_months: item.ramp_months.clamp(0, 12) as u8,
                    dist: dist.unwrap_or_else(|| AmountDist::point(0.0)),
                    probability: probability.unwrap_or(Probability::CERTAIN),
                    window: window.unwrap_or_else(|| StartWindow::fixed(start_month)),
                    shock,
                });
            }
            out.push(Ledger {
                name: ledger.name.clone(),
                direction: ledger.direction,
                items,
            });
        }
        out
    }

    fn check_lights(&self, problems: &mut Vec<Problem>) {
        let l = &self.rules.lights;
        let fields = [
            ("rules.lights.paceGreenAtLeastPp", l.pace_green_at_least_pp),
            (
                "rules.lights.paceYellowAtLeastPp",
                l.pace_yellow_at_least_pp,
            ),
            ("rules.lights.gapGreenAtMostPct", l.gap_green_at_most_pct),
            ("rules.lights.gapYellowAtMostPct", l.gap_yellow_at_most_pct),
        ];
        let mut all_finite = true;
        for (field, value) in fields {
            if !value.is_finite() {
                all_finite = false;
                problems.push(Problem::new(Place::Field(field), ProblemKind::NotFinite));
            } else if value.abs() > 100.0 {
                all_finite = false;
                problems.push(Problem::new(
                    Place::Field(field),
                    ProblemKind::TooLarge { value, max: 100.0 },
                ));
            }
        }
        if !all_finite {
            return;
        }
        if l.pace_yellow_at_least_pp > l.pace_green_at_least_pp {
            problems.push(Problem::new(
                Place::Field("rules.lights.paceYellowAtLeastPp"),
                ProblemKind::ThresholdOrder {
                    lower_field: "rules.lights.paceYellowAtLeastPp",
                    lower: l.pace_yellow_at_least_pp,
                    upper_field: "rules.lights.paceGreenAtLeastPp",
                    upper: l.pace_green_at_least_pp,
                },
            ));
        }
        if l.gap_green_at_most_pct > l.gap_yellow_at_most_pct {
            problems.push(Problem::new(
                Place::Field("rules.lights.gapGreenAtMostPct"),
                ProblemKind::ThresholdOrder {
                    lower_field: "rules.lights.gapGreenAtMostPct",
                    lower: l.gap_green_at_most_pct,
                    upper_field: "rules.lights.gapYellowAtMostPct",
                    upper: l.gap_yellow_at_most_pct,
                },
            ));
        }
    }
}

fn check_text(
    problems: &mut Vec<Problem>,
    place: Place,
    text: &str,
    max: usize,
    required: bool,
    multiline: bool,
) {
    let len = text.chars().count();
    // markup, control characters, the marks that change the direction of the text around them (a
    // right-to-left override makes a name read as another in the table and the charts), and the
    // characters that show nothing (a zero-width space makes two names that look the same differ)
    let markup = text.chars().any(|c| {
        c == '<'
            || c == '>'
            || (c.is_control() && !(multiline && (c == '\n' || c == '\t')))
            || crate::error::is_hidden_mark(c)
    });
    let kind = if required && text.trim().is_empty() {
        ProblemKind::TextEmpty
    } else if len > max {
        ProblemKind::TextTooLong { len, max }
    } else if markup {
        ProblemKind::TextHasMarkup
    } else {
        return;
    };
    problems.push(Problem::new(place, kind));
}

/// Checks an amount: finite, ≥ 0 (> 0 when `positive`), at most [`MAX_VALUE`]; pushes the problem
/// and returns `false` when it is not usable.
pub(crate) fn check_amount(
    problems: &mut Vec<Problem>,
    place: Place,
    value: f64,
    positive: bool,
) -> bool {
    let kind = if !value.is_finite() {
        ProblemKind::NotFinite
    } else if positive && value <= 0.0 {
        ProblemKind::NotPositive { value }
    } else if value < 0.0 {
        ProblemKind::Negative { value }
    } else if value > MAX_VALUE {
        ProblemKind::TooLarge {
            value,
            max: MAX_VALUE,
        }
    } else {
        return true;
    };
    problems.push(Problem::new(place, kind));
    false
}

fn check_year(problems: &mut Vec<Problem>, field: &'static str, year: i64) -> Option<i32> {
    if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) {
        Some(year as i32)
    } else {
        problems.push(Problem::new(
            Place::Field(field),
            ProblemKind::YearOutOfRange { year },
        ));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Lang;
    use crate::examples::QIANTANG_2023;

    fn seed() -> serde_json::Value {
        serde_json::from_str(QIANTANG_2023).unwrap()
    }

    #[test]
    fn a_seed_must_be_exact_in_javascript() {
        let mut doc = seed();
        doc["simulation"] = serde_json::json!({ "seed": MAX_SEED });
        assert!(problems_of(&doc).is_empty());
        doc["simulation"] = serde_json::json!({ "seed": MAX_SEED + 1 });
        assert_eq!(
            problems_of(&doc),
            [("simulation.seed".to_string(), "forecast.count")]
        );
        let e = check_seed(u64::MAX, Place::Option("seed")).unwrap();
        assert!(e.localized(crate::Lang::Zh).contains("随机种子"));
        assert!(e.localized(crate::Lang::En).contains("9007199254740991"));
    }

    fn problems_of(doc: &serde_json::Value) -> Vec<(String, &'static str)> {
        match Scenario::from_json(&doc.to_string()) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().iter().map(|p| (p.path(), p.code())).collect(),
        }
    }

    #[test]
    fn the_seed_is_valid_and_round_trips() {
        let params = ScenarioParams::from_json(QIANTANG_2023).unwrap();
        let again: ScenarioParams =
            serde_json::from_str(&serde_json::to_string(&params).unwrap()).unwrap();
        assert_eq!(params, again);
        let s = params.check().unwrap();
        assert_eq!((s.base_year, s.plan_year, s.target), (2022, 2023, 3600.0));
        assert_eq!(s.unit, Unit::Yi);
        assert!(s.history.jan_feb_combined());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = Scenario::from_json("{\n  \"version\": 1,\n  \"title\": }").unwrap_err();
        assert_eq!(e.code(), "json.syntax");
        insta::assert_snapshot!(e.localized(Lang::En), @"scenario: not valid JSON at line 3, column 12 (expected value)");
        insta::assert_snapshot!(e.localized(Lang::Zh), @"情景文件：不是有效的 JSON，第 3 行第 12 列（此处应为一个值）");
    }

    #[test]
    fn unknown_fields_are_rejected_not_ignored() {
        let mut doc = seed();
        doc["ledgers"][0]["items"][0]["amout"] = 5.into();
        let e = Scenario::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(e.code(), "json.shape");
        assert_eq!(e.problems()[0].path(), "ledgers[0].items[0].amout");
        assert!(
            e.to_string().starts_with(
                "ledgers[0].items[0].amout: does not match the scenario format (line 1, column "
            ),
            "{e}"
        );
        assert!(e.to_string().contains("unknown field `amout`, expected one of `name`, `amount`, `startMonth`, `rampMonths`"), "{e}");
    }

    #[test]
    fn wrong_or_missing_version_is_its_own_error() {
        let mut doc = seed();
        doc["version"] = 2.into();
        doc["newFieldOfV2"] = true.into();
        let e = Scenario::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(e.code(), "scenario.version");
        insta::assert_snapshot!(e.localized(Lang::En), @"version: version 2 is not supported; this build reads version 1");
        insta::assert_snapshot!(e.localized(Lang::Zh), @"版本：不支持版本 2；本程序读取版本 1");
        doc.as_object_mut().unwrap().remove("version");
        assert_eq!(
            Scenario::from_json(&doc.to_string()).unwrap_err().code(),
            "scenario.version"
        );
        assert_eq!(
            Scenario::from_json("[1,2]").unwrap_err().code(),
            "json.notObject"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut doc = seed();
        doc["target"] = 0.into();
        doc["ledgers"][8]["items"][0]["startMonth"] = 13.into();
        doc["ledgers"][8]["items"][1]["amount"] = (-5).into();
        doc["ledgers"][2]["items"][0]["rampMonths"] = 13.into();
        doc["ledgers"][0]["name"] = "<script>alert(1)</script>".into();
        doc["ledgers"][1]["items"][0]["name"] = "长".repeat(10_000).into();
        doc["history"]["values"][13] = 800.0.into(); // 2022 Jan–Apr below Jan–Mar 882.79
        doc["rules"]["reinforcementShare"] = 1.5.into();
        doc["rules"]["lights"]["paceYellowAtLeastPp"] = 1.into();
        assert_eq!(
            problems_of(&doc),
            vec![
                ("history.values[13]".to_string(), "history.ytdDecreases"),
                ("target".to_string(), "value.notPositive"),
                ("ledgers[0].name".to_string(), "text.markup"),
                ("ledgers[1].items[0].name".to_string(), "text.tooLong"),
                (
                    "ledgers[2].items[0].rampMonths".to_string(),
                    "ledger.item.rampMonths"
                ),
                (
                    "ledgers[8].items[0].startMonth".to_string(),
                    "ledger.item.startMonth"
                ),
                (
                    "ledgers[8].items[1].amount".to_string(),
                    "ledger.item.amount"
                ),
                ("rules.reinforcementShare".to_string(), "rules.share"),
                (
                    "rules.lights.paceYellowAtLeastPp".to_string(),
                    "rules.thresholds"
                ),
            ]
        );
    }

    #[test]
    fn negative_amount_message_in_both_languages() {
        let mut doc = seed();
        doc["ledgers"][8]["items"][1]["amount"] = (-5).into();
        let e = Scenario::from_json(&doc.to_string()).unwrap_err();
        insta::assert_snapshot!(e.localized(Lang::En), @r#"ledger 9 "外迁/关停", item 2 "关停企业 F（示例）", amount: -5 is negative; enter 0 or more"#);
        insta::assert_snapshot!(e.localized(Lang::Zh), @"第 9 本账「外迁/关停」第 2 条「关停企业 F（示例）」的全年产值：-5 为负数，请输入 0 或以上的数");
    }

    #[test]
    fn history_and_years_are_checked() {
        let mut doc = seed();
        doc["history"]["start"] = "2021-13".into();
        assert_eq!(
            problems_of(&doc),
            vec![("history.start".into(), "history.startMalformed")]
        );
        doc["history"]["start"] = "2021-05".into();
        assert_eq!(
            problems_of(&doc),
            vec![("history.start".into(), "history.startNotYearStart")]
        );

        let mut doc = seed();
        doc["planYear"] = 2025.into();
        assert_eq!(
            problems_of(&doc),
            vec![("planYear".into(), "scenario.planYear")]
        );
        doc["baseYear"] = 2024.into();
        assert_eq!(
            problems_of(&doc),
            vec![("history.values".into(), "history.baseYear")]
        );
        doc["baseYear"] = 20_000_000_000i64.into();
        assert_eq!(
            problems_of(&doc),
            vec![("baseYear".into(), "scenario.year")]
        );

        let mut doc = seed();
        // 2022 completed (Nov, Dec) and 2023 Jan–Feb added; plan year 2022 leaves 2023 beyond it
        let values = doc["history"]["values"].as_array_mut().unwrap();
        values.extend([3240.0.into(), 3560.0.into(), 600.0.into()]);
        doc["baseYear"] = 2021.into();
        doc["planYear"] = 2022.into();
        assert_eq!(
            problems_of(&doc),
            vec![("history.values".into(), "history.beyondPlanYear")]
        );

        let mut doc = seed();
        doc["history"]["values"] = serde_json::json!([]);
        assert_eq!(
            problems_of(&doc),
            vec![("history.values".into(), "history.empty")]
        );

        let mut doc = seed();
        doc["unit"] = "元".into();
        doc["ledgers"] = serde_json::json!([]);
        assert_eq!(
            problems_of(&doc),
            vec![
                ("unit".into(), "scenario.unit"),
                ("ledgers".into(), "ledgers.empty")
            ]
        );
    }

    #[test]
    fn the_spring_festival_rule_is_optional_and_checked() {
        use crate::festival::FestivalWindow;
        // absent: off, and written back without the field
        let s = Scenario::from_json(QIANTANG_2023).unwrap();
        assert_eq!(s.spring_festival, None);
        let params = ScenarioParams::from_json(QIANTANG_2023).unwrap();
        assert!(!serde_json::to_string(&params)
            .unwrap()
            .contains("springFestival"));
        // an empty object turns it on with the default window; enabled: false keeps it off
        let mut doc = seed();
        doc["rules"]["springFestival"] = serde_json::json!({});
        let s = Scenario::from_json(&doc.to_string()).unwrap();
        assert_eq!(s.spring_festival, Some(FestivalWindow::default()));
        doc["rules"]["springFestival"] =
            serde_json::json!({ "enabled": true, "daysBefore": 0, "daysAfter": 6 });
        let s = Scenario::from_json(&doc.to_string()).unwrap();
        assert_eq!(
            s.spring_festival,
            Some(FestivalWindow {
                days_before: 0,
                days_after: 6
            })
        );
        doc["rules"]["springFestival"]["enabled"] = false.into();
        assert_eq!(
            Scenario::from_json(&doc.to_string())
                .unwrap()
                .spring_festival,
            None
        );
        // days out of range name the field, in both languages, even when disabled
        doc["rules"]["springFestival"] =
            serde_json::json!({ "enabled": false, "daysBefore": 21, "daysAfter": -1 });
        assert_eq!(
            problems_of(&doc),
            vec![
                (
                    "rules.springFestival.daysBefore".to_string(),
                    "rules.springFestival"
                ),
                (
                    "rules.springFestival.daysAfter".to_string(),
                    "rules.springFestival"
                ),
            ]
        );
        doc["rules"]["springFestival"] = serde_json::json!({ "daysAfter": 45 });
        let e = Scenario::from_json(&doc.to_string()).unwrap_err();
        insta::assert_snapshot!(e.localized(Lang::En), @"rules.springFestival.daysAfter: 45 is outside 0–30 days");
        insta::assert_snapshot!(e.localized(Lang::Zh), @"春节窗口节后天数：45 超出 0–30 天的范围");
        doc["rules"]["springFestival"] = serde_json::json!({ "daysBefor": 3 });
        assert_eq!(
            Scenario::from_json(&doc.to_string()).unwrap_err().code(),
            "json.shape"
        );
    }

    /// The problems of the seed with its first item renamed.
    fn problems_with_item_name(name: &str) -> Vec<(String, &'static str)> {
        let mut doc: serde_json::Value =
            serde_json::from_str(crate::examples::QIANTANG_2023).unwrap();
        doc["ledgers"][0]["items"][0]["name"] = name.into();
        problems_of(&doc)
    }

    #[test]
    fn a_name_may_not_hold_marks_that_change_the_text_or_show_nothing() {
        let refused = [
            // U+202E (right-to-left override) and its kin would make a name read as another one
            '\u{202E}', '\u{202B}', '\u{2067}', '\u{200F}', '\u{061C}',
            // "项目\u{200B}甲" looks like "项目甲" but is another name (soft hyphen, Mongolian
            // vowel separator, zero-width space/non-joiner/joiner, word joiner, invisible
            // operators, BOM)
            '\u{00AD}', '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{2064}',
            '\u{FEFF}',
        ];
        for mark in refused {
            assert_eq!(
                problems_with_item_name(&format!("项目{mark}甲")),
                vec![("ledgers[0].items[0].name".to_string(), "text.markup")],
                "U+{:04X}",
                u32::from(mark)
            );
        }
        // the ideographic space and ordinary punctuation stay allowed
        assert_eq!(
            problems_with_item_name("项目\u{3000}甲（一期）·扩产"),
            vec![]
        );
    }

    #[test]
    fn huge_and_non_finite_numbers_are_refused() {
        // JSON has no NaN; a number too large for f64 is refused by the parser.
        let text = QIANTANG_2023.replacen("\"target\": 3600", "\"target\": 1e999", 1);
        assert_ne!(text, QIANTANG_2023);
        assert_eq!(
            Scenario::from_json(&text).unwrap_err().code(),
            "json.syntax"
        );
        // NaN can still arrive from JavaScript objects; check() catches it.
        let mut params = ScenarioParams::from_json(QIANTANG_2023).unwrap();
        params.target = f64::NAN;
        params.ledgers[0].items[0].amount = f64::INFINITY;
        params.rules.lights.gap_yellow_at_most_pct = f64::NAN;
        let codes: Vec<_> = params
            .check()
            .unwrap_err()
            .problems()
            .iter()
            .map(|p| p.code())
            .collect();
        assert_eq!(codes, vec!["value.notFinite"; 3]);
    }
}
