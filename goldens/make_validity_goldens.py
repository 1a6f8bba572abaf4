"""Generate goldens/validity-cdvae.json: CDVAE's structural and compositional validity, for src/core/metrics/validity.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen and numpy):

    /usr/bin/python3 goldens/make_validity_goldens.py

Two parts:

* "cells": seeded random cells, many of them strongly skewed (angles down to 15 deg, long cells over short
  ones), with random sites. For each: pymatgen's Structure.distance_matrix (what CDVAE's structure_validity
  reads), a brute-force minimum image over images n in [-8, 8]^3 computed here with numpy (the exact answer), the
  volume and CDVAE's verdict (min distance >= 0.5 A and volume >= 0.1 A^3).
* "compositions": every distinct reduced composition of perov_5 test, carbon_24 test (../shared/data/cdvae) and
  mp_40 test (../shared/data/chemeleon_mp_40), as CDVAE reduces it (pymatgen reads the CIF; atomic numbers
  counted, sorted, divided by their gcd), with the verdict of smact_validity below, and for each data set the row
  count per composition (so the shares over crystals follow).

smact_validity below restates CDVAE's function (txie-93/cdvae scripts/eval_utils.py) and the SMACT 2.2.1
functions it calls (smact.neutral_ratios, smact.screening.pauling_test -> eneg_states_test), reading SMACT's data
from src/core/metrics/data/smact.json (written by goldens/make_metric_tables.py) instead of the smact package,
which Debian does not ship. It keeps their control flow: every combination of oxidation states in
itertools.product order, the pairwise Pauling test with Python's own None comparisons (TypeError -> pass).
"""

import csv
import warnings
import itertools
import json
import math
import os
import sys
from collections import Counter
from functools import reduce

import numpy as np
from pymatgen.core import Lattice, Structure

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data')
OUT = os.path.join(ROOT, 'goldens', 'validity-cdvae.json')
DATASETS = {
    'perov_5': os.path.join(DATA, 'cdvae', 'perov_5', 'test.csv'),
    'carbon_24': os.path.join(DATA, 'cdvae', 'carbon_24', 'test.csv'),
    'mp_40': os.path.join(DATA, 'chemeleon_mp_40', 'test.csv'),
}

with open(os.path.join(ROOT, 'src', 'core', 'metrics', 'data', 'smact.json')) as f:
    SMACT = json.load(f)
SYMBOLS = SMACT['symbols']


class SmactElement:
    def __init__(self, symbol):
        z = SYMBOLS.index(symbol)  # ValueError for elements SMACT 2.2.1 lacks, as smact.Element raises NameError
        self.pauling_eneg = SMACT['paulingElectronegativity'][z]
        self.oxidation_states = SMACT['oxidationStates'][z]


def neutral_ratios(oxidations, stoichs, threshold):
    """smact.neutral_ratios with explicit stoichs: the threshold is unused, ratios must be coprime and neutral."""
    ratios = [x for x in itertools.product(*stoichs)
              if sum(o * s for o, s in zip(oxidations, x)) == 0 and reduce(math.gcd, x) == 1]
    return len(ratios) > 0, ratios


def eneg_states_test(ox_states, enegs):
    for (ox1, eneg1), (ox2, eneg2) in itertools.combinations(list(zip(ox_states, enegs)), 2):
        if (ox1 > 0) and (ox2 < 0) and (eneg1 >= eneg2):
            return False
        elif (ox1 < 0) and (ox2 > 0) and (eneg1 <= eneg2):
            return False
        elif eneg1 is None or eneg2 is None:
            return False
    return True


def smact_validity(elem_symbols, count):
    space = {s: SmactElement(s) for s in elem_symbols}
    smact_elems = list(space.values())
    electronegs = [e.pauling_eneg for e in smact_elems]
    ox_combos = [e.oxidation_states for e in smact_elems]
    if len(set(elem_symbols)) == 1:
        return True
    if all(s in SMACT['metals'] for s in elem_symbols):
        return True
    threshold = max(count)
    for ox_states in itertools.product(*ox_combos):
        cn_e, _ = neutral_ratios(ox_states, [(c,) for c in count], threshold)
        if cn_e:
            try:
                ok = eneg_states_test(ox_states, electronegs)
            except TypeError:
                ok = True
            if ok:
                return True
    return False


