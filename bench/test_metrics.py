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
