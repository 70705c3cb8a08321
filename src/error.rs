//! Typed problems with a scenario, worded for the user in Chinese and English.
//!
//! Every problem has a stable [`Problem::code`] for the UI, a [`Problem::path`] into the scenario
//! document (`ledgers[2].items[0].startMonth`), and a message per language that names the place
//! (row, month, ledger and item) and says what is allowed. Messages are produced by one exhaustive
//! `match (kind, lang)`, so a missing translation does not compile. `Display` is English.
//!
//! # Example
//! ```
//! use gapcast::error::{Lang, Place, Problem, ProblemKind};
//! let p = Problem::new(Place::Field("target"), ProblemKind::NotPositive { value: 0.0 });
//! assert_eq!(p.code(), "value.notPositive");
//! assert_eq!(p.localized(Lang::En), "target: 0 must be above 0");
//! assert_eq!(p.localized(Lang::Zh), "年度目标：0 必须大于 0");
//! ```

use std::fmt;

use serde::Serialize;

use crate::calendar::PeriodLabel;

/// Language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

/// Where in the scenario a problem is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Place {
    /// The whole document (syntax, version).
    Document,
    /// A field found by the parser, by its path, e.g. `ledgers[2].items[0].amout` (shape errors).
    Path(String),
    /// A top-level or rules field, by its JSON path, e.g. `"target"`, `"rules.reinforcementShare"`.
    Field(&'static str),
    /// One value of the monthly history.
    History {
        /// Index into `history.values`.
        index: usize,
        /// The period that value closes.
        label: PeriodLabel,
    },
    /// A series given to the forecaster, and optionally one of its values.
    Series {
        /// The series' id (e.g. from a CSV `series_id` column; empty when unnamed).
        series: String,
        /// 0-based index of the value, when the problem is one value.
        index: Option<usize>,
    },
    /// A forecasting option, by name (`horizon`, `levels`, `paths`, `method`).
    Option(&'static str),
    /// A field of a ledger.
    Ledger {
        /// Index into `ledgers`.
        ledger: usize,
        /// The ledger's name as the user wrote it.
        ledger_name: String,
        /// JSON field name, e.g. `"name"`, `"items"`.
        field: &'static str,
    },
    /// A field of a ledger item.
    Item {
        /// Index into `ledgers`.
        ledger: usize,
        /// The ledger's name.
        ledger_name: String,
        /// Index into that ledger's `items`.
        item: usize,
        /// The item's name.
        item_name: String,
        /// JSON field name, e.g. `"amount"`, `"startMonth"`.
        field: &'static str,
    },
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not JSON at all.
    JsonSyntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's own words (English).
        detail: String,
    },
    /// The JSON does not have the scenario's shape (unknown or missing field, wrong type).
    JsonShape {
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// The parser's own words (English), e.g. "unknown field `foo`, expected one of …".
        detail: String,
    },
    /// The JSON is not an object `{…}`.
    NotAnObject,
    /// `version` is missing or not one this build reads.
    UnsupportedVersion {
        /// What the document says, as text.
        found: String,
    },
    /// A text is longer than allowed.
    TextTooLong {
        /// Its length in characters.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A required text is empty.
    TextEmpty,
    /// A text contains `<`, `>` or control characters.
    TextHasMarkup,
    /// The unit is neither 亿元 nor 万元.
    UnknownUnit {
        /// What the document says.
        found: String,
    },
    /// `history.start` is not `YYYY-MM`.
    StartMalformed {
        /// What the document says.
        found: String,
    },
    /// `history.start` is not the first period of a year.
    StartNotYearStart {
        /// What the document says.
        found: String,
    },
    /// The history has no values.
    HistoryEmpty,
    /// Too many values, ledgers or items.
    TooMany {
        /// How many there are.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A number is NaN or infinite.
    NotFinite,
    /// A value that must be zero or more is negative.
    Negative {
        /// The value.
        value: f64,
    },
    /// A number is above the largest accepted.
    TooLarge {
        /// The value.
        value: f64,
        /// The largest accepted.
        max: f64,
    },
    /// A value that must be above zero is not.
    NotPositive {
        /// The value.
        value: f64,
    },
    /// A year-to-date value is below the previous one of the same year.
    YtdDecreases {
        /// This period's YTD.
        value: f64,
        /// The previous period's YTD.
        previous: f64,
        /// The previous period.
        previous_label: PeriodLabel,
    },
    /// A year is outside the accepted range.
    YearOutOfRange {
        /// The year.
        year: i64,
    },
    /// The plan year is not the year after the base year.
    PlanYearNotNext {
        /// Base year.
        base: i32,
        /// Plan year.
        plan: i32,
    },
    /// The history has no value in the base year.
    BaseYearNotInHistory {
        /// Base year.
        base: i32,
        /// First year of the history.
        first: i32,
        /// Last year of the history.
        last: i32,
    },
    /// The history runs past the plan year.
    HistoryBeyondPlanYear {
        /// The last year of the history.
        last: i32,
        /// Plan year.
        plan: i32,
    },
    /// There are no ledgers.
    LedgersEmpty,
    /// A month number is outside 1..=12.
    MonthOutOfRange {
        /// The value.
        value: i64,
    },
    /// Ramp-up months outside 0..=12.
    RampOutOfRange {
        /// The value.
        value: i64,
    },
    /// A share outside (0, 1].
    ShareOutOfRange {
        /// The value.
        value: f64,
    },
    /// A probability to reach (the reinforcement's level) outside (0, 1).
    LevelProbabilityOutOfRange {
        /// The value.
        value: f64,
    },
    /// Options passed by a program (the JS API) that do not have the documented shape.
    OptionsShape {
        /// The parser's words (English).
        detail: String,
    },
    /// A shared-shock correlation outside [0, 1].
    CorrelationOutOfRange {
        /// The value.
        value: f64,
    },
    /// A row of an input table that cannot be read.
    BadRow {
        /// 1-based line.
        line: usize,
        /// What is wrong (English).
        detail: String,
        /// What is wrong (Chinese).
        detail_zh: String,
    },
    /// A forecast horizon outside 1..=max.
    HorizonOutOfRange {
        /// The horizon asked for.
        value: i64,
        /// The largest allowed.
        max: i64,
    },
    /// An interval level outside (0, 100).
    LevelOutOfRange {
        /// The level, in %.
        value: f64,
    },
    /// A count (paths, runs) outside its range.
    CountOutOfRange {
        /// The count as given (a JavaScript number, so a seed beyond 2^53 is as JavaScript holds it;
        /// written without a fraction or an exponent).
        value: f64,
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// A series with no values.
    SeriesEmpty,
    /// A series with fewer values than a method needs (e.g. a trend filter).
    SeriesTooShort {
        /// How many values there are.
        len: usize,
        /// The fewest the method needs.
        min: usize,
    },
    /// A method name that does not exist.
    UnknownMethod {
        /// What was asked for.
        found: String,
    },
    /// Light thresholds in the wrong order.
    ThresholdOrder {
        /// Name of the lower threshold field.
        lower_field: &'static str,
        /// Its value.
        lower: f64,
        /// Name of the upper threshold field.
        upper_field: &'static str,
        /// Its value.
        upper: f64,
    },
    /// Two bounds of an item's range in the wrong order (low > high, min > max, from > to).
    BoundsOrder {
        /// Name of the lower bound, e.g. `"low"`, `"min"`, `"from"`.
        lower_field: &'static str,
        /// Its value.
        lower: f64,
        /// Name of the upper bound.
        upper_field: &'static str,
        /// Its value.
        upper: f64,
    },
    /// The most likely value of a triangular or PERT amount is outside [min, max].
    ModeOutsideBounds {
        /// The mode.
        mode: f64,
        /// The minimum.
        min: f64,
        /// The maximum.
        max: f64,
    },
    /// A 90% range (both ends above 0, read as lognormal) whose high end is too many times its low end.
    RangeTooWide {
        /// Low end.
        low: f64,
        /// High end.
        high: f64,
        /// The largest accepted high / low.
        max_ratio: f64,
    },
    /// A probability outside 0..=1.
    ProbabilityOutOfRange {
        /// The value.
        value: f64,
    },
    /// Days of the Spring Festival window (before or after the festival) outside 0..=max.
    FestivalDaysOutOfRange {
        /// The value.
        value: i64,
        /// The most allowed.
        max: i64,
    },
    /// A command-line option's value that is not a whole number in min..=max, kept as typed (so a
    /// seed beyond 2^53 is named exactly, not as the nearest double).
    NotAWholeNumber {
        /// The text as given.
        given: String,
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
}

/// A note on how a figure was made (a fallback, an assumption), in both languages. Not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Stable id, e.g. `pace.calendarFallback`.
    pub code: &'static str,
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

/// One problem with a scenario: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where.
    pub place: Place,
    /// What.
    pub kind: ProblemKind,
}

/// A problem as JSON for the page and the CLI: `{ code, path, en, zh }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemReport {
    /// Stable id, e.g. `history.ytdDecreases`.
    pub code: &'static str,
    /// JSON path into the scenario, `""` for the whole document.
    pub path: String,
    /// Message in English.
    pub en: String,
    /// Message in Chinese.
    pub zh: String,
}

/// The longest a name is quoted inside a message before it is cut with "…".
const QUOTE_MAX: usize = 40;

/// A mark that changes the direction of the text around it (a right-to-left override makes a name
/// read as another) or shows nothing (a zero-width space makes two names that look the same differ).
/// Names may not hold them ([`crate::scenario`]); messages write them out.
pub fn is_hidden_mark(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Push `c` onto a message as the user should see it: a control character (a line break, a terminal
/// escape) or a hidden mark written out as `\n` or `\u{1b}`, so a value cannot forge lines, recolour
/// a terminal or turn the text around it.
fn push_shown(out: &mut String, c: char) {
    if c.is_control() || is_hidden_mark(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// A value as the user typed it (a file name, an option), for a message: see [`push_shown`].
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    out
}

/// A name or value as the user gave it, for a message: cut at [`QUOTE_MAX`] characters with "…" and
/// written as [`shown`] does.
fn quote(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == QUOTE_MAX {
            out.push('…');
            break;
        }
        push_shown(&mut out, c);
    }
    out
}

/// A number as people write it: no trailing zeros, at most 6 decimals; from 10¹⁵ on (far above any
/// allowed value) in scientific form, 1e308 rather than 309 digits.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    // beyond 10¹⁵ (far above any allowed value) in scientific form: 1e308 is not 309 digits
    if x.abs() >= 1e15 {
        return format!("{x:e}");
    }
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The JSON parser's words with Rust's type names put in plain English ("expected u64" → "expected
/// a whole number, 0 or more").
fn parser_detail_en(detail: &str) -> String {
    if let Some((path, rest)) = split_path(detail) {
        return format!("{path}: {}", parser_detail_en(rest));
    }
    if matches!(
        detail.trim(),
        "lone leading surrogate in hex escape" | "unexpected end of hex escape"
    ) {
        return "an unpaired UTF-16 surrogate (\\uD800–\\uDBFF must be followed by \\uDC00–\\uDFFF)"
            .to_string();
    }
    let Some((head, expected)) = detail.rsplit_once(", expected ") else {
        return detail.to_string();
    };
    let plain = match expected.trim() {
        "f64" | "f32" => "a number",
        "i64" | "i32" => "a whole number",
        "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number, 0 or more",
        other => other,
    };
    format!("{head}, expected {plain}")
}

/// A leading field path (`runs: …`, `ledgers[0].name: …`, as the options' parser puts it) and the
/// parser's words after it.
fn split_path(detail: &str) -> Option<(&str, &str)> {
    let (path, rest) = detail.split_once(": ")?;
    let is_path = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | ']' | '_'));
    is_path.then_some((path, rest))
}

/// The JSON parser's own (English) words in Chinese, for the messages it produces most often;
/// anything else is kept as it is.
fn parser_detail_zh(detail: &str) -> String {
    if let Some((path, rest)) = split_path(detail) {
        return format!("{path}：{}", parser_detail_zh(rest));
    }
    fn kind_zh(text: &str) -> String {
        let text = text.trim();
        let (head, rest) = match text.find(['`', '"']) {
            Some(i) => (text[..i].trim(), format!(" {}", &text[i..])),
            None => (text, String::new()),
        };
        let head = match head {
            "f64" | "f32" => "数值",
            "i64" | "i32" | "integer" => "整数",
            "u64" | "u32" | "u16" | "u8" | "usize" => "非负整数",
            "floating point" => "小数",
            "string" | "a string" => "文本",
            "boolean" | "a boolean" => "布尔值 true/false",
            "sequence" | "a sequence" => "数组 […]",
            "map" | "a map" => "对象 {…}",
            "null" => "null",
            h if h.starts_with("struct ") => "对象 {…}",
            h if h.starts_with("enum") => "取值",
            h => return format!("{h}{rest}"),
        };
        format!("{head}{rest}")
    }
    let d = detail.trim();
    if let Some(rest) = d.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, allowed)) => format!(
                "未知字段 {field}，可用字段：{}",
                allowed.trim_start_matches("one of ")
            ),
            None => format!(
                "未知字段 {}",
                rest.split(", there are no fields").next().unwrap_or(rest)
            ),
        };
    }
    if let Some(rest) = d.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected ") {
            Some((value, allowed)) => format!(
                "未知取值 {value}，可用取值：{}",
                allowed
                    .trim_start_matches("one of ")
                    .replace(" or ", " 或 ")
            ),
            None => format!("未知取值 {rest}"),
        };
    }
    if let Some(field) = d.strip_prefix("missing field ") {
        return format!("缺少必填字段 {field}");
    }
    if let Some(field) = d.strip_prefix("duplicate field ") {
        return format!("字段 {field} 重复");
    }
    if let Some(rest) = d
        .strip_prefix("invalid type: ")
        .or_else(|| d.strip_prefix("invalid value: "))
    {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "类型不符：得到{}，应为{}",
                kind_zh(found),
                kind_zh(expected)
            );
        }
    }
    if d.starts_with("EOF while parsing") {
        return "内容意外结束（可能缺少括号、引号或逗号）".to_string();
    }
    match d {
        "expected value" => "此处应为一个值".to_string(),
        "trailing characters" => "JSON 结束后还有多余字符".to_string(),
        "trailing comma" => "末尾多了逗号".to_string(),
        "key must be a string" => "对象的键必须是带引号的文本".to_string(),
        "invalid number" => "无效的数字".to_string(),
        "number out of range" => "数字超出范围".to_string(),
        "invalid escape" => "无效的转义字符".to_string(),
        "invalid unicode code point" => "无效的 Unicode 字符".to_string(),
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "不成对的 UTF-16 代理项（\\uD800–\\uDBFF 后须紧跟 \\uDC00–\\uDFFF）".to_string()
        }
        "float key must be finite (got NaN or +/-inf)" => "键必须是有限数字".to_string(),
        "recursion limit exceeded" => "嵌套层数过多".to_string(),
        _ if d.starts_with("control character") => "文本中含有控制字符".to_string(),
        _ if d.starts_with("expected ") => {
            format!(
                "此处应为 {}",
                d["expected ".len()..].replace(" or ", " 或 ")
            )
        }
        _ => d.to_string(),
    }
}

