"""Generate goldens/structure-matcher-pymatgen.json: pymatgen's StructureMatcher verdicts, RMS displacements,
uniqueness and novelty on real crystals, for src/core/metrics/structure-matcher.ts and uniqueness.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen 2022.11.7):

    /usr/bin/python3 goldens/make_matcher_goldens.py

The matcher is the one the field evaluates with (CDVAE / DiffCSP): StructureMatcher(ltol=0.3, stol=0.5,
angle_tol=10) with pymatgen's other defaults (primitive_cell, scale, no supercell, no subset, SpeciesComparator).

Crystals
--------
Base crystals are rows of the CDVAE-style CSVs under ../shared/data (0-based data-row index). Each row's CIF is
read with pymatgen's CifFile (the parser CifParser uses); the Structure is built from its cell and its atom_site
loop in file order. (CifParser itself also re-sorts sites by electronegativity; StructureMatcher does not sort, and
which site of the rarest species it pins as the translation anchor follows site order, so both sides keep the
order of the file, as CDVAE and DiffCSP keep the order of their arrays.) Every base row is a P1 listing, so no
symmetry expansion is involved.

Derived crystals (origin shifts, permutations, supercells, other settings, perturbations, textbook polymorphs)
are written out explicitly: lattice rows (Å) and fractional coordinates rounded to 10 decimals; pymatgen is run on
exactly the rounded values.

Schema
------
{
  "pymatgen": "2022.11.7", "ltol": 0.3, "stol": 0.5, "angle_tol": 10,
  "datasets": {"perov5": "cdvae/perov_5/val.csv", ...},          # paths under ../shared/data
  "pairs": [{"name", "kind", "a": Ref, "b": Ref,
             "fit": bool,                        # StructureMatcher.fit(a, b)
             "rms": float | null, "max_dist": float | null,     # StructureMatcher.get_rms_dist(a, b) or null
             "rotated": [{"fit", "rms", "max_dist"}] (only where some differs: the same with both structures
                        rotated rigidly by six fixed rotations; see ROTATIONS)}],
  "uniqueness": [{"name", "dataset", "rows": [start, stop], "unique": [indices into the slice]}],
  "novelty": [{"name", "generated": {"dataset", "rows"}, "training": {"dataset", "rows"},
               "unique": [...], "novel": [...]}]             # novel: indices (into generated) of unique ones
}
Ref = {"dataset": key, "row": i} | {"lattice": [9 floats, row-major rows a, b, c], "species": [...],
                                   "frac": [3n floats]}

Set definitions (the same as src/core/metrics/uniqueness.ts): crystal i is unique when fit(s[j], s[i]) is false
for every j < i; a unique crystal is novel when fit(t, s[i]) is false for every training crystal t. Pairs whose
reduced compositions or primitive site counts differ are skipped (fit is false for them by construction).

The output is deterministic (seeded numpy generator).
"""

import csv
import io
import json
import os
import sys
import warnings
from importlib.metadata import version

import numpy as np
from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifFile
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
from scipy.spatial.transform import Rotation

warnings.filterwarnings('ignore')
csv.field_size_limit(10**9)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data')
OUT = os.path.join(ROOT, 'goldens', 'structure-matcher-pymatgen.json')

DATASETS = {
    'perov5': 'cdvae/perov_5/val.csv',
    'perov5test': 'cdvae/perov_5/test.csv',
    'carbon24': 'cdvae/carbon_24/val.csv',
    'mp40': 'chemeleon_mp_40/test.csv',
}

MATCHER = StructureMatcher(ltol=0.3, stol=0.5, angle_tol=10)
rng = np.random.default_rng(20261202)
_rows = {}


def rows(key):
    if key not in _rows:
        with open(os.path.join(DATA, DATASETS[key]), newline='') as f:
            _rows[key] = [r['cif'] for r in csv.DictReader(f)]
    return _rows[key]


def read_row(key, i):
    """The row's P1 listing as a Structure, sites in file order."""
    block = next(iter(CifFile.from_string(rows(key)[i]).data.values())).data
    num = lambda v: float(v.split('(')[0])  # noqa: E731
    lattice = Lattice.from_parameters(*(num(block[f'_cell_{t}']) for t in
                                        ('length_a', 'length_b', 'length_c', 'angle_alpha', 'angle_beta', 'angle_gamma')))
    coords = [[num(x), num(y), num(z)] for x, y, z in
              zip(block['_atom_site_fract_x'], block['_atom_site_fract_y'], block['_atom_site_fract_z'])]
    return Structure(lattice, list(block['_atom_site_type_symbol']), coords)


