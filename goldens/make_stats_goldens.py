"""Generate goldens/stats-scipy.json: what scipy says about real-vs-generated distributions (spec section 5).

Run from the repository root with /usr/bin/python3 (Debian's scipy, whose version is recorded in the output):

    /usr/bin/python3 goldens/make_stats_goldens.py

Schema
------
{
  "scipy": "1.10.1", "numpy": "1.24.2",
  "ks_cases": [            # src/core/stats/ks.test.ts compares ksTwoSample and wasserstein1 with every case
    {"name", "note", "x": [...], "y": [...],
     "statistic", "pvalue",            # scipy.stats.ks_2samp(x, y) with its defaults
     "method": "exact" | "asymp",      # which branch ks_2samp took (asymp: max(n, m) > 10000, or the exact
                                       # computation failed and ks_2samp warned and fell back)
     "asymp_branch",                   # for asymp cases: which part of kstwo.sf answered (for the reader)
     "wasserstein"}                    # scipy.stats.wasserstein_distance(x, y)
  ],
  "kstwo_sf": [{"n", "x", "sf"}],      # scipy.stats.kstwo.sf(x, n) on a grid over every branch of _kolmogn
  "smirnov":  [{"n", "x", "sf"}],      # scipy.special.smirnov(n, x), the one-sided distribution kstwo leans on
  "histograms": [                      # numpy.histogram on the bin rule documented in src/core/stats/histogram.ts
    {"name", "real", "generated", "options", "edges", "real_counts", "generated_counts",
     "real_density", "generated_density"}
  ]
}

Inputs are drawn from seeded numpy generators, rounded to 6 decimals, and scipy runs on the rounded values, so
the JSON holds exactly what scipy saw. The output is deterministic: two runs give byte-identical files.
"""

import json
import math
import os
import warnings

import numpy as np
import scipy
import scipy.special
import scipy.stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'stats-scipy.json')

# Common space groups with rough frequencies in inorganic databases (ICSD-like), for tie-heavy integer data.
COMMON_SG = [225, 62, 194, 14, 221, 139, 227, 166, 216, 12, 191, 15, 2, 63, 129, 141, 148, 164, 186, 223]
SG_WEIGHTS = np.array([12, 10, 9, 8, 7, 6, 6, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 1], dtype=float)
SG_WEIGHTS /= SG_WEIGHTS.sum()
# Atomic numbers as they appear pooled over sites (O, Li, transition metals, ...).
COMMON_Z = [8, 3, 26, 25, 27, 28, 16, 9, 14, 15, 11, 12, 13, 20, 22, 29, 30, 17, 56, 38]
Z_WEIGHTS = np.array([30, 8, 6, 5, 5, 5, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1], dtype=float)
Z_WEIGHTS /= Z_WEIGHTS.sum()


def r6(a):
    """Round to 6 decimals and return plain Python floats (what the JSON stores and what scipy is run on)."""
    return [float(v) for v in np.round(np.asarray(a, dtype=float), 6)]


def lattice_lengths(rng, n, scale=1.0, shift=0.0):
    """a, b or c in angstrom: log-normal around 6 A, like Materials Project cells."""
    return np.exp(rng.normal(np.log(6.0) + shift, 0.35 * scale, n))


def lattice_angles(rng, n, frac90=0.7, spread=8.0):
    """alpha/beta/gamma in degrees: most exactly 90 (many ties), some 120, the rest monoclinic/triclinic."""
    u = rng.random(n)
    other = np.clip(rng.normal(100.0, spread, n), 60.0, 150.0)
    return np.where(u < frac90, 90.0, np.where(u < frac90 + 0.1, 120.0, other))


