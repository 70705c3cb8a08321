//! Nelder–Mead minimisation, the optimiser R `forecast::ets` uses (its C port of `optim`'s
//! `nmmin`): reflection 1, contraction 0.5, expansion 2, shrink on failure; stops when the spread of
//! the simplex values falls below `reltol · (|f(x0)| + reltol)` or after `max_evals` evaluations.
//! Unlike R, the start simplex takes a step per coordinate, so that smoothing parameters (on the logit
//! scale) and initial states (in units of the data) are each moved by a sensible amount.
//!
//! # Example
//! ```
//! use gapcast::forecast::optim::nelder_mead;
//! let rosen = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
//! let best = nelder_mead(rosen, &[-1.2, 1.0], &[0.5, 0.5], 1e-12, 5000);
//! assert!((best.x[0] - 1.0).abs() < 1e-3 && (best.x[1] - 1.0).abs() < 1e-3);
//! ```

/// The result of a minimisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// Best point found.
    pub x: Vec<f64>,
    /// Objective there.
    pub value: f64,
    /// Number of objective evaluations.
    pub evals: usize,
}

/// Minimises `f` from `x0`; `steps` gives the start simplex's step per coordinate. Non-finite
/// objective values count as +∞ (how constraints are expressed).
pub fn nelder_mead(
    mut f: impl FnMut(&[f64]) -> f64,
    x0: &[f64],
    steps: &[f64],
    reltol: f64,
    max_evals: usize,
) -> Minimum {
    let n = x0.len();
    let mut eval = |x: &[f64], count: &mut usize| {
        *count += 1;
        let v = f(x);
        if v.is_nan() {
            f64::INFINITY
        } else {
            v
        }
    };
    let mut evals = 0;
    if n == 0 {
        let value = eval(x0, &mut evals);
        return Minimum {
            x: Vec::new(),
            value,
            evals,
        };
    }
    let mut simplex: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
    let mut values: Vec<f64> = Vec::with_capacity(n + 1);
    simplex.push(x0.to_vec());
    values.push(eval(x0, &mut evals));
    for i in 0..n {
        let mut x = x0.to_vec();
        x[i] += if steps[i] != 0.0 { steps[i] } else { 0.1 };
        values.push(eval(&x, &mut evals));
        simplex.push(x);
    }
    let convtol = reltol * (values[0].abs() + reltol);
    let mut centroid = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut trial2 = vec![0.0; n];
    loop {
        // order: best (lowest) first
        let (mut lo, mut hi) = (0, 0);
        for i in 1..=n {
            if values[i] < values[lo] {
                lo = i;
            }
            if values[i] > values[hi] {
                hi = i;
            }
        }
        if values[hi] <= values[lo] + convtol || evals >= max_evals {
            return Minimum {
                x: simplex[lo].clone(),
                value: values[lo],
                evals,
            };
        }
        // second highest
        let mut second = lo;
        for i in 0..=n {
            if i != hi && values[i] > values[second] {
                second = i;
            }
        }
        centroid.iter_mut().for_each(|c| *c = 0.0);
        for (i, point) in simplex.iter().enumerate() {
            if i != hi {
                for (c, p) in centroid.iter_mut().zip(point) {
                    *c += p / n as f64;
                }
            }
        }
        // reflect
        for j in 0..n {
            trial[j] = centroid[j] + (centroid[j] - simplex[hi][j]);
        }
        let reflected = eval(&trial, &mut evals);
        if reflected < values[lo] {
            // expand
            for j in 0..n {
                trial2[j] = centroid[j] + 2.0 * (trial[j] - centroid[j]);
            }
            let expanded = eval(&trial2, &mut evals);
            if expanded < reflected {
                simplex[hi].copy_from_slice(&trial2);
                values[hi] = expanded;
            } else {
                simplex[hi].copy_from_slice(&trial);
                values[hi] = reflected;
            }
            continue;
        }
        if reflected < values[second] {
            simplex[hi].copy_from_slice(&trial);
            values[hi] = reflected;
            continue;
        }
        // contract (outside if the reflection improved on the worst, else inside)
        let outside = reflected < values[hi];
        if outside {
            simplex[hi].copy_from_slice(&trial);
            values[hi] = reflected;
        }
        for j in 0..n {
            trial2[j] = centroid[j] + 0.5 * (simplex[hi][j] - centroid[j]);
        }
        let contracted = eval(&trial2, &mut evals);
        if contracted < values[hi] {
            simplex[hi].copy_from_slice(&trial2);
            values[hi] = contracted;
            continue;
        }
        // shrink towards the best
        let best = simplex[lo].clone();
        for i in 0..=n {
            if i != lo {
                for j in 0..n {
                    simplex[i][j] = best[j] + 0.5 * (simplex[i][j] - best[j]);
                }
                values[i] = eval(&simplex[i], &mut evals);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_quadratic_minimum_and_respects_infinite_walls() {
        let f = |x: &[f64]| {
            if x[0] < 0.5 {
                f64::INFINITY
            } else {
                (x[0] - 2.0).powi(2) + (x[1] + 1.0).powi(2)
            }
        };
        let m = nelder_mead(f, &[1.0, 1.0], &[0.3, 0.3], 1e-14, 2000);
        assert!(
            (m.x[0] - 2.0).abs() < 1e-5 && (m.x[1] + 1.0).abs() < 1e-5,
            "{:?}",
            m
        );
        let m = nelder_mead(
            |x: &[f64]| (x[0] - 0.2).powi(2),
            &[1.0],
            &[0.1],
            1e-14,
            2000,
        );
        assert!(m.x[0] >= 0.19, "{:?}", m);
        // NaN never wins; the evaluation budget is respected
        let m = nelder_mead(|_| f64::NAN, &[0.0, 0.0], &[1.0, 1.0], 1e-8, 50);
        assert!(m.evals <= 50 + 3);
    }
}
