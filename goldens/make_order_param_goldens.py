"""Generate goldens/order-params-pymatgen.json: pymatgen's local-structure order parameters and the CrystalNN "ops"
fingerprint that CDVAE uses as its structure fingerprint (matminer's CrystalNNFingerprint.from_preset("ops"),
averaged over sites).

Run from the repository root with /usr/bin/python3 (Debian's pymatgen; matminer is not packaged, so this script
rebuilds matminer's small wrapper around pymatgen's CrystalNN and LocalStructOrderParams):

    /usr/bin/python3 goldens/make_order_param_goldens.py

What matminer's wrapper does (matminer src/matminer/featurizers/site/fingerprint.py, CrystalNNFingerprint):
  * from_preset("ops"): for every CN 1..24 the list ["wt"] + the target motifs of that CN (matminer's
    load_cn_target_motif_op, copied below as data); each motif becomes LocalStructOrderParams([type],
    parameters=[p]) with (type, p) from pymatgen's cn_opt_params.yaml (a motif missing there, such as "sgl_bd" or
    "q2", is its own type with pymatgen's default parameters from op_params.yaml). A given p replaces the whole
    default parameter set; it is not merged with it.
  * featurize(site): CrystalNN().get_nn_data; for CN 1..24, wt = cn_weights.get(CN, 0); the "wt" entry is wt;
    every motif entry is 0 when wt is 0, else wt * (order parameter of the CN's neighbours, None counted as 0).
    CNs above 24 are ignored; chem_info is None for "ops".
  * CDVAE (scripts/eval_utils.py): the structure fingerprint is the mean of the site vectors.

Schema
------
{
  "pymatgen", "numpy",
  "labels": [...61 matminer feature_labels()...],
  "specs": [{"cn", "motif", "type", "params"}],           # one per order parameter of the preset, in label order
  "geometries": [                                         # (a) order parameters alone, no CrystalNN
    {"name", "center": [x, y, z], "neighbors": [[x, y, z], ...],
     "values": {"<cn>:<motif>": value or null, ...},      # every spec evaluated on this neighbour set
     "ties": {"<cn>:<motif>": [low, high]}}               # optional: how far pymatgen's value moves when the
                                                          # neighbours move by ~1e-14 A (an angle exactly on one of
                                                          # its thresholds, so rounding decides a branch)
  ],
  "crystals": [                                           # (b) the whole fingerprint
    {"dataset", "file", "row", "nsites", "fingerprint": [61 floats],   # mean over sites
     "ties": {"<feature index>": [low, high]}}            # optional: the mean over sites of each site's lowest and
                                                          # highest value under ~1e-14 A moves and reorderings of
                                                          # equally weighted neighbours, where they differ
  ],
  "nn_data": [                                            # pymatgen's CrystalNN output for a few crystals, to test
    {"dataset", "file", "row", "sites": [                 # the assembly apart from the neighbour finding
      {"center": [x, y, z],
       "neighbors": [[x, y, z], ...],                     # CrystalNN's list, highest weight first: the neighbours
                                                          # of CN k are the first k
       "cn_weights": [[cn, weight], ...],
       "fingerprint": [61 floats]}]}
  ]
}

Geometries are ideal polyhedra (as given and randomly rotated and shifted), the same with noise, and random
neighbour sets; coordinates are stored with full precision (JSON floats round-trip), so TypeScript sees exactly
what pymatgen saw. Crystals are evenly spaced rows of the CSVs under ../shared/data. Deterministic output.
"""

import csv
import json
import math
import os
import sys
import warnings

import numpy as np
import pymatgen
from pymatgen.analysis import local_env
from pymatgen.analysis.local_env import CrystalNN, LocalStructOrderParams
from pymatgen.core import Structure
from pymatgen.core.sites import Site

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'order-params-pymatgen.json')
DATA = os.path.join(HERE, '..', '..', 'shared', 'data')

