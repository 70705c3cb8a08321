//! `gapcast`: the native command line for batch work, same numbers as the page.
//!
//! ```text
//! gapcast account SCENARIO.json [--json] [--lang zh|en]
//! gapcast validate SCENARIO.json [--lang zh|en]
//! gapcast examples
//! gapcast forecast --input FILE.csv --horizon H [--method auto|ets|theta|snaive|pace|combo]
//!                  [--levels 80,95] [--period 12] [--threads N] [--output FILE.csv]
//!                  [--start YYYY-MM --spring-festival [--festival-days 7,14]]
//! ```

use std::process::ExitCode;

use gapcast::account::{AccountSummary, ReinforcementStatus};
use gapcast::error::shown;
use gapcast::lights::{Level, Light};
use gapcast::scenario::Direction;
use gapcast::{account, Error, Lang, Scenario};

const USAGE: &str = "usage:
  gapcast account SCENARIO.json [--json] [--lang zh|en]   base year, ten ledgers, plan year, gap, reinforcement target, lights
  gapcast validate SCENARIO.json [--lang zh|en]           list every problem of a scenario (exit 1 when there are any)
  gapcast examples                                        list the bundled example scenarios (seeds/)
  gapcast simulate SCENARIO.json [--runs N] [--seed S] [--json] [--svg DIR] [--lang zh|en]
                                                          Monte Carlo of the ten ledgers: P(meet target), quantiles, swings
  gapcast forecast --input FILE.csv --horizon H [--method auto|ets|theta|snaive|pace|combo]
                   [--levels 80,95] [--period 12] [--threads N] [--output FILE.csv]
                   [--start YYYY-MM --spring-festival [--festival-days 7,14]]
                                                          forecast every series of a long CSV (series_id,period_index,value);
                                                          writes series_id,h,point,lo80,hi80,lo95,hi95 (stdout without --output);
                                                          --spring-festival: with the 春节 regressor, every series starting at --start
SCENARIO.json may be - for standard input.";

/// The longest seasonal period `--period` takes (a day's data with a yearly season).
const MAX_PERIOD: i64 = 366;
/// The most threads `--threads` takes.
const MAX_THREADS: i64 = 256;

/// Options that take a value.
const VALUE_OPTIONS: &[&str] = &[
    "--input",
    "--output",
    "--horizon",
    "--method",
    "--levels",
    "--period",
    "--threads",
    "--runs",
    "--seed",
    "--svg",
    "--start",
    "--festival-days",
];

struct Args {
    command: String,
    path: Option<String>,
    json: bool,
    spring_festival: bool,
    lang: Lang,
    values: std::collections::BTreeMap<String, String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or_else(|| "missing command".to_string())?;
    let mut parsed = Args {
        command,
        path: None,
        json: false,
        spring_festival: false,
        lang: Lang::Zh,
        values: std::collections::BTreeMap::new(),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--spring-festival" => parsed.spring_festival = true,
            "--lang" => {
                parsed.lang = match args.next().as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    other => {
                        return Err(format!(
                            "--lang takes zh or en, got {}",
                            other.map(shown).as_deref().unwrap_or("nothing")
                        ))
                    }
                }
            }
            "-h" | "--help" => return Err(String::new()),
            name if VALUE_OPTIONS.contains(&name) => {
                let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
                parsed
                    .values
                    .insert(name.trim_start_matches("--").to_string(), value);
            }
            other if other.starts_with("--") => {
                return Err(format!("unknown option {}", shown(other)))
            }
            other if parsed.path.is_none() => parsed.path = Some(other.to_string()),
            other => return Err(format!("unexpected argument {}", shown(other))),
        }
    }
    Ok(parsed)
}