def reduced(structure):
    counter = Counter(site.specie.Z for site in structure)
    zs = sorted(counter)
    counts = [counter[z] for z in zs]
    g = reduce(math.gcd, counts)
    return [SYMBOLS[z - 1] if z <= len(SYMBOLS) else str(z) for z in zs], [c // g for c in counts]


def compositions():
    csv.field_size_limit(sys.maxsize)
    verdicts = {}
    rows = {}
    for name, path in DATASETS.items():
        per = Counter()
        with open(path, newline='') as f:
            for row in csv.DictReader(f):
                elements, counts = reduced(Structure.from_str(row['cif'], fmt='cif'))
                key = ' '.join(f'{e}{c}' for e, c in zip(elements, counts))
                per[key] += 1
                if key not in verdicts:
                    verdicts[key] = {'elements': elements, 'counts': counts, 'valid': smact_validity(elements, counts)}
        rows[name] = dict(sorted(per.items()))
    return [verdicts[k] for k in sorted(verdicts)], rows


def brute_force_min_image(matrix, frac):
    n = len(frac)
    shifts = np.array(list(itertools.product(range(-8, 9), repeat=3)), dtype=float)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            d = frac[i] - frac[j]
            cart = (d[None, :] + shifts) @ matrix
            out[i, j] = np.sqrt((cart ** 2).sum(axis=1).min()) if i != j else 0.0
    return out


def record(lat, species, frac):
    n = len(frac)
    s = Structure(lat, species, frac)
    exact = brute_force_min_image(lat.matrix, frac)
    pmg = s.distance_matrix
    upper = np.triu_indices(n, 1)
    return {
        'parameters': [float(v) for v in lat.parameters],
        'matrix': [float(v) for v in lat.matrix.reshape(-1)],
        'species': species,
        'frac': frac.tolist(),
        'volume': float(lat.volume),
        'pymatgen_distances': [float(v) for v in pmg[upper]],
        'exact_distances': [float(v) for v in exact[upper]],
        'cdvae_valid': bool(pmg[upper].min() >= 0.5 and lat.volume >= 0.1),
    }


def nearest_27(matrix, d):
    d = d - np.round(d)
    return min(np.linalg.norm((d + np.array(n)) @ matrix) for n in itertools.product((-1, 0, 1), repeat=3))


def far_contact_cells(rng, count):
    """Cells, sharply skewed, whose two sites are 0.3 A apart only through an image beyond the +-1 images of the
    rounded difference (the search the studio made before)."""
    out = []
    while len(out) < count:
        try:
            lat = Lattice.from_parameters(*rng.uniform(2.0, 12.0, 3), *rng.uniform(5, 175, 3))
        except ValueError:
            continue
        if not lat.volume > 1.0:
            continue
        offset = rng.normal(size=3)
        offset *= 0.3 / np.linalg.norm(offset)
        first = rng.uniform(0, 1, 3)
        frac = np.round(np.array([first, (first + offset @ np.linalg.inv(lat.matrix)) % 1.0]), 6)
        if nearest_27(lat.matrix, frac[0] - frac[1]) >= 0.5:
            out.append(record(lat, ['Na', 'Cl'], frac))
    return out


def cells():
    rng = np.random.default_rng(20261202)
    out = []
    for k in range(60):
        skew = k % 3  # 0: ordinary, 1: sharp angles, 2: sharp angles and uneven lengths
        lengths = rng.uniform(2.0, 7.0, 3)
        if skew == 2:
            lengths[rng.integers(3)] *= rng.uniform(3.0, 6.0)
        while True:
            angles = rng.uniform(60, 120, 3) if skew == 0 else rng.uniform(15, 165, 3)
            try:
                lat = Lattice.from_parameters(*lengths, *angles)
                if lat.volume > 1.0:
                    break
            except ValueError:
                pass
        n = int(rng.integers(2, 7))
        frac = np.round(rng.uniform(-0.2, 1.2, (n, 3)), 6)
        species = [str(s) for s in rng.choice(['Na', 'Cl', 'O', 'Fe', 'C'], n)]
        out.append(record(lat, species, frac))
    return out + far_contact_cells(rng, 3)


def main():
    warnings.simplefilter("ignore")  # pymatgen notes coordinates it rounds; the rounding is what CDVAE saw too
    verdicts, rows = compositions()
    with open(OUT, 'w') as f:
        json.dump({'cells': cells(), 'compositions': verdicts, 'rows': rows}, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