def ks_cases():
    cases = []

    def add(name, note, x, y):
        cases.append((name, note, r6(x), r6(y)))

    rng = lambda seed: np.random.default_rng(seed)  # noqa: E731

    # n = 1 and tiny samples
    add('n1_m1_equal', 'one value each, the same', [3.5], [3.5])
    add('n1_m1_apart', 'one value each, different', [1.0], [2.0])
    add('n1_m5', 'one value against five', [0.3], rng(1).normal(size=5))
    add('n5_m1', 'five values against one', rng(2).normal(size=5), [10.0])
    add('n1_m300', 'one value inside a sample of 300', [0.1], rng(3).normal(size=300))
    add('n2_m3', 'two against three', [0.5, 1.5], [1.0, 2.0, 3.0])
    # identical samples
    same = rng(4).normal(5, 2, 50)
    add('identical_50', 'the same 50 values on both sides', same, same)
    same = rng(5).integers(1, 231, 200)
    add('identical_sg_200', 'the same 200 space groups on both sides', same, same)
    # interleaved equal sizes: D = 1/n, where scipy's exact square method can round above 1 and fall back
    add('interleaved_7', 'x_i = 2i, y_i = 2i+1 (D = 1/7)', 2.0 * np.arange(7), 2.0 * np.arange(7) + 1)
    add('interleaved_10', 'x_i = 2i, y_i = 2i+1 (D = 1/10)', 2.0 * np.arange(10), 2.0 * np.arange(10) + 1)
    add('interleaved_13', 'x_i = 2i, y_i = 2i+1 (D = 1/13)', 2.0 * np.arange(13), 2.0 * np.arange(13) + 1)
    # small continuous samples
    g = rng(6)
    add('normal_10_10', 'N(0,1) vs N(0.5,1)', g.normal(size=10), g.normal(0.5, 1, 10))
    g = rng(7)
    add('normal_8_13', 'N(0,1) vs N(0,1), unequal', g.normal(size=8), g.normal(size=13))
    g = rng(8)
    add('normal_20_20_shift', 'N(0,1) vs N(1,1)', g.normal(size=20), g.normal(1, 1, 20))
    g = rng(9)
    add('uniform_100_37', 'U(0,1) vs U(0.1,1.1)', g.random(100), g.random(37) + 0.1)
    # ties: integer data
    g = rng(10)
    add('small_ints_30_40', 'values 0..3 only', g.integers(0, 4, 30), g.integers(0, 4, 40))
    g = rng(11)
    add('spacegroups_500_400', 'space groups, same weights',
        g.choice(COMMON_SG, 500, p=SG_WEIGHTS), g.choice(COMMON_SG, 400, p=SG_WEIGHTS))
    g = rng(12)
    add('spacegroups_vs_uniform_1000_1000', 'space groups vs uniform 1..230 (a bad generator)',
        g.choice(COMMON_SG, 1000, p=SG_WEIGHTS), g.integers(1, 231, 1000))
    g = rng(13)
    add('atomic_numbers_1500_1200', 'Z pooled over sites, same weights',
        g.choice(COMMON_Z, 1500, p=Z_WEIGHTS), g.choice(COMMON_Z, 1200, p=Z_WEIGHTS))
    g = rng(14)
    add('atomic_numbers_3000_2999', 'Z pooled over sites, slightly different weights',
        g.choice(COMMON_Z, 3000, p=Z_WEIGHTS), g.choice(COMMON_Z, 2999, p=np.roll(Z_WEIGHTS, 1)))
    # heavy overlap, large
    g = rng(15)
    add('overlap_3000_3000', 'same distribution, n = m = 3000', g.normal(size=3000), g.normal(size=3000))
    g = rng(16)
    add('overlap_3000_2999', 'same distribution, n = 3000, m = 2999', g.normal(size=3000), g.normal(size=2999))
    g = rng(17)
    add('overlap_2000_3000', 'same distribution, n = 2000, m = 3000', g.normal(size=2000), g.normal(size=3000))
    g = rng(18)
    add('shift_1000_1000', 'N(0,1) vs N(0.1,1)', g.normal(size=1000), g.normal(0.1, 1, 1000))
    # complete separation
    g = rng(19)
    add('separated_100_100', 'every y above every x', g.random(100), g.random(100) + 2)
    g = rng(20)
    add('separated_40_60', 'every y below every x', g.random(40) + 2, g.random(60))
    g = rng(21)
    add('separated_3000_3000', 'every y above every x, n = m = 3000', g.random(3000), g.random(3000) + 2)
    g = rng(22)
    add('separated_3000_17', 'every y above every x, n = 3000, m = 17', g.random(3000), g.random(17) + 2)
    # unequal sizes
    g = rng(23)
    add('unequal_999_1000', 'N(0,1) vs N(0.05,1)', g.normal(size=999), g.normal(0.05, 1, 1000))
    g = rng(24)
    add('unequal_1234_567', 'N(0,1) vs N(0,1.2)', g.normal(size=1234), g.normal(0, 1.2, 567))
    g = rng(25)
    add('unequal_3000_17', 'N(0,1) vs N(0,1)', g.normal(size=3000), g.normal(size=17))
    # lattice-parameter-like
    g = rng(26)
    add('lattice_a_1000_1000', 'a in angstrom: real vs a slightly wider generator',
        lattice_lengths(g, 1000), lattice_lengths(g, 1000, scale=1.15))
    g = rng(27)
    add('lattice_c_2500_1000', 'c in angstrom: real vs a generator shifted by 5%',
        lattice_lengths(g, 2500), lattice_lengths(g, 1000, shift=0.05))
    g = rng(28)
    add('lattice_beta_2000_1000', 'beta in degrees, ties at 90 and 120',
        lattice_angles(g, 2000), lattice_angles(g, 1000, frac90=0.6, spread=10.0))
    g = rng(29)
    add('lattice_alpha_3000_3000', 'alpha in degrees, same law', lattice_angles(g, 3000), lattice_angles(g, 3000))
    g = rng(30)
    add('volume_800_1200', 'cell volume, real vs generated with a heavy tail',
        lattice_lengths(g, 800) ** 3, lattice_lengths(g, 1200, scale=1.3) ** 3)
    # asymptotic branch: max(n, m) > 10000
    g = rng(31)
    add('asymp_12000_3000_shift', 'n = 12000: a shifted generator (kstwo.sf via smirnov)',
        lattice_lengths(g, 12000), lattice_lengths(g, 3000, shift=0.03))
    g = rng(32)
    add('asymp_12000_60_same', 'n = 12000 vs 60, same law (kstwo.sf with n = 60)',
        g.normal(size=12000), g.normal(size=60))
    g = rng(33)
    add('asymp_12000_1500_same', 'n = 12000 vs 1500, same law (kstwo.sf, small D)',
        g.normal(size=12000), g.normal(size=1500))
    g = rng(34)
    add('asymp_12000_40_shift', 'n = 12000 vs 40, shifted (kstwo.sf with n = 40, Pomeranz)',
        g.normal(size=12000), g.normal(0.4, 1, 40))
    return cases