/// The text of a scenario or CSV file (`-` for standard input), decoded as the page decodes it
/// (`www/scenario-io.js`): UTF-16 when it starts with its byte order mark, else UTF-8 (a byte order
/// mark dropped), else GB18030, the superset of GBK that Chinese Windows editors and Excel save in.
/// A file read as UTF-16 or GB18030 is said so on standard error; bytes that are none of these are
/// refused, never decoded with replacement characters.
fn read_input(path: &str, lang: Lang) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes))
    };
    let name = if path == "-" {
        match lang {
            Lang::Zh => "标准输入",
            Lang::En => "standard input",
        }
        .to_string()
    } else {
        shown(path)
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    let (text, encoding) = decode_text(&bytes).ok_or_else(|| match lang {
        Lang::Zh => {
            format!("{name}：不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本，请另存为 UTF-8")
        }
        Lang::En => format!("{name}: not text in UTF-8, UTF-16 or GB18030 (GBK); save it as UTF-8"),
    })?;
    if encoding != encoding_rs::UTF_8 {
        match lang {
            Lang::Zh => eprintln!("gapcast: {name} 按 {} 编码读取", encoding.name()),
            Lang::En => eprintln!("gapcast: read {name} as {}", encoding.name()),
        }
    }
    Ok(text)
}

/// See [`read_input`]: the text and the encoding it was read in, or `None`.
fn decode_text(bytes: &[u8]) -> Option<(String, &'static encoding_rs::Encoding)> {
    let (first, bom) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_8, 0));
    let tries: &[&'static encoding_rs::Encoding] = if first == encoding_rs::UTF_8 {
        &[encoding_rs::UTF_8, encoding_rs::GB18030]
    } else {
        &[first]
    };
    tries.iter().find_map(|&encoding| {
        encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|text| (text.into_owned(), encoding))
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gapcast: {}", for_terminal(&message));
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match args.command.as_str() {
        "examples" => {
            for example in gapcast::examples::EXAMPLES {
                println!("{}", example.id);
            }
            ExitCode::SUCCESS
        }
        "account" | "validate" => {
            let Some(path) = args.path.as_deref() else {
                eprintln!("gapcast: {} needs a scenario file\n{USAGE}", args.command);
                return ExitCode::from(2);
            };
            let text = match read_input(path, args.lang) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("gapcast: {}", for_terminal(&e));
                    return ExitCode::from(2);
                }
            };
            match Scenario::from_json(&text) {
                Err(e) => {
                    report_error(&e, &args);
                    ExitCode::from(1)
                }
                Ok(_) if args.command == "validate" => {
                    println!(
                        "{}",
                        if args.lang == Lang::Zh {
                            "情景有效"
                        } else {
                            "the scenario is valid"
                        }
                    );
                    ExitCode::SUCCESS
                }
                Ok(scenario) => {
                    let summary = account(&scenario);
                    if args.json {
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&summary.to_json()).unwrap_or_default()
                        );
                    } else {
                        print!("{}", render(&summary, args.lang));
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        "simulate" => exit_code(run_simulate(&args), &args),
        "forecast" => exit_code(run_forecast(&args), &args),
        other => {
            eprintln!("gapcast: unknown command {}\n{USAGE}", shown(other));
            ExitCode::from(2)
        }
    }
}

/// 0 on success, 2 for a usage error (with the usage) or a file that cannot be read or written, 1
/// for bad input (every problem named).
fn exit_code(result: Result<(), CliError>, args: &Args) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::File(message)) => {
            eprintln!("gapcast: {}", for_terminal(&message));
            ExitCode::from(2)
        }
        Err(CliError::Usage(message)) => {
            eprintln!("gapcast: {}\n{USAGE}", for_terminal(&message));
            ExitCode::from(2)
        }
        Err(CliError::Input(e)) => {
            report_error(&e, args);
            ExitCode::from(1)
        }
    }
}

enum CliError {
    /// The command line is wrong: the message and the usage.
    Usage(String),
    /// A file could not be read or written: the message only (as `account` says it).
    File(String),
    Input(Error),
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Input(e)
    }
}

/// An option's whole-number value in `min..=max`, or `default` when the option is not given. Any
/// other text (a fraction, a number out of range, even beyond 2^64, a word) is refused as typed, in the
/// chosen language (`option.number`), never rounded first.
fn whole_number(
    args: &Args,
    name: &'static str,
    default: Option<i64>,
    min: i64,
    max: i64,
) -> Result<i64, CliError> {
    let Some(text) = args.values.get(name) else {
        return default.ok_or_else(|| CliError::Usage(format!("{} needs --{name}", args.command)));
    };
    match text.trim().parse::<i128>() {
        Ok(v) if (i128::from(min)..=i128::from(max)).contains(&v) => Ok(v as i64),
        _ => Err(not_a_whole_number(name, text, min, max)),
    }
}