# matminer's load_cn_target_motif_op() (data: the target motifs per coordination number).
CN_TARGET_MOTIF_OP = {
    1: ['sgl_bd'],
    2: ['L-shaped', 'water-like', 'bent 120 degrees', 'bent 150 degrees', 'linear'],
    3: ['trigonal planar', 'trigonal non-coplanar', 'T-shaped'],
    4: ['square co-planar', 'tetrahedral', 'rectangular see-saw-like', 'see-saw-like', 'trigonal pyramidal'],
    5: ['pentagonal planar', 'square pyramidal', 'trigonal bipyramidal'],
    6: ['hexagonal planar', 'octahedral', 'pentagonal pyramidal'],
    7: ['hexagonal pyramidal', 'pentagonal bipyramidal'],
    8: ['body-centered cubic', 'hexagonal bipyramidal'],
    9: ['q2', 'q4', 'q6'],
    10: ['q2', 'q4', 'q6'],
    11: ['q2', 'q4', 'q6'],
    12: ['cuboctahedral', 'q2', 'q4', 'q6'],
}
MAX_CN = 24

# (file under ../shared/data, dataset name, crystals for the fingerprint golden, crystals with nn_data)
CRYSTAL_SETS = [
    ('cdvae/perov_5/test.csv', 'perov_5', 150, 12),
    ('cdvae/carbon_24/test.csv', 'carbon_24', 90, 6),
    ('chemeleon_mp_40/test.csv', 'mp_40', 90, 6),
]


def preset_specs():
    """The order parameters of from_preset("ops"), in feature order, with matminer's (type, parameters)."""
    specs = []
    for cn in range(1, MAX_CN + 1):
        for motif in CN_TARGET_MOTIF_OP.get(cn, []):
            entry = local_env.cn_opt_params.get(cn, {}).get(motif)
            op_type = entry[0] if entry else motif
            params = entry[1] if entry and len(entry) > 1 else None
            specs.append({'cn': cn, 'motif': motif, 'type': op_type, 'params': params})
    return specs


def labels():
    out = []
    for cn in range(1, MAX_CN + 1):
        for name in ['wt'] + CN_TARGET_MOTIF_OP.get(cn, []):
            out.append(f'{name} CN_{cn}')
    return out


LABELS = labels()
SPECS = preset_specs()
OPS = {(s['cn'], s['motif']): LocalStructOrderParams([s['type']], parameters=[s['params']]) for s in SPECS}


def order_parameter(op, center, neighbors):
    """What matminer asks: the OP of site 0 with sites 1..n as its neighbours (Cartesian positions only)."""
    sites = [Site('H', center)] + [Site('H', p) for p in neighbors]
    return op.get_order_parameters(sites, 0, indices_neighs=list(range(1, len(neighbors) + 1)))[0]


def site_fingerprint(center, neighbors, cn_weights):
    """matminer's CrystalNNFingerprint.featurize for the ops preset, given CrystalNN's output."""
    out = []
    for cn in range(1, MAX_CN + 1):
        wt = cn_weights.get(cn, 0)
        out.append(wt)
        for motif in CN_TARGET_MOTIF_OP.get(cn, []):
            if wt == 0:
                out.append(wt)
            else:
                value = order_parameter(OPS[(cn, motif)], center, neighbors[:cn])
                out.append(wt * (value or 0))
    return out


# ---- (a) neighbour geometries ------------------------------------------------------------------------------------

def ring(n, z=0.0, phase=0.0):
    r = math.sqrt(max(0.0, 1 - z * z))
    return [[r * math.cos(phase + 2 * math.pi * i / n), r * math.sin(phase + 2 * math.pi * i / n), z] for i in range(n)]


def unit(v):
    v = np.asarray(v, dtype=float)
    return list(v / np.linalg.norm(v))