fn field_zh(field: &str) -> &'static str {
    match field {
        "version" => "版本",
        "title" => "标题",
        "region" => "地区",
        "indicator" => "指标",
        "unit" => "单位",
        "notes" => "说明",
        "history.start" => "历史数据起始月份",
        "history.values" => "历史数据",
        "baseYear" => "基年",
        "planYear" => "计划年",
        "target" => "年度目标",
        "ledgers" => "十本账",
        "rules.reinforcementShare" => "补强比例",
        "rules.chainTarget" => "补链强链目标",
        "rules.lights.paceGreenAtLeastPp" => "进度绿灯阈值",
        "rules.lights.paceYellowAtLeastPp" => "进度黄灯阈值",
        "rules.lights.gapGreenAtMostPct" => "缺口绿灯阈值",
        "rules.lights.gapYellowAtMostPct" => "缺口黄灯阈值",
        "name" => "名称",
        "items" => "条目",
        "amount" => "全年产值",
        "startMonth" => "起始月",
        "rampMonths" => "爬坡月数",
        "horizon" => "预测步数",
        "levels" => "区间置信水平",
        "paths" => "样本路径数",
        "method" => "预测方法",
        "input" => "输入文件",
        "simulation.runs" => "模拟运行次数",
        "simulation.targetProbability" => "补强求解的目标概率",
        "options" => "选项",
        "lambda" => "平滑参数 λ",
        "h" => "前瞻期数 h",
        "p" => "滞后阶数 p",
        "amountDist" => "全年产值分布",
        "amountDist.value" => "全年产值",
        "amountDist.low" => "全年产值区间下限",
        "amountDist.high" => "全年产值区间上限",
        "amountDist.min" => "全年产值最小值",
        "amountDist.mode" => "全年产值最可能值",
        "amountDist.max" => "全年产值最大值",
        "probability" => "实现概率",
        "startWindow" => "起始月窗口",
        "startWindow.from" => "最早起始月",
        "startWindow.to" => "最晚起始月",
        "low" => "下限",
        "high" => "上限",
        "min" => "最小值",
        "max" => "最大值",
        "from" => "最早起始月",
        "to" => "最晚起始月",
        "mode" => "最可能值",
        "shock" => "共同冲击",
        "shock.group" => "共同冲击组",
        "shock.correlation" => "共同冲击相关系数 ρ",
        "simulation" => "模拟设置",
        "simulation.seed" => "随机种子",
        "seed" => "随机种子",
        "runs" => "模拟运行次数",
        "period" => "季节周期（每年期数）",
        "threads" => "线程数",
        "rules.estimateMethod" => "全年预估方法",
        "rules.springFestival.daysBefore" => "春节窗口节前天数",
        "rules.springFestival.daysAfter" => "春节窗口节后天数",
        _ => "字段",
    }
}