def ks_method(x, y):
    """'exact' or 'asymp', as ks_2samp chose (it warns when the exact attempt fails)."""
    if max(len(x), len(y)) > 10000:
        return 'asymp'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        scipy.stats.ks_2samp(x, y)
    return 'asymp' if any('Exact calculation unsuccessful' in str(w.message) for w in caught) else 'exact'


def kstwo_branch(n, x):
    """Which part of scipy.stats._ksstats._kolmogn answers kstwo.sf(x, n) (for the reader of the JSON)."""
    if x <= 0.5 / n:
        return 'below support'
    if x >= 1:
        return 'x >= 1'
    t = n * x
    if t <= 1:
        return 'Ruben-Gambino t <= 1'
    if t >= n - 1:
        return 'Ruben-Gambino t >= n-1'
    if x >= 0.5:
        return 'smirnov (x >= 0.5)'
    nx2 = t * x
    if n <= 140:
        return 'Durbin-MTW' if nx2 <= 0.754693 else ('Pomeranz' if nx2 <= 4 else 'smirnov')
    if nx2 >= 370:
        return 'zero'
    if nx2 >= 2.2:
        return 'smirnov'
    return 'Durbin-MTW' if (n <= 100000 and n * x ** 1.5 <= 1.4) else 'Pelz-Good'


def kstwo_grid():
    out = []
    for n in [1, 2, 3, 5, 10, 37, 60, 99, 140, 141, 500, 1500, 2400, 10000, 100001]:
        xs = set()
        for t in [0.3, 0.75, 1.0, 1.5, 2.5]:  # n * x
            xs.add(t / n)
        for nx2 in [0.1, 0.5, 0.75, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 369.0]:  # n * x^2
            xs.add(math.sqrt(nx2 / n))
        xs.update([0.5, 0.6, 0.9, 1 - 1.5 / n, 1 - 0.5 / n])
        for x in sorted(xs):
            if 0 < x < 1:
                out.append({'n': n, 'x': float(x), 'sf': float(scipy.stats.kstwo.sf(x, n)),
                            'branch': kstwo_branch(n, x)})
    return out


def smirnov_grid():
    out = []
    for n in [1, 2, 5, 10, 50, 140, 500, 1013, 2400, 20000, 1000001]:
        xs = {0.0, 1.0, 0.5 / n, 1.0 / n, 0.3 / math.sqrt(n), 0.5, 0.75, 0.99, 1 - 1.0 / n}
        for nx2 in [0.5, 2.2, 10.0, 100.0, 300.0, 380.0]:
            xs.add(math.sqrt(nx2 / n))
        for x in sorted(xs):
            if 0 <= x <= 1:
                out.append({'n': n, 'x': float(x), 'sf': float(scipy.special.smirnov(n, x))})
    return out


def bin_rule(pooled, rng_lo, rng_hi):
    """The rule histogram.ts documents: Freedman-Diaconis on the pooled in-range data, clamped to [10, 60]."""
    keep = pooled[(pooled >= rng_lo) & (pooled <= rng_hi)]
    q75, q25 = np.percentile(keep, [75, 25])
    width = 2.0 * (q75 - q25) * keep.size ** (-1.0 / 3.0)
    raw = int(math.ceil((rng_hi - rng_lo) / width)) if width > 0 else 1
    return min(max(raw, 10), 60)