def ideal_polyhedra():
    t = math.acos(-1 / 3)
    tet = [[0, 0, 1]] + ring(3, math.cos(t))
    cube = [[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
    cuboct = [[a, b, 0] for a in (-1, 1) for b in (-1, 1)] + \
             [[a, 0, b] for a in (-1, 1) for b in (-1, 1)] + [[0, a, b] for a in (-1, 1) for b in (-1, 1)]
    g = (1 + math.sqrt(5)) / 2
    ico = [[0, a, b * g] for a in (-1, 1) for b in (-1, 1)] + [[a, b * g, 0] for a in (-1, 1) for b in (-1, 1)] + \
          [[b * g, 0, a] for a in (-1, 1) for b in (-1, 1)]
    tricapped = ring(3, 0.6) + ring(3, -0.6) + ring(3, 0.0, math.pi / 3)
    polys = {
        'single bond': [[0, 0, 1]],
        'linear': [[0, 0, 1], [0, 0, -1]],
        'L-shaped': [[1, 0, 0], [0, 1, 0]],
        'water-like': [[1, 0, 0], [math.cos(math.radians(104.45)), math.sin(math.radians(104.45)), 0]],
        'bent 120': ring(3)[:2],
        'bent 150': [[1, 0, 0], [math.cos(math.radians(150)), math.sin(math.radians(150)), 0]],
        'trigonal planar': ring(3),
        'trigonal non-coplanar': tet[1:],
        'T-shaped': [[1, 0, 0], [-1, 0, 0], [0, 1, 0]],
        'square planar': ring(4),
        'tetrahedron': tet,
        'rectangular see-saw': [[1, 0, 0], [-1, 0, 0], [0, 0.8, 0.6], [0, -0.8, 0.6]],
        'see-saw': [[0, 0, 1], [0, 0, -1]] + ring(3)[:2],
        'trigonal pyramid': [[0, 0, 1]] + ring(3),
        'pentagonal planar': ring(5),
        'square pyramid': [[0, 0, 1]] + ring(4),
        'trigonal bipyramid': [[0, 0, 1], [0, 0, -1]] + ring(3),
        'hexagonal planar': ring(6),
        'octahedron': [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]],
        'pentagonal pyramid': [[0, 0, 1]] + ring(5),
        'trigonal prism': ring(3, 0.6) + ring(3, -0.6),
        'hexagonal pyramid': [[0, 0, 1]] + ring(6),
        'pentagonal bipyramid': [[0, 0, 1], [0, 0, -1]] + ring(5),
        'cube (bcc)': cube,
        'hexagonal bipyramid': [[0, 0, 1], [0, 0, -1]] + ring(6),
        'square antiprism': ring(4, 0.55) + ring(4, -0.55, math.pi / 4),
        'tricapped trigonal prism': tricapped,
        'capped square antiprism': [[0, 0, 1]] + ring(4, 0.3) + ring(4, -0.55, math.pi / 4),
        'bicapped square antiprism': [[0, 0, 1], [0, 0, -1]] + ring(4, 0.45) + ring(4, -0.45, math.pi / 4),
        'cuboctahedron minus one': cuboct[1:],
        'cuboctahedron': cuboct,
        'icosahedron': ico,
        'anticuboctahedron (hcp)': ring(6) + ring(3, 0.5773502691896258, math.pi / 6) + ring(3, -0.5773502691896258, math.pi / 6),
    }
    return {name: [unit(p) for p in pts] for name, pts in polys.items()}


def random_rotation(rng):
    q, r = np.linalg.qr(rng.normal(size=(3, 3)))
    q = q * np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


def geometries():
    rng = np.random.default_rng(20261202)
    out = []

    def add(name, center, vectors):
        center = [float(c) for c in center]
        neighbors = [[float(center[i] + v[i]) for i in range(3)] for v in vectors]
        out.append({'name': name, 'center': center, 'neighbors': neighbors})

    for name, dirs in ideal_polyhedra().items():
        d = np.array(dirs)
        add(f'{name}, ideal at the origin', [0, 0, 0], d * 2.0)
        add(f'{name}, ideal, shifted', [1.3, -0.7, 2.1], d * 2.0)
        add(f'{name}, rotated, shifted', rng.uniform(-5, 5, 3), d @ random_rotation(rng).T * 2.1)
        for sigma in (0.05, 0.2):
            noisy = d * rng.uniform(1.8, 2.6, (len(d), 1)) + rng.normal(0, sigma, d.shape)
            add(f'{name}, noise {sigma}', rng.uniform(-5, 5, 3), noisy @ random_rotation(rng).T)
    for n in range(1, 13):
        for trial in range(3):
            v = rng.normal(size=(n, 3))
            v = v / np.linalg.norm(v, axis=1, keepdims=True) * rng.uniform(1.5, 3.2, (n, 1))
            add(f'random, {n} neighbours, #{trial}', rng.uniform(-5, 5, 3), v)
    for g in out:
        g['values'] = evaluate(g['center'], g['neighbors'])
        if 'noise' in g['name'] or 'random' in g['name']:
            continue
        # Exact polyhedra put angles exactly on some thresholds (bcc's sign switch at 90 degrees, the South-pole
        # limits): there pymatgen's own value is decided by rounding. Moving the neighbours by ~1e-14 A shows how
        # far its value moves; the test allows that much (see rounding_spread).
        ties = rounding_spread(rng, g['center'], g['neighbors'], g['values'], evaluate)
        if ties:
            g['ties'] = ties
    return out


def rounding_spread(rng, center, neighbors, exact, evaluate_fn, trials=3):
    """{key: [low, high]} for the values that move by more than 1e-7 when every neighbour moves by ~1e-14 A:
    values decided by rounding at one of pymatgen's thresholds (None where it gives None or a number). 1e-14 A is
    a few ulps of a coordinate: enough to put an exact angle on either side of a threshold, far too little to
    cross pymatgen's 1e-12 test for (anti)parallel bonds, which rounding never crosses either."""
    seen = {k: [v] for k, v in exact.items()}
    for _ in range(trials):
        moved = [[c + rng.normal(0, 1e-14) for c in p] for p in neighbors]
        for k, v in evaluate_fn(center, moved).items():
            seen[k].append(v)
    out = {}
    for k, values in seen.items():
        finite = [v for v in values if v is not None]
        if len(finite) < len(values) and finite:
            out[k] = None  # None (counted as 0 by matminer) or a number, depending on rounding
        elif finite and max(finite) - min(finite) > 1e-7:
            out[k] = [min(finite), max(finite)]
    return out


def evaluate(center, neighbors):
    return {f"{s['cn']}:{s['motif']}": order_parameter(OPS[(s['cn'], s['motif'])], center, neighbors) for s in SPECS}


# ---- (b) crystals ------------------------------------------------------------------------------------------------

def read_rows(path):
    csv.field_size_limit(1 << 30)
    with open(path, newline='') as fh:
        return list(csv.DictReader(fh))


def crystal_nn_data(cnn, structure, i):
    nn = cnn.get_nn_data(structure, i)
    # cn_nninfo[k] is the first k entries of all_nninfo (sorted by weight, highest first); check it.
    all_sites = [e['site'] for e in nn.all_nninfo]
    for cn, info in nn.cn_nninfo.items():
        assert [e['site'] for e in info] == all_sites[:cn]
    return ([float(x) for x in structure[i].coords], [[float(x) for x in s.coords] for s in all_sites],
            {int(k): float(v) for k, v in nn.cn_weights.items()}, [float(e['weight']) for e in nn.all_nninfo])


def site_spread(rng, center, neighbors, weights, nn_weights, fp):
    """Lowest and highest value of each feature over neighbour lists pymatgen could as well have produced:
    coordinates moved by ~1e-14 A (rounding: see rounding_spread), and equally weighted neighbours in another
    order. The order matters to bcc alone: it sums its azimuth terms over pairs j < k with j at the pole."""
    low, high = list(fp), list(fp)
    for _ in range(2):
        moved = [[c + rng.normal(0, 1e-14) for c in p] for p in neighbors]
        for f, v in enumerate(site_fingerprint(center, moved, weights)):
            low[f], high[f] = min(low[f], v), max(high[f], v)
    bcc = LABELS.index('body-centered cubic CN_8')
    if weights.get(8, 0) > 0:
        for _ in range(4):
            order = sorted(range(len(neighbors)), key=lambda i: (-nn_weights[i], rng.random()))
            shuffled = [neighbors[i] for i in order[:8]]
            v = weights[8] * (order_parameter(OPS[(8, 'body-centered cubic')], center, shuffled) or 0)
            low[bcc], high[bcc] = min(low[bcc], v), max(high[bcc], v)
    return low, high


def crystals():
    rng = np.random.default_rng(7)
    cnn = CrystalNN()
    fingerprints, nn_data = [], []
    for rel, dataset, count, with_nn in CRYSTAL_SETS:
        rows = read_rows(os.path.join(DATA, rel))
        step = len(rows) / count
        for k in range(count):
            row = int(k * step)
            structure = Structure.from_str(rows[row]['cif'], fmt='cif')
            sites, low, high = [], [], []
            for i in range(len(structure)):
                center, neighbors, weights, nn_weights = crystal_nn_data(cnn, structure, i)
                fp = site_fingerprint(center, neighbors, weights)
                sites.append({'center': center, 'neighbors': neighbors,
                              'cn_weights': sorted([cn, w] for cn, w in weights.items()), 'fingerprint': fp})
                lo, hi = site_spread(rng, center, neighbors, weights, nn_weights, fp)
                low.append(lo)
                high.append(hi)
            mean = np.mean([s['fingerprint'] for s in sites], axis=0)
            entry = {'dataset': dataset, 'file': rel, 'row': row, 'nsites': len(structure),
                     'fingerprint': [float(x) for x in mean]}
            low, high = np.mean(low, axis=0), np.mean(high, axis=0)
            ties = {str(f): [float(low[f]), float(high[f])] for f in range(len(mean)) if high[f] - low[f] > 1e-7}
            if ties:
                entry['ties'] = ties
            fingerprints.append(entry)
            if k < with_nn:
                for s in sites:
                    s['neighbors'] = s['neighbors'][:max([0] + [cn for cn, w in s['cn_weights'] if cn <= MAX_CN])]
                nn_data.append({'dataset': dataset, 'file': rel, 'row': row, 'sites': sites})
            print(f'{dataset} row {row}: {len(structure)} sites', file=sys.stderr)
    return fingerprints, nn_data


def compact(x):
    """Floats at 12 significant digits (the tests ask for 1e-6; coordinates are kept exact)."""
    if isinstance(x, float):
        return float(f'{x:.12g}')
    if isinstance(x, list):
        return [compact(v) for v in x]
    if isinstance(x, dict):
        return {k: compact(v) for k, v in x.items()}
    return x


def main():
    warnings.filterwarnings('ignore')
    geoms = geometries()
    fps, nn_data = crystals()
    for g in geoms:
        g['values'] = compact(g['values'])
        if 'ties' in g:
            g['ties'] = compact(g['ties'])
    for c in fps:
        c['fingerprint'] = compact(c['fingerprint'])
        if 'ties' in c:
            c['ties'] = compact(c['ties'])
    for c in nn_data:
        for s in c['sites']:
            s['fingerprint'] = compact(s['fingerprint'])
    out = {'pymatgen': pymatgen.core.__version__, 'numpy': np.__version__, 'labels': LABELS, 'specs': SPECS,
           'geometries': geoms, 'crystals': fps, 'nn_data': nn_data}
    with open(OUT, 'w') as fh:
        json.dump(out, fh, separators=(',', ':'))
        fh.write('\n')


if __name__ == '__main__':
    main()
