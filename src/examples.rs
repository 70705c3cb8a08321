//! The bundled example scenarios (`seeds/*.json`), compiled in so that the page, the offline file
//! and the CLI all offer them without reading files or fetching anything.
//!
//! # Example
//! ```
//! let first = &gapcast::examples::EXAMPLES[0];
//! assert_eq!(first.id, "qiantang-2023");
//! assert!(gapcast::Scenario::from_json(first.json).is_ok());
//! ```

/// 钱塘区 2023: built from the district's 2022 summary and 2023 plan (see its `notes`).
pub const QIANTANG_2023: &str = include_str!("../seeds/qiantang-2023.json");

/// The same district in April 2023: 2022 complete, 2023 Jan–Mar known (illustrative months).
pub const QIANTANG_2023_Q1: &str = include_str!("../seeds/qiantang-2023-q1.json");

/// One bundled scenario.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// File stem in `seeds/`.
    pub id: &'static str,
    /// The scenario's JSON text.
    pub json: &'static str,
}

/// Every bundled scenario, the default first.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "qiantang-2023",
        json: QIANTANG_2023,
    },
    Example {
        id: "qiantang-2023-q1",
        json: QIANTANG_2023_Q1,
    },
];