def histograms():
    out = []

    def add(name, real, generated, options):
        real = np.asarray(r6(real))
        generated = np.asarray(r6(generated))
        pooled = np.concatenate([real, generated])
        if options.get('integer'):
            lo, hi = (options['range'] if 'range' in options else (pooled.min(), pooled.max()))
            edges = np.arange(math.ceil(lo), math.floor(hi) + 2) - 0.5
            rc, _ = np.histogram(real, bins=edges)
            gc, _ = np.histogram(generated, bins=edges)
            rd, _ = np.histogram(real, bins=edges, density=True)
            gd, _ = np.histogram(generated, bins=edges, density=True)
        else:
            lo, hi = (options['range'] if 'range' in options else (pooled.min(), pooled.max()))
            bins = options.get('bins') or bin_rule(pooled, lo, hi)
            rc, edges = np.histogram(real, bins=bins, range=(lo, hi))
            gc, _ = np.histogram(generated, bins=bins, range=(lo, hi))
            rd, _ = np.histogram(real, bins=bins, range=(lo, hi), density=True)
            gd, _ = np.histogram(generated, bins=bins, range=(lo, hi), density=True)
        out.append({'name': name, 'real': r6(real), 'generated': r6(generated), 'options': options,
                    'edges': [float(e) for e in edges],
                    'real_counts': [int(c) for c in rc], 'generated_counts': [int(c) for c in gc],
                    'real_density': [float(d) for d in rd], 'generated_density': [float(d) for d in gd]})

    g = np.random.default_rng(101)
    add('lattice_a_fd', lattice_lengths(g, 800), lattice_lengths(g, 500, scale=1.2), {})
    g = np.random.default_rng(102)
    add('normal_fd_capped_high', g.normal(size=3000), g.normal(0.2, 1, 3000), {})
    g = np.random.default_rng(103)
    add('few_values_fd_capped_low', g.normal(size=12), g.normal(size=9), {})
    g = np.random.default_rng(104)
    add('angles_fixed_bins', lattice_angles(g, 600), lattice_angles(g, 400), {'bins': 24})
    g = np.random.default_rng(105)
    add('lengths_range', lattice_lengths(g, 700), lattice_lengths(g, 700, shift=0.1), {'range': [3.0, 12.0]})
    g = np.random.default_rng(106)
    add('spacegroups_integer', g.choice(COMMON_SG, 400, p=SG_WEIGHTS), g.integers(1, 231, 300), {'integer': True})
    g = np.random.default_rng(107)
    add('atomic_numbers_integer_range', g.choice(COMMON_Z, 900, p=Z_WEIGHTS), g.choice(COMMON_Z, 700, p=Z_WEIGHTS),
        {'integer': True, 'range': [1, 30]})
    return out


def main():
    cases = []
    for name, note, x, y in ks_cases():
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # the fallback warning; ks_method records it
            res = scipy.stats.ks_2samp(x, y)
        method = ks_method(x, y)
        case = {'name': name, 'note': note, 'n': len(x), 'm': len(y),
                'statistic': float(res.statistic), 'pvalue': float(res.pvalue), 'method': method,
                'wasserstein': float(scipy.stats.wasserstein_distance(x, y))}
        if method == 'asymp':
            big, small = max(len(x), len(y)), min(len(x), len(y))
            en = int(np.round(big * small / (big + small)))
            case['asymp_branch'] = f'kstwo n={en}: ' + kstwo_branch(en, float(res.statistic))
        case['x'] = x
        case['y'] = y
        cases.append(case)
    doc = {'scipy': scipy.__version__, 'numpy': np.__version__,
           'generator': 'goldens/make_stats_goldens.py',
           'ks_cases': cases, 'kstwo_sf': kstwo_grid(), 'smirnov': smirnov_grid(), 'histograms': histograms()}
    with open(OUT, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    size = os.path.getsize(OUT)
    print(f'wrote {OUT}: {len(cases)} K-S cases, {len(doc["kstwo_sf"])} kstwo points, '
          f'{len(doc["smirnov"])} smirnov points, {len(doc["histograms"])} histograms, {size / 1e6:.2f} MB')
    for c in cases:
        print(f'  {c["name"]:34s} n={c["n"]:5d} m={c["m"]:5d} D={c["statistic"]:.6g} p={c["pvalue"]:.6g} '
              f'{c["method"]} {c.get("asymp_branch", "")}')


if __name__ == '__main__':
    main()