fn not_a_whole_number(name: &'static str, text: &str, min: i64, max: i64) -> CliError {
    gapcast::Error::from(gapcast::error::Problem::new(
        gapcast::error::Place::Option(name),
        gapcast::error::ProblemKind::NotAWholeNumber {
            given: text.to_string(),
            min,
            max,
        },
    ))
    .into()
}

/// The Monte Carlo error of P(meet), as the page words it (`www/simulation.js`): the binomial
/// standard error, or, when every run agrees (a share of 0 or 1, whose standard error is 0 and
/// says nothing), the rule of three — a 95 % upper bound of about 3/N on the chance no run showed
/// (Hanley and Lippman-Hand, JAMA 1983) — from 30 runs on.
fn meet_error_text(meet: &gapcast::simulate::summary::Probability, lang: Lang) -> String {
    let n = meet.runs;
    match (lang, meet.se != 0.0, n < 30, meet.p == 1.0) {
        (Lang::Zh, true, ..) => format!("蒙特卡洛标准误 {:.2} 个百分点", meet.se * 100.0),
        (Lang::En, true, ..) => format!("Monte Carlo standard error {:.2} pp", meet.se * 100.0),
        (Lang::Zh, false, true, _) => format!("{n} 次运行结果全部相同，次数太少，无法估计误差"),
        (Lang::En, false, true, _) => format!("all {n} runs agree: too few to estimate the error"),
        (Lang::Zh, false, false, true) => {
            format!("{n} 次运行全部达标；未达标概率的 95% 上限约为 3/{n}")
        }
        (Lang::En, false, false, true) => format!(
            "all {n} runs meet it; a 95 % upper bound on the chance of missing is about 3/{n}"
        ),
        (Lang::Zh, false, false, false) => {
            format!("{n} 次运行全部未达标；达标概率的 95% 上限约为 3/{n}")
        }
        (Lang::En, false, false, false) => format!(
            "none of {n} runs meets it; a 95 % upper bound on the chance of meeting is about 3/{n}"
        ),
    }
}

/// `gapcast simulate`: the Monte Carlo of a scenario.
fn run_simulate(args: &Args) -> Result<(), CliError> {
    let path = args
        .path
        .as_deref()
        .ok_or_else(|| CliError::Usage("simulate needs a scenario file".into()))?;
    let text = read_input(path, args.lang).map_err(CliError::File)?;
    let scenario = Scenario::from_json(&text)?;
    let runs = args
        .values
        .get("runs")
        .map(|_| whole_number(args, "runs", None, 1, gapcast::simulate::MAX_RUNS as i64))
        .transpose()?
        .map(|r| r as usize);
    let seed = args
        .values
        .get("seed")
        .map(|_| whole_number(args, "seed", None, 0, gapcast::scenario::MAX_SEED as i64))
        .transpose()?
        .map(|s| s as u64);
    let started = std::time::Instant::now();
    let s = gapcast::simulate::simulate(&scenario, runs, seed)?;
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(dir) = args.values.get("svg") {
        let c = gapcast::simulate::charts::charts(&s, args.lang);
        std::fs::create_dir_all(dir).map_err(|e| CliError::File(format!("{}: {e}", shown(dir))))?;
        for (name, svg) in [
            ("fan", &c.fan),
            ("waterfall", &c.waterfall),
            ("tornado", &c.tornado),
            ("histogram", &c.histogram),
        ] {
            let file = std::path::Path::new(dir).join(format!("{name}.svg"));
            std::fs::write(&file, svg)
                .map_err(|e| CliError::File(format!("{}: {e}", shown(&file.to_string_lossy()))))?;
        }
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&s.to_json()).unwrap_or_default()
        );
    } else {
        let u = scenario.unit.label(args.lang);
        let zh = args.lang == Lang::Zh;
        let q = &s.total;
        if zh {
            println!(
                "{} 次运行，种子 {}：全年总产值 均值 {:.2}，P10 {:.2}，P50 {:.2}，P90 {:.2} {u}",
                s.runs, s.seed, q.mean, q.p10, q.p50, q.p90
            );
            println!(
                "达到目标 {} 的概率 {:.1}%（{}）",
                s.target,
                s.meet.p * 100.0,
                meet_error_text(&s.meet, args.lang)
            );
            println!(
                "补强目标：按规则 {:.2} {u}；使达标概率 ≥ {:.0}% 还需净增 {:.2} {u}",
                s.reinforcement.by_rule,
                s.reinforcement.level * 100.0,
                s.reinforcement.for_level
            );
        } else {
            println!(
                "{} runs, seed {}: annual total mean {:.2}, p10 {:.2}, p50 {:.2}, p90 {:.2} {u}",
                s.runs, s.seed, q.mean, q.p10, q.p50, q.p90
            );
            println!(
                "P(total ≥ {}) = {:.1}% ({})",
                s.target,
                s.meet.p * 100.0,
                meet_error_text(&s.meet, args.lang)
            );
            println!(
                "reinforcement: by the rule {:.2} {u}; for P ≥ {:.0}%, {:.2} {u} more net increase",
                s.reinforcement.by_rule,
                s.reinforcement.level * 100.0,
                s.reinforcement.for_level
            );
        }
        for w in &s.tornado {
            println!("  {:>10.2} … {:>10.2}  {}", w.low, w.high, w.name);
        }
    }
    eprintln!("gapcast: simulated in {elapsed:.3} s");
    Ok(())
}

