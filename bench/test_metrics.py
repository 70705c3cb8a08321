"""The harness's metrics against the hand-worked numbers of src/forecast/backtest.rs.

    .venv-bench/bin/python -m unittest discover -s bench
"""

import math
import unittest

from common import coverage, mape, mase, mase_scale, smape


class Metrics(unittest.TestCase):
    def test_smape(self):
        self.assertAlmostEqual(smape([100, 0, 50], [110, 0, 40]), 10.582010582, places=8)
        self.assertEqual(smape([0], [5]), 200.0)
        self.assertTrue(math.isnan(smape([], [])))

    def test_mase_and_fallbacks(self):
        train = [1, 2, 3, 4, 5, 6, 7, 8]
        self.assertEqual(mase_scale(train, 4), 4.0)
        self.assertEqual(mase([9, 10], [8, 12], train, 4), 0.375)
        self.assertEqual(mase([1], [1.5], [1, 2, 1, 2, 1, 2], 2), 0.5)
        self.assertEqual(mase([8], [3], [1, 3, 6], 12), 2.0)
        self.assertTrue(math.isnan(mase([6], [5], [5, 5, 5], 12)))

    def test_mape_and_coverage(self):
        self.assertEqual(mape([100, 200, 0], [90, 250, 5]), 17.5)
        self.assertTrue(math.isnan(mape([0, 0], [1, 2])))
        self.assertEqual(coverage([1, 2, 3, 4], [0, 2.5, 3, 0], [2, 3, 3, 3]), 50.0)


if __name__ == "__main__":
    unittest.main()


class AnnualWindows(unittest.TestCase):
    """Which years the annual-total task scores (bench/README.md, "Annual-total task")."""

    def windows(self, n, h, start_month=None, years=None):
        import numpy as np

        from accuracy import annual_windows
        from common import Series

        s = Series("s", np.arange(n, dtype=float), h, start_month)
        return [(j, start, head) for _, j, start, head in annual_windows([s], years)]

    def test_pseudo_years_end_with_the_last_observation(self):
        # 50 values, h 24: the last two 12-blocks, 26..37 and 38..49; 2 leading values dropped
        self.assertEqual(self.windows(50, 24), [(0, 38, 2), (1, 26, 2)])

    def test_calendar_years_run_january_to_december(self):
        # first value in July: the first January is index 6; 48 values hold Januaries at 6, 18, 30
        # and 42, and the last complete year is 30..41 (42..47 are January to June of the next)
        self.assertEqual(self.windows(48, 12, start_month=7), [(0, 30, 6)])
        self.assertEqual(self.windows(48, 12, start_month=7, years=3), [(0, 30, 6), (1, 18, 6)])
        # a series that starts in January keeps its first value
        self.assertEqual(self.windows(36, 12, start_month=1, years=5), [(0, 24, 0), (1, 12, 0)])