def explicit(matrix, species, frac):
    """Rounds to what the JSON stores and rebuilds the Structure from exactly that."""
    m = [round(float(v), 10) for v in np.asarray(matrix).reshape(9)]
    f = [round(float(v), 10) for v in np.asarray(frac).reshape(-1)]
    ref = {'lattice': m, 'species': [str(s) for s in species], 'frac': f}
    return ref, Structure(Lattice(np.array(m).reshape(3, 3)), ref['species'], np.array(f).reshape(-1, 3))


def of(s):
    return s.lattice.matrix, [site.specie.symbol for site in s], s.frac_coords


pairs = []


# pymatgen's answer is not always independent of the Cartesian frame the lattice is written in: its Niggli step
# keeps the first basis its cell-list neighbour search returns among those with the reduced parameters, and on a
# cell near a knife edge (α ≈ 120°) that choice decides on which side of 120° each candidate's mean lattice falls,
# hence which LLL basis and which per-axis tolerances apply. Each pair is therefore also run with both structures
# rotated rigidly (six fixed rotations); where an answer changes, every answer pymatgen gave is recorded.
ROTATIONS = [Rotation.random(random_state=k).as_matrix() for k in range(6)]


def verdict(a, b):
    rms = MATCHER.get_rms_dist(a, b)
    return {'fit': bool(MATCHER.fit(a, b)),
            'rms': None if rms is None else round(float(rms[0]), 10),
            'max_dist': None if rms is None else round(float(rms[1]), 10)}


def rotated(s, r):
    return Structure(Lattice(s.lattice.matrix @ r.T), s.species, s.frac_coords)


def same(x, y):
    if x['fit'] != y['fit'] or (x['rms'] is None) != (y['rms'] is None):
        return False
    return x['rms'] is None or (abs(x['rms'] - y['rms']) < 1e-6 and abs(x['max_dist'] - y['max_dist']) < 1e-6)


def add_pair(name, kind, a_ref, a, b_ref, b):
    v = verdict(a, b)
    pair = {'name': name, 'kind': kind, 'a': a_ref, 'b': b_ref, **v}
    others = [verdict(rotated(a, r), rotated(b, r)) for r in ROTATIONS]
    if not all(same(v, o) for o in others):
        pair['rotated'] = others
    pairs.append(pair)


def base(key, i):
    return {'dataset': key, 'row': i}, read_row(key, i)