/// `gapcast forecast`: every series of a long CSV, on all cores.
fn run_forecast(args: &Args) -> Result<(), CliError> {
    use gapcast::batch::{forecast_all, forecast_each, parse_long_csv, write_csv};
    use gapcast::forecast::festival::forecast_with_festival;
    use gapcast::forecast::method::{ForecastOptions, Method};
    let input = args
        .values
        .get("input")
        .ok_or_else(|| CliError::Usage("forecast needs --input FILE.csv".into()))?;
    let text = read_input(input, args.lang).map_err(CliError::File)?;
    let horizon_text = args
        .values
        .get("horizon")
        .ok_or_else(|| CliError::Usage("forecast needs --horizon".into()))?;
    // a whole number out of range is the core's horizon error (as in the binding)
    let horizon: i64 = horizon_text.trim().parse().map_err(|_| {
        not_a_whole_number(
            "horizon",
            horizon_text,
            1,
            gapcast::forecast::MAX_HORIZON as i64,
        )
    })?;
    gapcast::forecast::check_options(horizon, &[])?;
    let method: Method = args
        .values
        .get("method")
        .map(|m| m.parse())
        .transpose()?
        .unwrap_or(Method::Auto);
    let levels: Vec<f64> = match args.values.get("levels") {
        Some(list) => list
            .split(',')
            .map(|l| {
                l.trim().parse().map_err(|_| {
                    CliError::Usage(format!(
                        "--levels takes numbers like 80,95, got {}",
                        shown(list)
                    ))
                })
            })
            .collect::<Result<_, _>>()?,
        None => vec![80.0, 95.0],
    };
    gapcast::forecast::check_options(horizon, &levels)?;
    let period = whole_number(args, "period", Some(12), 1, MAX_PERIOD)? as usize;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let threads = whole_number(args, "threads", Some(cores as i64), 1, MAX_THREADS)? as usize;
    let mut opts = ForecastOptions {
        method,
        horizon: horizon as usize,
        levels,
        period,
        ..ForecastOptions::default()
    };
    let festival = festival_options(args, &mut opts)?;
    let started = std::time::Instant::now();
    let series = parse_long_csv(&text)?;
    let results = match festival {
        Some((year, window)) => forecast_each(&series, threads, |s| {
            forecast_with_festival(&s.id, &s.values, &opts, year, window)
        }),
        None => forecast_all(&series, &opts, threads),
    };
    if festival.is_some() {
        let estimated = results
            .iter()
            .filter(|r| r.as_ref().is_ok_and(|f| f.spring_festival.is_some()))
            .count();
        eprintln!(
            "gapcast: Spring Festival effect estimated for {estimated} of {} series",
            series.len()
        );
    }
    let csv = write_csv(&series, &results, &opts.levels)?;
    match args.values.get("output").map(String::as_str) {
        Some("-") | None => print!("{csv}"),
        Some(path) => std::fs::write(path, csv)
            .map_err(|e| CliError::File(format!("{}: {e}", shown(path))))?,
    }
    eprintln!(
        "gapcast: {} series, method {}, horizon {}, {} threads, {:.2} s",
        series.len(),
        method.name(),
        horizon,
        threads,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `--start YYYY-MM`, `--spring-festival` and `--festival-days B,A` of `gapcast forecast`: the
/// first year and the window when the regressor is asked for (and `opts.phase` from the start
/// month), else `None`.
fn festival_options(
    args: &Args,
    opts: &mut gapcast::forecast::method::ForecastOptions,
) -> Result<Option<(i32, gapcast::festival::FestivalWindow)>, CliError> {
    let start = args.values.get("start");
    if !args.spring_festival {
        return match (start, args.values.get("festival-days")) {
            (None, None) => Ok(None),
            _ => Err(CliError::Usage(
                "--start and --festival-days go with --spring-festival".into(),
            )),
        };
    }
    let start =
        start.ok_or_else(|| CliError::Usage("--spring-festival needs --start YYYY-MM".into()))?;
    let bad_start = || {
        CliError::Usage(format!(
            "--start takes a month like 2011-01, got {}",
            shown(start)
        ))
    };
    let (year, month) = start.split_once('-').ok_or_else(bad_start)?;
    let year: i32 = year.parse().map_err(|_| bad_start())?;
    let month: usize = month.parse().map_err(|_| bad_start())?;
    if !(1..=12).contains(&month) {
        return Err(bad_start());
    }
    // position in the year of the first value; with January–February combined, both are period 0
    opts.phase = if opts.period == 11 {
        month.saturating_sub(2)
    } else {
        month - 1
    };
    let mut rule = gapcast::scenario::SpringFestivalParams {
        enabled: true,
        days_before: i64::from(gapcast::festival::DEFAULT_DAYS_BEFORE),
        days_after: i64::from(gapcast::festival::DEFAULT_DAYS_AFTER),
    };
    if let Some(days) = args.values.get("festival-days") {
        let bad = || {
            CliError::Usage(format!(
                "--festival-days takes two whole numbers like 7,14, got {days}"
            ))
        };
        let (before, after) = days.split_once(',').ok_or_else(bad)?;
        rule.days_before = before.trim().parse().map_err(|_| bad())?;
        rule.days_after = after.trim().parse().map_err(|_| bad())?;
    }
    let window = rule.window((
        "--festival-days (days before)",
        "--festival-days (days after)",
    ))?;
    Ok(window.map(|w| (year, w)))
}

/// A message for the terminal: each of its lines as [`shown`] writes a value (control characters and
/// hidden marks written out), so that nothing in it can send escape sequences. Values inside it are
/// already [`shown`] where the message is made, line breaks included.
fn for_terminal(text: &str) -> String {
    text.split('\n').map(shown).collect::<Vec<_>>().join("\n")
}

fn report_error(e: &Error, args: &Args) {
    if args.json {
        let problems: Vec<_> = e.problems().iter().map(|p| p.report()).collect();
        let v = serde_json::json!({ "code": e.code(), "problems": problems });
        eprintln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        eprintln!("gapcast: {}", for_terminal(&e.localized(args.lang)));
    }
}

fn icon(level: Level) -> &'static str {
    match level {
        Level::Good => "✓",
        Level::Watch => "!",
        Level::Alert => "✕",
        Level::None => "–",
    }
}

fn light_line(light: &Light, lang: Lang) -> String {
    let (text, rule) = match lang {
        Lang::Zh => (&light.zh, &light.rule_zh),
        Lang::En => (&light.en, &light.rule_en),
    };
    format!(
        "[{} {}] {text}\n      {rule}\n",
        icon(light.level),
        light.colour
    )
}

/// The same summary as the page, as text.
fn render(s: &AccountSummary, lang: Lang) -> String {
    let u = s.unit.label(lang);
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("{} — {} {} ({u})", s.title, s.region, s.indicator));
    let b = &s.base;
    let growth = b
        .ytd_growth_pct
        .map(|g| format!(", {g:+.1}% y/y"))
        .unwrap_or_default();
    line(if zh {
        format!(
            "基年 {} 全年预估  {:>10.2}  （1–{}月实际 {:.2}{}；{}，占全年 {:.2}%）",
            b.year,
            b.estimate,
            b.last_month,
            b.ytd,
            growth.replace("y/y", "同比"),
            if b.complete {
                "全年实际"
            } else {
                "季节进度法"
            },
            b.share * 100.0
        )
    } else {
        format!(
            "base year {} estimate {:>10.2}  (Jan–{} actual {:.2}{growth}; share of year {:.2}%)",
            b.year,
            b.estimate,
            b.last_month,
            b.ytd,
            b.share * 100.0
        )
    });
    for l in &s.ledgers {
        let sign = if l.direction == Direction::Increase {
            "+"
        } else {
            "−"
        };
        let dir = match (l.direction, zh) {
            (Direction::Increase, true) => "增量",
            (Direction::Decrease, true) => "减量",
            (Direction::Increase, false) => "increase",
            (Direction::Decrease, false) => "decrease",
        };
        let count = if zh {
            format!("{} 条", l.items.len())
        } else {
            format!("{} item(s)", l.items.len())
        };
        line(format!(
            "  {sign}{:>9.2}  {} ({dir}, {count})",
            l.effect, l.name
        ));
    }
    line(if zh {
        format!(
            "增量合计 +{:.2}，减量合计 −{:.2}，净增 {:+.2} {u}",
            s.increases, s.decreases, s.net_ledgers
        )
    } else {
        format!(
            "increases +{:.2}, decreases −{:.2}, net {:+.2} {u}",
            s.increases, s.decreases, s.net_ledgers
        )
    });
    let p = &s.plan;
    line(if zh {
        format!(
            "计划年 {} 十本账测算 {:.2}，目标 {}，缺口 {:+.2} {u}（目标的 {:+.2}%；正数为差距，负数为超出）",
            s.plan_year, p.projection, s.target, p.gap, p.gap_pct
        )
    } else {
        format!(
            "plan year {} ledger account {:.2}, target {}, gap {:+.2} {u} ({:+.2}% of target; positive = short)",
            s.plan_year, p.projection, s.target, p.gap, p.gap_pct
        )
    });
    if let Some(y) = &s.in_year {
        line(if zh {
            format!(
                "年内：1–{}月 {:.2}，完成率 {:.2}%，进度差 {:+.2} 个百分点，预计全年 {:.2}，缺口 {:+.2}",
                y.last_month, y.ytd, y.completion_pct, y.pace_gap_pp, y.estimate, y.gap
            )
        } else {
            format!(
                "in-year: Jan–{} {:.2}, completion {:.2}%, pace gap {:+.2} pp, estimate {:.2}, gap {:+.2}",
                y.last_month, y.ytd, y.completion_pct, y.pace_gap_pp, y.estimate, y.gap
            )
        });
        if let Some(r) = y.required_monthly_average {
            line(if zh {
                format!("  余下各月需月均 {r:.2} {u}")
            } else {
                format!("  required monthly average {r:.2} {u}")
            });
        }
    }
    let r = &s.reinforcement;
    let status = match (r.status, zh) {
        (ReinforcementStatus::Needed, true) => "仍需补强",
        (ReinforcementStatus::Met, true) => "已达到",
        (ReinforcementStatus::Needed, false) => "needed",
        (ReinforcementStatus::Met, false) => "met",
    };
    line(if zh {
        format!(
            "补强目标 {:.2} {u}（{}% × {} − 净增 {:.2}；{status}）",
            r.amount,
            r.share * 100.0,
            s.target,
            r.net_ledgers
        )
    } else {
        format!(
            "reinforcement target {:.2} {u} ({}% × {} − net {:.2}; {status})",
            r.amount,
            r.share * 100.0,
            s.target,
            r.net_ledgers
        )
    });
    if let Some(c) = s.chain_target {
        line(if zh {
            format!("补链强链目标 {c} {u}")
        } else {
            format!("chain-strengthening target {c} {u}")
        });
    }
    out.push_str(&light_line(&s.lights.pace, lang));
    out.push_str(&light_line(&s.lights.gap, lang));
    for n in &s.notices {
        out.push_str(&format!("note: {}\n", if zh { &n.zh } else { &n.en }));
    }
    out
}
