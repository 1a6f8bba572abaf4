"""Generate goldens/composition-fingerprint.json: the Magpie composition fingerprint of CDVAE's coverage metrics,
for src/core/metrics/composition-fingerprint.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen and numpy):

    /usr/bin/python3 goldens/make_composition_fingerprint_goldens.py

matminer is not packaged in Debian, so this restates matminer 0.7.3's ElementProperty.featurize for the
"magpie" preset with the same numpy calls as its PropertyStats (minimum / maximum / range: NaN when any value is
NaN; mean: np.average with the amounts as weights; avg_dev: np.average(|x - mean|); mode: the minimum of the
values whose weight np.isclose to the largest), on the Magpie tables in src/core/metrics/data/magpie.json, then
CDVAE's CompScaler.transform (cdvae/common/data_utils.py StandardScaler with the constants in
src/core/metrics/data/cdvae-comp-scaler.json, replace_nan_token=0).

Compositions: the cells of rows spread evenly over perov_5 test (100), carbon_24 test (4) and mp_40 test (200),
read by pymatgen and counted per element as CDVAE counts atom types (Composition(Counter(atom_types))), plus a few
hand-made ones with elements Magpie lacks values for (noble gases, heavy actinides), so that NaN handling shows.

Schema: {"labels": [132], "cases": [{"source", "amounts": {el: n}, "raw": [132, null = NaN], "scaled": [132]}]}
"""

import csv
import json
import os
import sys
import warnings
from collections import Counter

import numpy as np
from pymatgen.core import Structure

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data')
TABLES = os.path.join(ROOT, 'src', 'core', 'metrics', 'data')
OUT = os.path.join(ROOT, 'goldens', 'composition-fingerprint.json')
SOURCES = [
    ('perov_5', os.path.join(DATA, 'cdvae', 'perov_5', 'test.csv'), 100),
    ('carbon_24', os.path.join(DATA, 'cdvae', 'carbon_24', 'test.csv'), 4),
    ('mp_40', os.path.join(DATA, 'chemeleon_mp_40', 'test.csv'), 200),
]
HAND_MADE = [{'He': 1, 'Na': 2}, {'Xe': 1, 'F': 4}, {'Pm': 2, 'O': 3}, {'Fm': 1, 'Cl': 3}, {'Kr': 1},
             {'Lr': 1, 'N': 1, 'O': 1}, {'Fe': 2, 'Ni': 2, 'O': 3}, {'Fe': 1, 'Ni': 1, 'Co': 1, 'O': 3}]

with open(os.path.join(TABLES, 'magpie.json')) as f:
    MAGPIE = json.load(f)
with open(os.path.join(TABLES, 'cdvae-comp-scaler.json')) as f:
    SCALER = json.load(f)
with open(os.path.join(TABLES, 'smact.json')) as f:
    Z_OF = {s: i + 1 for i, s in enumerate(json.load(f)['symbols'])}


def value(prop, symbol):
    v = MAGPIE['values'][prop][Z_OF[symbol] - 1]
    return float('nan') if v is None else v


def stat(name, data, weights):
    if name == 'minimum':
        return min(data) if not np.any(np.isnan(data)) else float('nan')
    if name == 'maximum':
        return max(data) if not np.any(np.isnan(data)) else float('nan')
    if name == 'range':
        return (max(data) - min(data)) if not np.any(np.isnan(data)) else float('nan')
    if name == 'mean':
        return np.average(data, weights=weights)
    if name == 'avg_dev':
        mean = np.average(data, weights=weights)
        return np.average(np.abs(np.subtract(data, mean)), weights=weights)
    if name == 'mode':
        data, weights = np.array(data), np.array(weights)
        return data[np.isclose(weights, weights.max())].min()
    raise ValueError(name)


def featurize(amounts):
    elements, fractions = zip(*amounts.items())
    return [float(stat(s, [value(p, e) for e in elements], fractions)) for p in MAGPIE['properties'] for s in MAGPIE['stats']]


def scale(raw):
    x = (np.array(raw, dtype=float) - np.array(SCALER['means'])) / np.array(SCALER['stds'])
    return np.where(np.isnan(x), 0.0, x)


def dataset_compositions():
    csv.field_size_limit(sys.maxsize)
    for name, path, count in SOURCES:
        with open(path, newline='') as f:
            rows = list(csv.DictReader(f))
        for i in np.linspace(0, len(rows) - 1, count).round().astype(int):
            s = Structure.from_str(rows[i]['cif'], fmt='cif')
            yield f'{name}:{i}', dict(Counter(site.specie.symbol for site in s))


def main():
    warnings.simplefilter('ignore')  # pymatgen notes coordinates it rounds
    cases = []
    for source, amounts in [*dataset_compositions(), *((f'hand-made:{i}', a) for i, a in enumerate(HAND_MADE))]:
        raw = featurize(amounts)
        cases.append({'source': source, 'amounts': amounts, 'raw': [None if v != v else v for v in raw],
                      'scaled': [float(f'{v:.12g}') for v in scale(raw)]})
    labels = [f'MagpieData {s} {p}' for p in MAGPIE['properties'] for s in MAGPIE['stats']]
    with open(OUT, 'w') as f:
        json.dump({'labels': labels, 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