# --- derived crystals -----------------------------------------------------------------------------------------
UNIMODULAR = [
    [[1, 1, 0], [0, 1, 0], [0, 0, 1]],
    [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    [[1, 0, 1], [0, 1, 0], [-1, 0, 0]],
    [[1, 1, 1], [0, 1, 1], [0, 0, 1]],
    [[0, -1, 0], [1, 0, 0], [0, 0, 1]],
    [[1, 0, 0], [0, 1, 0], [0, 0, -1]],  # det -1: the mirror image, which StructureMatcher also accepts
]


def shifted(s):
    m, sp, f = of(s)
    return explicit(m, sp, (f + rng.random(3)) % 1)


def permuted(s):
    m, sp, f = of(s)
    p = rng.permutation(len(sp))
    return explicit(m, [sp[k] for k in p], f[p])


def supercell(s, n):
    m, sp, f = of(s)
    cells = [(i, j, k) for i in range(n[0]) for j in range(n[1]) for k in range(n[2])]
    frac = np.array([(fi + c) / n for c in cells for fi in f])
    species = [x for _ in cells for x in sp]
    return explicit(np.diag(n) @ m, species, frac)


def resetting(s, t):
    m, sp, f = of(s)
    t = np.array(t, dtype=float)
    return explicit(t @ m, sp, (f @ np.linalg.inv(t)) % 1)


def perturbed(s, sigma, strain=0.0):
    """Gaussian noise of sigma Å on every Cartesian coordinate, then a random symmetric strain up to `strain`."""
    m, sp, f = of(s)
    cart = f @ m + rng.normal(0, sigma, (len(sp), 3))
    e = rng.uniform(-strain, strain, (3, 3))
    e = (e + e.T) / 2
    m2 = m @ (np.eye(3) + e)
    return explicit(m2, sp, (cart @ np.linalg.inv(m)) % 1)


def stretched(s, axis, factor):
    m, sp, f = of(s)
    m2 = m.copy()
    m2[axis] *= factor
    return explicit(m2, sp, f)


def swapped(s, el1, el2):
    m, sp, f = of(s)
    swap = {el1: el2, el2: el1}
    return explicit(m, [swap.get(x, x) for x in sp], f)


def substituted(s, el, new):
    m, sp, f = of(s)
    return explicit(m, [new if x == el else x for x in sp], f)


def site_moved(s, index, other):
    """Exchanges the species of two sites (same composition, another arrangement)."""
    m, sp, f = of(s)
    sp = list(sp)
    sp[index], sp[other] = sp[other], sp[index]
    return explicit(m, sp, f)


def textbook(spg, parameters, species, coords):
    """Literature polymorphs not present in the datasets, built by pymatgen's own symmetry expansion."""
    s = Structure.from_spacegroup(spg, Lattice.from_parameters(*parameters), species, coords)
    return explicit(*of(s))


def make_pairs():
    # Every kind of transformation on real crystals of the three datasets.
    picks = {'perov5': list(range(0, 40, 2)), 'carbon24': [i for i in range(60) if len(read_row('carbon24', i)) <= 12][:12],
             'mp40': [i for i in range(120) if len(read_row('mp40', i)) <= 12][:16]}
    for key, idx in picks.items():
        for i in idx:
            a_ref, a = base(key, i)
            tag = f'{key}:{i}'
            add_pair(f'{tag} origin shift', 'match', a_ref, a, *shifted(a))
            add_pair(f'{tag} site permutation', 'match', a_ref, a, *permuted(a))
            add_pair(f'{tag} supercell 2x1x1', 'match', a_ref, a, *supercell(a, (2, 1, 1)))
            if len(a) <= 6:
                add_pair(f'{tag} supercell 2x2x2', 'match', a_ref, a, *supercell(a, (2, 2, 2)))
            t = UNIMODULAR[int(rng.integers(len(UNIMODULAR)))]
            add_pair(f'{tag} setting {t}', 'match', a_ref, a, *resetting(a, t))
            add_pair(f'{tag} noise 0.02 A strain 2%', 'match', a_ref, a, *perturbed(a, 0.02, 0.02))
            ref, combo = resetting(a, UNIMODULAR[int(rng.integers(len(UNIMODULAR)))])
            ref, combo = shifted(combo)
            add_pair(f'{tag} setting + shift + noise 0.05 A', 'match', a_ref, a, *perturbed(combo, 0.05))
            for sigma in (0.15, 0.3, 0.6):
                add_pair(f'{tag} noise {sigma} A', 'graded', a_ref, a, *perturbed(a, sigma))
            for factor in (1.2, 1.45):
                add_pair(f'{tag} axis a x{factor}', 'graded', a_ref, a, *stretched(a, 0, factor))
            elements = sorted(set(x.symbol for x in a.species))
            if len(elements) >= 2:
                add_pair(f'{tag} swap {elements[0]}<->{elements[1]}', 'graded', a_ref, a, *swapped(a, elements[0], elements[1]))
                add_pair(f'{tag} substitute {elements[0]}->Xe', 'differ', a_ref, a, *substituted(a, elements[0], 'Xe'))
                sp = [x.symbol for x in a.species]
                other = next(k for k in range(len(sp)) if sp[k] != sp[0])
                add_pair(f'{tag} exchange sites 0 and {other}', 'graded', a_ref, a, *site_moved(a, 0, other))

    # Conventional standard cell against the row itself, for centred mp_40 crystals.
    n = 0
    for i in range(len(rows('mp40'))):
        a_ref, a = base('mp40', i)
        if len(a) > 20:
            continue
        sga = SpacegroupAnalyzer(a, symprec=0.01)
        conv = sga.get_conventional_standard_structure()
        if len(conv) <= len(a) or len(conv) > 40:
            continue
        add_pair(f'mp40:{i} conventional standard cell', 'match', a_ref, a, *explicit(*of(conv)))
        add_pair(f'mp40:{i} primitive standard vs conventional', 'match',
                 *explicit(*of(sga.get_primitive_standard_structure())), *explicit(*of(conv)))
        n += 1
        if n == 12:
            break

    # Same-composition crystals in the data: polymorphs and near-duplicates, verdicts as pymatgen finds them.
    def same_composition_pairs(key_a, key_b, limit, rows_a, rows_b):
        by_formula = {}
        for j in rows_b:
            by_formula.setdefault(read_row(key_b, j).composition.reduced_formula, []).append(j)
        found = 0
        for i in rows_a:
            a = read_row(key_a, i)
            for j in by_formula.get(a.composition.reduced_formula, []):
                if key_a == key_b and j <= i:
                    continue
                add_pair(f'{key_a}:{i} vs {key_b}:{j} same composition', 'data', {'dataset': key_a, 'row': i}, a,
                         {'dataset': key_b, 'row': j}, read_row(key_b, j))
                found += 1
                if found >= limit:
                    return

    same_composition_pairs('perov5', 'perov5', 50, range(0, 600), range(0, 600))
    same_composition_pairs('perov5', 'perov5test', 40, range(600, 900), range(0, 600))
    same_composition_pairs('mp40', 'mp40', 20, range(708), range(708))
    carbon = [(i, len(read_row('carbon24', i))) for i in range(120)]
    found = 0
    for i, ni in carbon:
        for j, nj in carbon:
            if j > i and ni == nj and ni <= 16 and found < 60 and (i + j) % 3 == 0:
                add_pair(f'carbon24:{i} vs carbon24:{j} same site count', 'data', *base('carbon24', i), *base('carbon24', j))
                found += 1

    # Textbook polymorphs (not in the data sets): rutile vs anatase, wurtzite vs zinc blende, diamond vs lonsdaleite.
    tetragonal = lambda a, c: (a, a, c, 90, 90, 90)  # noqa: E731
    hexagonal = lambda a, c: (a, a, c, 90, 90, 120)  # noqa: E731
    rutile = textbook(136, tetragonal(4.594, 2.959), ['Ti', 'O'], [[0, 0, 0], [0.3048, 0.3048, 0]])
    anatase = textbook(141, tetragonal(3.785, 9.514), ['Ti', 'O'], [[0, 0, 0], [0, 0, 0.2083]])  # origin choice 1
    wurtzite = textbook(186, hexagonal(3.821, 6.257), ['Zn', 'S'], [[1 / 3, 2 / 3, 0], [1 / 3, 2 / 3, 0.375]])
    blende = textbook(216, tetragonal(5.409, 5.409), ['Zn', 'S'], [[0, 0, 0], [0.25, 0.25, 0.25]])
    diamond = textbook(227, tetragonal(3.567, 3.567), ['C'], [[0.125, 0.125, 0.125]])
    lonsdaleite = textbook(194, hexagonal(2.51, 4.12), ['C'], [[1 / 3, 2 / 3, 0.0625]])
    rocksalt = textbook(225, tetragonal(5.64, 5.64), ['Na', 'Cl'], [[0, 0, 0], [0.5, 0.5, 0.5]])
    cscl = textbook(221, tetragonal(4.12, 4.12), ['Na', 'Cl'], [[0, 0, 0], [0.5, 0.5, 0.5]])
    for name, x, y in [('rutile vs anatase TiO2', rutile, anatase), ('wurtzite vs zinc blende ZnS', wurtzite, blende),
                       ('diamond vs lonsdaleite C', diamond, lonsdaleite), ('rock salt vs CsCl-type NaCl', rocksalt, cscl)]:
        add_pair(name, 'differ', *x, *y)
        add_pair(name.split(' vs ')[0] + ' vs itself in a supercell', 'match', *x, *supercell(x[1], (1, 1, 2)))


# --- sets -----------------------------------------------------------------------------------------------------
def reduced(structures):
    out = []
    for s in structures:
        r = MATCHER._get_reduced_structure(s, primitive_cell=True, niggli=True)
        out.append((r, (r.composition.reduced_formula, len(r))))
    return out


def unique_indices(red):
    unique = []
    for i, (ri, ki) in enumerate(red):
        if not any(kj == ki and MATCHER.fit(rj, ri, skip_structure_reduction=True) for rj, kj in red[:i]):
            unique.append(i)
    return unique


def make_sets():
    uniqueness, novelty = [], []
    for key, start, stop in [('carbon24', 0, 300), ('perov5', 0, 300), ('mp40', 0, 300)]:
        red = reduced([read_row(key, i) for i in range(start, stop)])
        uniqueness.append({'name': f'{key} rows {start}-{stop}', 'dataset': key, 'rows': [start, stop],
                           'unique': unique_indices(red)})
        print(f'uniqueness {key}: {len(uniqueness[-1]["unique"])} of {stop - start}', file=sys.stderr)
    for (gk, g0, g1), (tk, t0, t1) in [(('perov5', 0, 300), ('perov5test', 0, 1000)),
                                       (('carbon24', 0, 300), ('carbon24', 300, 600))]:
        gen = reduced([read_row(gk, i) for i in range(g0, g1)])
        train = reduced([read_row(tk, i) for i in range(t0, t1)])
        unique = unique_indices(gen)
        novel = [i for i in unique if not any(kt == gen[i][1] and MATCHER.fit(rt, gen[i][0], skip_structure_reduction=True)
                                             for rt, kt in train)]
        novelty.append({'name': f'{gk} rows {g0}-{g1} against {tk} rows {t0}-{t1}',
                        'generated': {'dataset': gk, 'rows': [g0, g1]}, 'training': {'dataset': tk, 'rows': [t0, t1]},
                        'unique': unique, 'novel': novel})
        print(f'novelty {gk}: {len(novel)} of {len(unique)} unique', file=sys.stderr)
    return uniqueness, novelty


def main():
    make_pairs()
    print(f'{len(pairs)} pairs, {sum(p["fit"] for p in pairs)} fit', file=sys.stderr)
    uniqueness, novelty = make_sets()
    out = {'pymatgen': version('pymatgen'), 'ltol': MATCHER.ltol, 'stol': MATCHER.stol, 'angle_tol': MATCHER.angle_tol,
           'datasets': DATASETS, 'pairs': pairs, 'uniqueness': uniqueness, 'novelty': novelty}
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