impl Problem {
    /// A problem at a place.
    pub fn new(place: Place, kind: ProblemKind) -> Self {
        Problem { place, kind }
    }

    /// Stable id for the UI and tests.
    pub fn code(&self) -> &'static str {
        use ProblemKind::*;
        let in_item = matches!(self.place, Place::Item { .. });
        match &self.kind {
            JsonSyntax { .. } => "json.syntax",
            JsonShape { .. } => "json.shape",
            NotAnObject => "json.notObject",
            UnsupportedVersion { .. } => "scenario.version",
            TextTooLong { .. } => "text.tooLong",
            TextEmpty => "text.empty",
            TextHasMarkup => "text.markup",
            UnknownUnit { .. } => "scenario.unit",
            StartMalformed { .. } => "history.startMalformed",
            StartNotYearStart { .. } => "history.startNotYearStart",
            HistoryEmpty => "history.empty",
            TooMany { .. } => "list.tooMany",
            NotFinite if matches!(self.place, Place::Series { .. }) => "forecast.notFinite",
            NotFinite => "value.notFinite",
            Negative { .. } if matches!(self.place, Place::History { .. }) => "history.negative",
            Negative { .. } if in_item => "ledger.item.amount",
            Negative { .. } => "value.negative",
            TooLarge { .. } => "value.tooLarge",
            NotPositive { .. } => "value.notPositive",
            YtdDecreases { .. } => "history.ytdDecreases",
            YearOutOfRange { .. } => "scenario.year",
            PlanYearNotNext { .. } => "scenario.planYear",
            BaseYearNotInHistory { .. } => "history.baseYear",
            HistoryBeyondPlanYear { .. } => "history.beyondPlanYear",
            LedgersEmpty => "ledgers.empty",
            MonthOutOfRange { .. } => "ledger.item.startMonth",
            RampOutOfRange { .. } => "ledger.item.rampMonths",
            ShareOutOfRange { .. } => "rules.share",
            LevelProbabilityOutOfRange { .. } => "simulation.targetProbability",
            ThresholdOrder { .. } => "rules.thresholds",
            BoundsOrder { .. } => "dist.boundsOrder",
            ModeOutsideBounds { .. } => "dist.modeOutside",
            RangeTooWide { .. } => "dist.rangeTooWide",
            ProbabilityOutOfRange { .. } => "dist.probability",
            BadRow { .. } => "input.row",
            CorrelationOutOfRange { .. } => "dist.correlation",
            OptionsShape { .. } => "options.shape",
            HorizonOutOfRange { .. } => "forecast.horizon",
            LevelOutOfRange { .. } => "forecast.level",
            CountOutOfRange { .. } => "forecast.count",
            SeriesEmpty => "forecast.seriesEmpty",
            SeriesTooShort { .. } => "series.tooShort",
            UnknownMethod { .. } => "forecast.method",
            FestivalDaysOutOfRange { .. } => "rules.springFestival",
            NotAWholeNumber { .. } => "option.number",
        }
    }

    /// JSON path into the scenario document.
    pub fn path(&self) -> String {
        match &self.place {
            Place::Document => String::new(),
            Place::Path(p) => p.clone(),
            Place::Field(f) => (*f).to_string(),
            Place::Series { index: Some(i), .. } => format!("values[{i}]"),
            Place::Series { index: None, .. } => "values".to_string(),
            Place::Option(name) => (*name).to_string(),
            Place::History { index, .. } => format!("history.values[{index}]"),
            Place::Ledger { ledger, field, .. } => format!("ledgers[{ledger}].{field}"),
            Place::Item {
                ledger,
                item,
                field,
                ..
            } => format!("ledgers[{ledger}].items[{item}].{field}"),
        }
    }

    fn place_text(&self, lang: Lang) -> String {
        match (&self.place, lang) {
            (Place::Document, Lang::En) => "scenario".to_string(),
            (Place::Document, Lang::Zh) => "情景文件".to_string(),
            (Place::Path(p), Lang::En) if p.is_empty() || p == "." => "scenario".to_string(),
            (Place::Path(p), Lang::Zh) if p.is_empty() || p == "." => "情景文件".to_string(),
            (Place::Path(p), Lang::En) => p.clone(),
            (Place::Path(p), Lang::Zh) => format!("字段 {p}"),
            (Place::Field(f), Lang::En) => (*f).to_string(),
            (Place::Field(f), Lang::Zh) => field_zh(f).to_string(),
            (
                Place::Series {
                    series,
                    index: Some(i),
                },
                Lang::En,
            ) => format!("series \"{}\", value #{}", quote(series), i + 1),
            (
                Place::Series {
                    series,
                    index: Some(i),
                },
                Lang::Zh,
            ) => format!("序列「{}」第 {} 个值", quote(series), i + 1),
            (
                Place::Series {
                    series,
                    index: None,
                },
                Lang::En,
            ) => format!("series \"{}\"", quote(series)),
            (
                Place::Series {
                    series,
                    index: None,
                },
                Lang::Zh,
            ) => format!("序列「{}」", quote(series)),
            // the options object as a whole: not "option options"
            (Place::Option("options"), Lang::En) => "options".to_string(),
            (Place::Option("options"), Lang::Zh) => "选项".to_string(),
            (Place::Option(name), Lang::En) => format!("option {name}"),
            (Place::Option(name), Lang::Zh) => format!("选项 {}", field_zh(name)),
            (Place::History { index, label }, Lang::En) => {
                format!(
                    "history value #{} ({})",
                    index + 1,
                    label.localized(Lang::En)
                )
            }
            (Place::History { index, label }, Lang::Zh) => {
                format!(
                    "历史数据第 {} 个值（{}）",
                    index + 1,
                    label.localized(Lang::Zh)
                )
            }
            (
                Place::Ledger {
                    ledger,
                    ledger_name,
                    field,
                },
                Lang::En,
            ) => {
                format!("ledger {} \"{}\", {field}", ledger + 1, quote(ledger_name))
            }
            (
                Place::Ledger {
                    ledger,
                    ledger_name,
                    field,
                },
                Lang::Zh,
            ) => {
                format!(
                    "第 {} 本账「{}」的{}",
                    ledger + 1,
                    quote(ledger_name),
                    field_zh(field)
                )
            }
            (
                Place::Item {
                    ledger,
                    ledger_name,
                    item,
                    item_name,
                    field,
                },
                Lang::En,
            ) => format!(
                "ledger {} \"{}\", item {} \"{}\", {field}",
                ledger + 1,
                quote(ledger_name),
                item + 1,
                quote(item_name)
            ),
            (
                Place::Item {
                    ledger,
                    ledger_name,
                    item,
                    item_name,
                    field,
                },
                Lang::Zh,
            ) => format!(
                "第 {} 本账「{}」第 {} 条「{}」的{}",
                ledger + 1,
                quote(ledger_name),
                item + 1,
                quote(item_name),
                field_zh(field)
            ),
        }
    }

    fn what_text(&self, lang: Lang) -> String {
        use Lang::*;
        use ProblemKind::*;
        match (&self.kind, lang) {
            (JsonSyntax { line, column, detail }, En) => {
                format!(
                    "not valid JSON at line {line}, column {column} ({})",
                    parser_detail_en(detail)
                )
            }
            (JsonSyntax { line, column, detail }, Zh) => {
                format!("不是有效的 JSON，第 {line} 行第 {column} 列（{}）", parser_detail_zh(detail))
            }
            (JsonShape { line: 0, detail, .. }, En) => {
                format!("does not match the scenario format: {}; see docs/scenario.md for the fields and their types", parser_detail_en(detail))
            }
            (JsonShape { line: 0, detail, .. }, Zh) => {
                format!("不符合情景格式：{}；字段及类型见 docs/scenario.md", parser_detail_zh(detail))
            }
            (JsonShape { line, column, detail }, En) => format!(
                "does not match the scenario format (line {line}, column {column}): {}; see docs/scenario.md for the fields and their types",
                parser_detail_en(detail)
            ),
            (JsonShape { line, column, detail }, Zh) => format!(
                "不符合情景格式（第 {line} 行第 {column} 列）：{}；字段及类型见 docs/scenario.md",
                parser_detail_zh(detail)
            ),
            (NotAnObject, En) => "is not a scenario: expected a JSON object {…} with \"version\": 1".to_string(),
            (NotAnObject, Zh) => "不是情景文件：应为含 \"version\": 1 的 JSON 对象 {…}".to_string(),
            (UnsupportedVersion { found }, En) => {
                format!("version {found} is not supported; this build reads version 1")
            }
            (UnsupportedVersion { found }, Zh) => format!("不支持版本 {found}；本程序读取版本 1"),
            (TextTooLong { len, max }, En) => format!("is {len} characters long; at most {max} are allowed"),
            (TextTooLong { len, max }, Zh) => format!("长度为 {len} 个字符，最多允许 {max} 个"),
            (TextEmpty, En) => "is empty; enter a name".to_string(),
            (TextEmpty, Zh) => "为空，请填写".to_string(),
            (TextHasMarkup, En) => {
                "contains <, >, a control character, a text-direction mark or a character that shows nothing; use plain text".to_string()
            }
            (TextHasMarkup, Zh) => "含有 <、>、控制字符、文字方向控制符或不可见字符，请使用纯文本".to_string(),
            (UnknownUnit { found }, En) => format!("\"{}\" is not a unit; use 亿元 or 万元", quote(found)),
            (UnknownUnit { found }, Zh) => format!("“{}”不是可用单位，请使用 亿元 或 万元", quote(found)),
            (StartMalformed { found }, En) => {
                format!("\"{}\" is not a year-month; write YYYY-MM, e.g. 2021-01", quote(found))
            }
            (StartMalformed { found }, Zh) => {
                format!("“{}”不是年月，请写成 YYYY-MM，例如 2021-01", quote(found))
            }
            (StartNotYearStart { found }, En) => format!(
                "{found} is not the first period of a year; start the history in January (or with January–February when they are combined)"
            ),
            (StartNotYearStart { found }, Zh) => {
                format!("{found} 不是年初，请从 1 月（1–2 月合并时从 1–2 月）开始填写")
            }
            (HistoryEmpty, En) => "has no values; enter at least one month".to_string(),
            (HistoryEmpty, Zh) => "没有数值，请至少填写一个月".to_string(),
            (TooMany { count, max }, En) => format!("has {count} entries; at most {max} are allowed"),
            (TooMany { count, max }, Zh) => format!("共 {count} 项，最多允许 {max} 项"),
            (NotFinite, En) => "is not a number; enter a finite number".to_string(),
            (NotFinite, Zh) => "不是有效数字，请输入有限的数值".to_string(),
            (Negative { value }, En) => format!("{} is negative; enter 0 or more", num(*value)),
            (Negative { value }, Zh) => format!("{} 为负数，请输入 0 或以上的数", num(*value)),
            (TooLarge { value, max }, En) => format!("{} is too large; at most {} is allowed", num(*value), num(*max)),
            (TooLarge { value, max }, Zh) => format!("{} 过大，最多允许 {}", num(*value), num(*max)),
            (NotPositive { value }, En) => format!("{} must be above 0", num(*value)),
            (NotPositive { value }, Zh) => format!("{} 必须大于 0", num(*value)),
            (YtdDecreases { value, previous, previous_label }, En) => format!(
                "year-to-date value {} is below {} of {}; a cumulative (YTD) series cannot fall within a year",
                num(*value),
                num(*previous),
                previous_label.localized(En)
            ),
            (YtdDecreases { value, previous, previous_label }, Zh) => format!(
                "累计值 {} 小于 {} 的 {}；同一年内累计值不能下降",
                num(*value),
                previous_label.localized(Zh),
                num(*previous)
            ),
            (YearOutOfRange { year }, En) => format!("year {year} is outside 1900–2200"),
            (YearOutOfRange { year }, Zh) => format!("年份 {year} 超出 1900–2200 的范围"),
            (PlanYearNotNext { base, plan }, En) => {
                format!("plan year {plan} must be the year after the base year {base}, i.e. {}", base + 1)
            }
            (PlanYearNotNext { base, plan }, Zh) => {
                format!("计划年 {plan} 应为基年 {base} 的下一年，即 {}", base + 1)
            }
            (BaseYearNotInHistory { base, first, last }, En) => format!(
                "the history covers {first}–{last} but has no value in the base year {base}; add at least one period of {base}"
            ),
            (BaseYearNotInHistory { base, first, last }, Zh) => format!(
                "历史数据覆盖 {first}–{last} 年，但没有基年 {base} 的数据；请至少填写 {base} 年的一期数据"
            ),
            (HistoryBeyondPlanYear { last, plan }, En) => {
                format!("the history runs to {last}, past the plan year {plan}")
            }
            (HistoryBeyondPlanYear { last, plan }, Zh) => format!("历史数据延续到 {last} 年，超过了计划年 {plan}"),
            (LedgersEmpty, En) => "there are no ledgers; add at least one increase or decrease ledger".to_string(),
            (LedgersEmpty, Zh) => "没有任何账本，请至少添加一本增量或减量账".to_string(),
            (MonthOutOfRange { value }, En) => format!("{value} is not a month; enter 1 to 12"),
            (MonthOutOfRange { value }, Zh) => format!("{value} 不是月份，请输入 1 到 12"),
            (RampOutOfRange { value }, En) => format!("{value} is outside 0–12 months"),
            (RampOutOfRange { value }, Zh) => format!("{value} 超出 0–12 个月的范围"),
            (ShareOutOfRange { value }, En) => {
                format!("{} is outside the allowed range: above 0 and at most 1 (e.g. 0.05 for 5%)", num(*value))
            }
            (ShareOutOfRange { value }, Zh) => {
                format!("{} 超出范围：应大于 0 且不超过 1（如 5% 填 0.05）", num(*value))
            }
            (LevelProbabilityOutOfRange { value }, En) => format!(
                "{} is outside the allowed range: above 0 and below 1 (e.g. 0.8 for a probability of 80%)",
                num(*value)
            ),
            (LevelProbabilityOutOfRange { value }, Zh) => {
                format!("{} 超出范围：应大于 0 且小于 1（如概率 80% 填 0.8）", num(*value))
            }
            (OptionsShape { detail }, En) => format!(
                "{}; see docs/api.md for the options and their types",
                parser_detail_en(detail)
            ),
            (OptionsShape { detail }, Zh) => format!("{}；选项及类型见 docs/api.md", parser_detail_zh(detail)),
            (CorrelationOutOfRange { value }, En) => format!(
                "{} is outside 0–1: a shared shock can only make items move together (0 = independent, 1 = fully together)",
                num(*value)
            ),
            (CorrelationOutOfRange { value }, Zh) => {
                format!("{} 超出 0–1 的范围：共同冲击只能使条目同向变动（0 为独立，1 为完全同向）", num(*value))
            }
            (BadRow { line, detail, .. }, En) => format!("line {line}: {detail}"),
            (BadRow { line, detail_zh, .. }, Zh) => format!("第 {line} 行：{detail_zh}"),
            (HorizonOutOfRange { value, max }, En) => format!("{value} is outside 1–{max} steps"),
            (HorizonOutOfRange { value, max }, Zh) => format!("{value} 超出 1–{max} 步的范围"),
            (LevelOutOfRange { value }, En) => {
                format!("{} is not a level; use a percentage above 0 and below 100, e.g. 80 or 95", num(*value))
            }
            (LevelOutOfRange { value }, Zh) => format!("{} 不是有效的置信水平，请填大于 0、小于 100 的百分数，如 80 或 95", num(*value)),
            (CountOutOfRange { value, min, max }, En) => {
                format!("{value} is outside {min}–{max}")
            }
            (CountOutOfRange { value, min, max }, Zh) => {
                format!("{value} 超出 {min}–{max} 的范围")
            }
            (SeriesEmpty, En) => "has no values".to_string(),
            (SeriesEmpty, Zh) => "没有数值".to_string(),
            (SeriesTooShort { len, min }, En) => format!("has {len} values; at least {min} are needed"),
            (SeriesTooShort { len, min }, Zh) => format!("只有 {len} 个值，至少需要 {min} 个"),
            (UnknownMethod { found }, En) => format!(
                "\"{}\" is not a method; use auto, ets, theta, snaive, pace or combo",
                quote(found)
            ),
            (UnknownMethod { found }, Zh) => {
                format!("“{}”不是可用方法，请使用 auto、ets、theta、snaive、pace 或 combo", quote(found))
            }
            (ThresholdOrder { lower_field, lower, upper_field, upper }, En) => format!(
                "{lower_field} ({}) must not be above {upper_field} ({})",
                num(*lower),
                num(*upper)
            ),
            (ThresholdOrder { lower_field, lower, upper_field, upper }, Zh) => format!(
                "{}（{}）不能大于{}（{}）",
                field_zh(lower_field),
                num(*lower),
                field_zh(upper_field),
                num(*upper)
            ),
            (BoundsOrder { lower_field, lower, upper_field, upper }, En) => format!(
                "{lower_field} ({}) must not be above {upper_field} ({})",
                num(*lower),
                num(*upper)
            ),
            (BoundsOrder { lower_field, lower, upper_field, upper }, Zh) => format!(
                "{}（{}）不能大于{}（{}）",
                field_zh(lower_field),
                num(*lower),
                field_zh(upper_field),
                num(*upper)
            ),
            (ModeOutsideBounds { mode, min, max }, En) => format!(
                "{} is outside min {} to max {}; enter a most likely value between them",
                num(*mode),
                num(*min),
                num(*max)
            ),
            (ModeOutsideBounds { mode, min, max }, Zh) => format!(
                "{} 不在最小值 {} 与最大值 {} 之间，请填写二者之间的数",
                num(*mode),
                num(*min),
                num(*max)
            ),
            (RangeTooWide { low, high, max_ratio }, En) => format!(
                "high {} is more than {} times low {}; narrow the range, or set low to 0 to read it as a normal range",
                num(*high),
                num(*max_ratio),
                num(*low)
            ),
            (RangeTooWide { low, high, max_ratio }, Zh) => format!(
                "上限 {} 超过下限 {} 的 {} 倍；请缩小区间，或将下限设为 0（按正态分布理解）",
                num(*high),
                num(*low),
                num(*max_ratio)
            ),
            (ProbabilityOutOfRange { value }, En) => {
                format!("{} is not a probability; enter 0 to 1 (e.g. 0.8 for 80%)", num(*value))
            }
            (ProbabilityOutOfRange { value }, Zh) => {
                format!("{} 不是概率，请填写 0 到 1 之间的数（如 80% 填 0.8）", num(*value))
            }
            (FestivalDaysOutOfRange { value, max }, En) => {
                format!("{value} is outside 0–{max} days")
            }
            (FestivalDaysOutOfRange { value, max }, Zh) => format!("{value} 超出 0–{max} 天的范围"),
            (NotAWholeNumber { given, min, max }, En) => {
                format!("\"{}\" is not a whole number from {min} to {max}", quote(given))
            }
            (NotAWholeNumber { given, min, max }, Zh) => {
                format!("“{}”不是 {min}–{max} 之间的整数", quote(given))
            }
        }
    }

    /// The full message in a language: place, then what is wrong and what is allowed.
    pub fn localized(&self, lang: Lang) -> String {
        let sep = match lang {
            Lang::En => ": ",
            Lang::Zh => "：",
        };
        format!("{}{sep}{}", self.place_text(lang), self.what_text(lang))
    }

    /// Code, path and both messages, for JSON.
    pub fn report(&self) -> ProblemReport {
        ProblemReport {
            code: self.code(),
            path: self.path(),
            en: self.localized(Lang::En),
            zh: self.localized(Lang::Zh),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// The crate's error: a scenario that cannot be used, with every problem found.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The scenario has one or more problems.
    Invalid(Vec<Problem>),
}

impl Error {
    /// The problems, in document order.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => p,
        }
    }

    /// Stable id: the single problem's code, or `scenario.invalid` for several.
    pub fn code(&self) -> &'static str {
        match self.problems() {
            [one] => one.code(),
            _ => "scenario.invalid",
        }
    }

    /// All problems in one message, in a language.
    pub fn localized(&self, lang: Lang) -> String {
        let problems = self.problems();
        let lines: Vec<String> = problems.iter().map(|p| p.localized(lang)).collect();
        match (problems.len(), lang) {
            (1, _) => lines.join(""),
            (n, Lang::En) => format!("{n} problems:\n- {}", lines.join("\n- ")),
            (n, Lang::Zh) => format!("共 {n} 处问题：\n- {}", lines.join("\n- ")),
        }
    }
}

