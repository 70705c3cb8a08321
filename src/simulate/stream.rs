//! An item's amount generator, read in pieces of any length (a block's runs, or only those where
//! the item happens): each 64-bit draw gives two 32-bit halves, low half first, and a piece that
//! ends halfway through a draw leaves the high half for the next piece. So the pieces together
//! give what one call for all of them would: an item's draws do not depend on how the runs are
//! blocked.
//!
//! The halves are read either as standard normals ([`super::normals::Ziggurat`], for an item in a
//! shared shock, whose amount follows its correlated normal) or as uniforms (for inversion,
//! [`super::inversion`]). A normal that the ziggurat does not accept at once takes further draws
//! from the generator when it is made; a half kept for the next piece is made into its normal
//! first thing there, before any other draw, so the generator moves on exactly as in one call.

use rand::Rng as _;

use super::normals::Ziggurat;
use crate::forecast::stats::Rng;

/// A generator's 32-bit halves in order, however they are asked for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct HalfWordStream {
    rng: Rng,
    /// The high half of the last 64-bit draw, when no piece has taken it yet.
    spare: Option<u32>,
}

impl HalfWordStream {
    /// The halves of `rng`.
    pub(super) fn new(rng: Rng) -> HalfWordStream {
        HalfWordStream { rng, spare: None }
    }

    /// Fills `out` with the next halves, each made into a value by `make` (which may take further
    /// draws from the generator).
    #[inline(always)]
    fn fill<T>(&mut self, out: &mut [T], mut make: impl FnMut(u32, &mut Rng) -> T) {
        let out = match (self.spare.take(), out) {
            (Some(v), [first, rest @ ..]) => {
                *first = make(v, &mut self.rng);
                rest
            }
            (spare, out) => {
                self.spare = spare;
                out
            }
        };
        let mut pairs = out.chunks_exact_mut(2);
        for pair in &mut pairs {
            let bits = self.rng.next_u64();
            pair[0] = make(bits as u32, &mut self.rng);
            pair[1] = make((bits >> 32) as u32, &mut self.rng);
        }
        if let [last] = pairs.into_remainder() {
            let bits = self.rng.next_u64();
            *last = make(bits as u32, &mut self.rng);
            self.spare = Some((bits >> 32) as u32);
        }
    }

    /// Fills `out` with the next standard normals (ziggurat).
    pub(super) fn normals(&mut self, zig: &Ziggurat, out: &mut [f64]) {
        self.fill(out, |bits, rng| zig.draw(bits, rng));
    }

    /// Fills `out` with the next 32-bit uniforms.
    pub(super) fn uniforms(&mut self, out: &mut [u32]) {
        self.fill(out, |bits, _| bits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::stats::rng;

    /// Odd and even pieces, empty ones, and pieces that start on a spare half.
    const PIECES: [usize; 10] = [3, 0, 1, 1, 2, 7, 300, 0, 5, 681];

    #[test]
    fn normals_in_pieces_are_those_of_one_fill() {
        let zig = Ziggurat::new();
        let mut whole = vec![0.0; 1000];
        zig.fill(&mut rng(4), &mut whole);
        let mut stream = HalfWordStream::new(rng(4));
        let mut pieces = Vec::new();
        for len in PIECES {
            let mut piece = vec![0.0; len];
            stream.normals(&zig, &mut piece);
            pieces.extend(piece);
        }
        assert_eq!(pieces.len(), whole.len());
        assert_eq!(
            pieces.iter().map(|z| z.to_bits()).collect::<Vec<_>>(),
            whole.iter().map(|z| z.to_bits()).collect::<Vec<_>>()
        );
        // some of them took further draws (a normal beyond its layer): the generator still moved
        // on as in one fill
        let mut after_whole = rng(4);
        zig.fill(&mut after_whole, &mut whole);
        assert_eq!(stream.rng, after_whole);
    }

    #[test]
    fn uniforms_in_pieces_are_the_halves_in_order() {
        let mut r = rng(8);
        let want: Vec<u32> = (0..500)
            .flat_map(|_| {
                let bits = r.next_u64();
                [bits as u32, (bits >> 32) as u32]
            })
            .collect();
        let mut stream = HalfWordStream::new(rng(8));
        let mut pieces = Vec::new();
        for len in PIECES {
            let mut piece = vec![0; len];
            stream.uniforms(&mut piece);
            pieces.extend(piece);
        }
        assert_eq!(pieces, want);
        assert_eq!(stream.spare, None);
    }
}
