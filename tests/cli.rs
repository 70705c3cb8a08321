//! The native CLI: same figures and field names as the binding, clear errors, exit codes.

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gapcast(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gapcast"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // the CLI may refuse an option and exit before it reads its input: a broken pipe then
        if let Err(e) = child.stdin.take().unwrap().write_all(text.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[test]
fn account_json_reports_net_ledgers_and_reinforcement_target() {
    let out = gapcast(&["account", "seeds/qiantang-2023.json", "--json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 198.41 − 118.57 = 79.84; 0.05 × 3600 − 79.84 = 100.16
    assert_eq!(v["netLedgers"], serde_json::json!(79.84));
    assert_eq!(v["reinforcement"]["amount"], serde_json::json!(100.16));
    assert_eq!(v["unit"], "亿元");
    // identical output twice, and the same as the library's JSON
    let again = gapcast(&["account", "seeds/qiantang-2023.json", "--json"], None);
    assert_eq!(out.stdout, again.stdout);
    let lib =
        gapcast::account(&gapcast::Scenario::from_json(gapcast::examples::QIANTANG_2023).unwrap())
            .to_json();
    assert_eq!(v, lib);
}

#[test]
fn account_text_in_both_languages() {
    let zh =
        String::from_utf8(gapcast(&["account", "seeds/qiantang-2023.json"], None).stdout).unwrap();
    assert!(zh.contains("净增 +79.84 亿元"), "{zh}");
    assert!(zh.contains("补强目标 100.16 亿元"), "{zh}");
    let en = String::from_utf8(
        gapcast(
            &["account", "-", "--lang", "en"],
            Some(gapcast::examples::QIANTANG_2023),
        )
        .stdout,
    )
    .unwrap();
    assert!(en.contains("reinforcement target 100.16 100m yuan"), "{en}");
}

#[test]
fn bad_input_exits_1_with_every_problem_named() {
    let mut doc: serde_json::Value =
        serde_json::from_str(gapcast::examples::QIANTANG_2023).unwrap();
    doc["target"] = (-1).into();
    doc["ledgers"][0]["items"][0]["startMonth"] = 13.into();
    let out = gapcast(&["account", "-", "--json"], Some(&doc.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["code"], "scenario.invalid");
    assert_eq!(v["problems"][0]["path"], "target");
    assert_eq!(v["problems"][1]["path"], "ledgers[0].items[0].startMonth");
    assert!(v["problems"][1]["zh"]
        .as_str()
        .unwrap()
        .contains("13 不是月份"));

    let out = gapcast(&["validate", "-"], Some("{ not json"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是有效的 JSON"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(gapcast(&[], None).status.code(), Some(2));
    assert_eq!(gapcast(&["account"], None).status.code(), Some(2));
    assert_eq!(
        gapcast(&["account", "no-such-file.json"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(gapcast(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        gapcast(&["account", "x.json", "--lang", "fr"], None)
            .status
            .code(),
        Some(2)
    );
    let ok = gapcast(&["examples"], None);
    assert_eq!(
        String::from_utf8(ok.stdout).unwrap(),
        "qiantang-2023\nqiantang-2023-q1\n"
    );
}

#[test]
fn forecast_writes_one_row_per_series_and_step() {
    let mut csv = String::from("series_id,period_index,value\n");
    for id in ["a", "b"] {
        for t in 0..40 {
            csv.push_str(&format!("{id},{t},{}\n", 100 + t + (t % 12) * 5));
        }
    }
    let out = gapcast(
        &[
            "forecast",
            "--input",
            "-",
            "--horizon",
            "6",
            "--method",
            "theta",
        ],
        Some(&csv),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("series_id,h,point,lo80,hi80,lo95,hi95\na,1,"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + 2 * 6);
    let bad = gapcast(&["forecast", "--input", "-", "--horizon", "61"], Some(&csv));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("61 超出 1–60 步的范围"));
}

#[test]
fn forecast_with_the_spring_festival_is_the_cores() {
    let y = support::spring_festival_monthly_values();
    let mut csv = String::from("series_id,period_index,value\n");
    for (t, v) in y.iter().enumerate() {
        csv.push_str(&format!("sf,{t},{v}\n"));
    }
    let args = [
        "forecast",
        "--input",
        "-",
        "--horizon",
        "9",
        "--method",
        "ets",
        "--start",
        "2011-01",
        "--spring-festival",
    ];
    let out = gapcast(&args, Some(&csv));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("estimated for 1 of 1 series"), "{stderr}");
    let opts = gapcast::forecast::method::ForecastOptions {
        method: gapcast::forecast::method::Method::Ets,
        horizon: 9,
        ..Default::default()
    };
    let window = gapcast::festival::FestivalWindow::default();
    let core =
        gapcast::forecast::festival::forecast_with_festival("sf", &y, &opts, 2011, window).unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let points: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse().unwrap())
        .collect();
    assert_eq!(points, core.point);
    // without the regressor the forecast differs
    let plain = gapcast(&args[..7], Some(&csv));
    assert!(plain.status.success());
    assert_ne!(String::from_utf8(plain.stdout).unwrap(), text);
    // a usage mistake exits 2, a window out of range names the option and exits 1
    let no_start = gapcast(
        &[
            "forecast",
            "--input",
            "-",
            "--horizon",
            "9",
            "--spring-festival",
        ],
        Some(&csv),
    );
    assert_eq!(no_start.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_start.stderr).contains("--start"));
    let mut wide = args.to_vec();
    wide.extend(["--festival-days", "7,45", "--lang", "en"]);
    let out = gapcast(&wide, Some(&csv));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--festival-days (days after): 45 is outside 0–30 days"),
        "{stderr}"
    );
}

#[test]
fn simulate_is_reproducible_and_checks_runs() {
    let args = [
        "simulate",
        "seeds/qiantang-2023.json",
        "--runs",
        "3000",
        "--seed",
        "7",
        "--json",
    ];
    let one = gapcast(&args, None);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(one.stdout, gapcast(&args, None).stdout);
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(v["runs"], 3000);
    assert!(v["meet"]["se"].as_f64().unwrap() > 0.0);
    let bad = gapcast(
        &["simulate", "seeds/qiantang-2023.json", "--runs", "0"],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
    // a seed JavaScript cannot hold exactly is refused, not rounded
    let big = gapcast(
        &[
            "simulate",
            "seeds/qiantang-2023.json",
            "--seed",
            "9007199254740992",
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(big.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&big.stderr).contains("option seed"));
}

#[test]
fn option_numbers_are_refused_as_typed_in_either_language() {
    let stderr = |args: &[&str]| {
        let out = gapcast(args, Some("series_id,period_index,value\n"));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let seed = ["simulate", "seeds/qiantang-2023.json", "--seed"];
    // 2^53 + 1 would print as 9007199254740992 once held in a double; 2^64 + 1 does not fit a u64
    for given in [
        "9007199254740993",
        "18446744073709551617",
        "-1",
        "1.5",
        "seven",
    ] {
        let en = stderr(&[&seed[..], &[given, "--lang", "en"]].concat());
        assert!(
            en.contains(&format!(
                "option seed: \"{given}\" is not a whole number from 0 to 9007199254740991"
            )),
            "{en}"
        );
        assert!(!en.contains("usage:"), "{en}");
        let zh = stderr(&[&seed[..], &[given]].concat());
        assert!(
            zh.contains(&format!(
                "选项 随机种子：“{given}”不是 0–9007199254740991 之间的整数"
            )),
            "{zh}"
        );
    }
    let runs = stderr(&["simulate", "seeds/qiantang-2023.json", "--runs", "1000001"]);
    assert!(
        runs.contains("“1000001”不是 1–1000000 之间的整数"),
        "{runs}"
    );
    let forecast = ["forecast", "--input", "-", "--lang", "en"];
    let horizon = stderr(&[&forecast[..], &["--horizon", "2.5"]].concat());
    assert!(
        horizon.contains("option horizon: \"2.5\" is not a whole number from 1 to 60"),
        "{horizon}"
    );
    let period = stderr(&[&forecast[..], &["--horizon", "2", "--period", "0"]].concat());
    assert!(
        period.contains("option period: \"0\" is not a whole number from 1 to 366"),
        "{period}"
    );
    let threads = stderr(&[&forecast[..], &["--horizon", "2", "--threads", "-2"]].concat());
    assert!(
        threads.contains("option threads: \"-2\" is not a whole number from 1 to 256"),
        "{threads}"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_named_without_the_usage() {
    for args in [
        &["simulate", "no-such-scenario.json"][..],
        &[
            "forecast",
            "--input",
            "no-such-series.csv",
            "--horizon",
            "2",
        ],
        &["account", "no-such-scenario.json"],
    ] {
        let out = gapcast(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("gapcast: no-such-"), "{stderr}");
        assert!(!stderr.contains("usage:"), "{stderr}");
    }
}

#[test]
fn values_echoed_in_messages_cannot_send_control_characters_to_the_terminal() {
    let escape = "\u{1b}[2J\u{1b}]0;title\u{7}";
    let shown = "\\u{1b}[2J\\u{1b}]0;title\\u{7}";
    // (arguments before the value, standard input, what the message says just before it)
    let cases: [(&[&str], Option<&str>, &str); 5] = [
        (
            &[
                "simulate",
                "seeds/qiantang-2023.json",
                "--lang",
                "en",
                "--seed",
            ],
            None,
            "option seed: \"",
        ),
        (
            &[
                "forecast",
                "--input",
                "-",
                "--lang",
                "en",
                "--horizon",
                "2",
                "--method",
            ],
            Some("series_id,period_index,value\n"),
            "option method: \"",
        ),
        (&["account"], None, "gapcast: "),
        (&[], None, "unknown command "),
        (&["validate", "x.json"], None, "unknown option --"),
    ];
    for (args, stdin, before) in cases {
        let option = format!("--{escape}");
        let value = if before.ends_with("--") {
            option.as_str()
        } else {
            escape
        };
        let args = [args, &[value]].concat();
        let out = gapcast(&args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{args:?}: {stderr:?}"
        );
        assert!(
            stderr.contains(&format!("{before}{shown}")),
            "{args:?}: {stderr}"
        );
    }
    // a line break inside a value or a file name does not start a line of its own
    for (args, shown) in [
        (
            &[
                "simulate",
                "seeds/qiantang-2023.json",
                "--lang",
                "en",
                "--seed",
                "1\nusage: forged",
            ][..],
            "\"1\\nusage: forged\"",
        ),
        (
            &["account", "no\nusage: forged.json"],
            "gapcast: no\\nusage: forged.json: ",
        ),
        (
            &["no\nusage: forged"],
            "unknown command no\\nusage: forged\n",
        ),
    ] {
        let stderr = String::from_utf8_lossy(&gapcast(args, None).stderr).into_owned();
        assert!(stderr.contains(shown), "{args:?}: {stderr}");
        assert!(
            !stderr.lines().any(|l| l.starts_with("usage: forged")),
            "{stderr}"
        );
    }
    // a mark that turns the text around it is written out too
    let out = gapcast(
        &[
            "simulate",
            "seeds/qiantang-2023.json",
            "--lang",
            "en",
            "--seed",
            "1\u{202e}gnp.exe",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"1\\u{202e}gnp.exe\""), "{stderr}");
}

#[test]
fn files_in_gbk_or_utf16_read_as_written_and_bytes_that_are_not_text_are_refused() {
    // tests/data/qiantang-2023-gbk.json: the seed with a Chinese title and ledger name, saved in
    // GB18030 (GBK's superset) as a Chinese Windows editor would
    let gbk = gapcast(
        &["account", "tests/data/qiantang-2023-gbk.json", "--json"],
        None,
    );
    assert!(
        gbk.status.success(),
        "{}",
        String::from_utf8_lossy(&gbk.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&gbk.stdout).unwrap();
    assert_eq!(v["title"], "GBK 编码的情景");
    assert_eq!(v["ledgers"][0]["name"], "新建项目投产（GBK）");
    assert!(String::from_utf8_lossy(&gbk.stderr).contains("gb18030"));

    // the seed in UTF-16 with its byte order mark gives what the seed gives
    let dir = std::env::temp_dir().join(format!("gapcast-cli-encodings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        gapcast::examples::QIANTANG_2023
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let utf16_path = dir.join("utf16.json");
    std::fs::write(&utf16_path, utf16).unwrap();
    let from_utf16 = gapcast(&["account", utf16_path.to_str().unwrap(), "--json"], None);
    let from_utf8 = gapcast(&["account", "seeds/qiantang-2023.json", "--json"], None);
    assert!(from_utf16.status.success());
    assert_eq!(from_utf16.stdout, from_utf8.stdout);

    // 0xFF starts no character in UTF-8 or GB18030, and there is no byte order mark
    let not_text = dir.join("not-text.json");
    std::fs::write(&not_text, [b'{', 0xFF, 0xFE, b'"', 0x80, b'}']).unwrap();
    let path = not_text.to_str().unwrap();
    let zh = gapcast(&["account", path], None);
    assert_eq!(zh.status.code(), Some(2));
    let zh = String::from_utf8_lossy(&zh.stderr).into_owned();
    assert!(
        zh.contains("不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本"),
        "{zh}"
    );
    let en = gapcast(&["simulate", path, "--lang", "en"], None);
    assert_eq!(en.status.code(), Some(2));
    let en = String::from_utf8_lossy(&en.stderr).into_owned();
    assert!(
        en.contains("not text in UTF-8, UTF-16 or GB18030 (GBK)"),
        "{en}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn when_every_run_agrees_the_error_is_the_rule_of_three_not_zero() {
    // the seed with a target every run meets, and one no run meets: the binomial standard error
    // of a share of 0 or 1 is 0, which says nothing; the text gives the rule of three instead
    let dir = std::env::temp_dir().join(format!("gapcast-cli-agree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed: serde_json::Value =
        serde_json::from_str(gapcast::examples::QIANTANG_2023).unwrap();
    let mut text = |target: f64, runs: &str, lang: &str| {
        seed["target"] = target.into();
        let path = dir.join(format!("target-{target}.json"));
        std::fs::write(&path, seed.to_string()).unwrap();
        let out = gapcast(
            &[
                "simulate",
                path.to_str().unwrap(),
                "--runs",
                runs,
                "--lang",
                lang,
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let all = text(1000.0, "5000", "zh");
    assert!(
        all.contains("概率 100.0%（5000 次运行全部达标；未达标概率的 95% 上限约为 3/5000）"),
        "{all}"
    );
    let none = text(100_000.0, "5000", "en");
    assert!(
        none.contains("= 0.0% (none of 5000 runs meets it; a 95 % upper bound on the chance of meeting is about 3/5000)"),
        "{none}"
    );
    let few = text(1000.0, "5", "en");
    assert!(
        few.contains("(all 5 runs agree: too few to estimate the error)"),
        "{few}"
    );
    let usual = text(3600.0, "5000", "zh");
    assert!(
        usual.contains("（蒙特卡洛标准误 0.70 个百分点）"),
        "{usual}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