impl Error {
    /// The same problems without line and column numbers, for documents that were not typed as
    /// text (a JS object is serialised before parsing, so its positions would mean nothing).
    pub fn without_positions(self) -> Error {
        let Error::Invalid(problems) = self;
        Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    if let ProblemKind::JsonShape { line, column, .. } = &mut p.kind {
                        (*line, *column) = (0, 0);
                    }
                    p
                })
                .collect(),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for Error {}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Invalid(vec![p])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::periods_of_year;

    #[test]
    fn every_item_and_simulation_field_has_a_chinese_name() {
        // the fields the scenario check and the distributions name (src/scenario.rs, src/dist.rs)
        for field in [
            "amount",
            "items",
            "name",
            "probability",
            "rampMonths",
            "startMonth",
            "amountDist",
            "amountDist.value",
            "amountDist.low",
            "amountDist.high",
            "amountDist.min",
            "amountDist.mode",
            "amountDist.max",
            "startWindow",
            "startWindow.from",
            "startWindow.to",
            "shock.group",
            "shock.correlation",
            "simulation.runs",
            "simulation.seed",
            "simulation.targetProbability",
            "rules.springFestival.daysBefore",
            "rules.springFestival.daysAfter",
        ] {
            assert_ne!(field_zh(field), "字段", "{field}");
        }
    }

    fn item(field: &'static str) -> Place {
        Place::Item {
            ledger: 8,
            ledger_name: "外迁/关停".into(),
            item: 0,
            item_name: "外迁企业 E".into(),
            field,
        }
    }

    #[test]
    fn item_messages_name_ledger_item_and_field_in_both_languages() {
        let p = Problem::new(
            item("startMonth"),
            ProblemKind::MonthOutOfRange { value: 13 },
        );
        assert_eq!(p.code(), "ledger.item.startMonth");
        assert_eq!(p.path(), "ledgers[8].items[0].startMonth");
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 9 "外迁/关停", item 1 "外迁企业 E", startMonth: 13 is not a month; enter 1 to 12"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 9 本账「外迁/关停」第 1 条「外迁企业 E」的起始月：13 不是月份，请输入 1 到 12");
    }

    #[test]
    fn history_messages_name_the_period() {
        let label = PeriodLabel {
            year: 2022,
            period: periods_of_year(true)[2],
        };
        let previous_label = PeriodLabel {
            year: 2022,
            period: periods_of_year(true)[1],
        };
        let p = Problem::new(
            Place::History { index: 13, label },
            ProblemKind::YtdDecreases {
                value: 1100.0,
                previous: 1151.19,
                previous_label,
            },
        );
        assert_eq!(p.code(), "history.ytdDecreases");
        assert_eq!(p.path(), "history.values[13]");
        insta::assert_snapshot!(p.localized(Lang::En), @"history value #14 (2022-04): year-to-date value 1100 is below 1151.19 of 2022-03; a cumulative (YTD) series cannot fall within a year");
        insta::assert_snapshot!(p.localized(Lang::Zh), @"历史数据第 14 个值（2022年4月）：累计值 1100 小于 2022年3月 的 1151.19；同一年内累计值不能下降");
    }

    #[test]
    fn long_names_are_cut_in_messages() {
        let long = "长".repeat(10_000);
        let p = Problem::new(
            Place::Ledger {
                ledger: 0,
                ledger_name: long,
                field: "name",
            },
            ProblemKind::TextTooLong {
                len: 10_000,
                max: 200,
            },
        );
        let zh = p.localized(Lang::Zh);
        assert!(zh.chars().count() < 100, "{zh}");
        insta::assert_snapshot!(zh, @"第 1 本账「长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长…」的名称：长度为 10000 个字符，最多允许 200 个");
    }

    #[test]
    fn several_problems_are_listed_together() {
        let e = Error::Invalid(vec![
            Problem::new(
                Place::Field("target"),
                ProblemKind::NotPositive { value: -1.0 },
            ),
            Problem::new(Place::Field("ledgers"), ProblemKind::LedgersEmpty),
        ]);
        assert_eq!(e.code(), "scenario.invalid");
        insta::assert_snapshot!(e.localized(Lang::En), @r"
        2 problems:
        - target: -1 must be above 0
        - ledgers: there are no ledgers; add at least one increase or decrease ledger
        ");
        insta::assert_snapshot!(e.localized(Lang::Zh), @r"
        共 2 处问题：
        - 年度目标：-1 必须大于 0
        - 十本账：没有任何账本，请至少添加一本增量或减量账
        ");
    }

    #[test]
    fn parser_words_are_given_in_chinese() {
        let cases = [
            (
                "unknown field `amout`, expected one of `name`, `amount`",
                "未知字段 `amout`，可用字段：`name`, `amount`",
            ),
            ("missing field `target`", "缺少必填字段 `target`"),
            (
                "invalid type: string \"NaN\", expected f64",
                "类型不符：得到文本 \"NaN\"，应为数值",
            ),
            (
                "invalid type: floating point `2.5`, expected i64",
                "类型不符：得到小数 `2.5`，应为整数",
            ),
            (
                "invalid type: null, expected a string",
                "类型不符：得到null，应为文本",
            ),
            (
                "unknown variant `up`, expected `increase` or `decrease`",
                "未知取值 `up`，可用取值：`increase` 或 `decrease`",
            ),
            (
                "EOF while parsing an object",
                "内容意外结束（可能缺少括号、引号或逗号）",
            ),
            ("expected `,` or `}`", "此处应为 `,` 或 `}`"),
            (
                "unexpected end of hex escape",
                "不成对的 UTF-16 代理项（\\uD800–\\uDBFF 后须紧跟 \\uDC00–\\uDFFF）",
            ),
            (
                "lone leading surrogate in hex escape",
                "不成对的 UTF-16 代理项（\\uD800–\\uDBFF 后须紧跟 \\uDC00–\\uDFFF）",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "类型不符：得到整数 `-1`，应为非负整数",
            ),
            (
                "invalid type: string \"1,000\", expected usize",
                "类型不符：得到文本 \"1,000\"，应为非负整数",
            ),
            ("something new", "something new"),
        ];
        for (en, zh) in cases {
            assert_eq!(parser_detail_zh(en), zh, "{en}");
        }
        for (raw, plain) in [
            (
                "invalid type: string \"1,000\", expected usize",
                "invalid type: string \"1,000\", expected a whole number, 0 or more",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "invalid value: integer `-1`, expected a whole number, 0 or more",
            ),
            (
                "invalid type: string \"x\", expected f64",
                "invalid type: string \"x\", expected a number",
            ),
            ("missing field `name`", "missing field `name`"),
            (
                "unexpected end of hex escape",
                "an unpaired UTF-16 surrogate (\\uD800–\\uDBFF must be followed by \\uDC00–\\uDFFF)",
            ),
        ] {
            assert_eq!(parser_detail_en(raw), plain, "{raw}");
        }
        // a lone surrogate in a scenario's text, as the parser reports it
        let seed =
            crate::examples::QIANTANG_2023.replacen("\"title\": \"", "\"title\": \"\\ud800", 1);
        let e = crate::Scenario::from_json(&seed).unwrap_err();
        assert!(
            e.localized(Lang::Zh).contains("不成对的 UTF-16 代理项"),
            "{}",
            e.localized(Lang::Zh)
        );
        assert!(
            e.localized(Lang::En)
                .contains("an unpaired UTF-16 surrogate"),
            "{}",
            e.localized(Lang::En)
        );
        // the options object as a whole is named once, not "option options"
        let p = Problem::new(
            Place::Option("options"),
            ProblemKind::OptionsShape {
                detail: "runs: invalid type: string \"1,000\", expected usize".into(),
            },
        );
        assert_eq!(
            p.localized(Lang::Zh),
            "选项：runs：类型不符：得到文本 \"1,000\"，应为非负整数；选项及类型见 docs/api.md"
        );
        assert_eq!(
            p.localized(Lang::En),
            "options: runs: invalid type: string \"1,000\", expected a whole number, 0 or more; see docs/api.md for the options and their types"
        );
        let p = Problem::new(
            Place::Path("target".into()),
            ProblemKind::JsonShape {
                line: 3,
                column: 9,
                detail: "invalid type: string \"NaN\", expected f64".into(),
            },
        );
        insta::assert_snapshot!(p.localized(Lang::Zh), @r#"字段 target：不符合情景格式（第 3 行第 9 列）：类型不符：得到文本 "NaN"，应为数值；字段及类型见 docs/scenario.md"#);
        let p = Error::from(p).without_positions();
        insta::assert_snapshot!(p.localized(Lang::En), @r#"target: does not match the scenario format: invalid type: string "NaN", expected a number; see docs/scenario.md for the fields and their types"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @r#"字段 target：不符合情景格式：类型不符：得到文本 "NaN"，应为数值；字段及类型见 docs/scenario.md"#);
    }

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(num(79.84000000000002), "79.84");
        assert_eq!(num(3600.0), "3600");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(f64::NAN), "NaN");
        // the largest allowed value in full, far beyond it in scientific form
        assert_eq!(num(1e13), "10000000000000");
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(-2.5e20), "-2.5e20");
    }
}
