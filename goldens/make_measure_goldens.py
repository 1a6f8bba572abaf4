"""Generate goldens/measure-pymatgen.json: distances and angles between periodic images with pymatgen, for
src/core/measure.ts (the 3-D view's measurements) and the shortest distance of src/core/pbc.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen 2022.11.7):

    /usr/bin/python3 goldens/make_measure_goldens.py

Two crystals of ../shared/data/cif-corpus read by CifParser(primitive=False): LiFePO4 (orthorhombic) and gemmi
2242624 in a skewed triclinic basis (a, 4a + b, 3a - 3b + c, as make_neighbour_goldens.py: gamma = 19.7 deg),
where the nearest image is often not in the 27 cells around. For 60 seeded triples of sites (i, j, k) with seeded
images in -1..1 each, pymatgen's Structure.get_distance(i, j, jimage) (the image given) and get_distance(i, j)
(the nearest image), and the angle at j: pymatgen.util.coord.get_angle of the Cartesian vectors from site j's image
to those of i and k, which is Structure.get_angle(i, j, k) when every image is 0 (included as such).
"""

import json
import os
import warnings

import numpy as np
from pymatgen.io.cif import CifParser
from pymatgen.util.coord import get_angle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, '..', 'shared', 'data', 'cif-corpus')
OUT = os.path.join(ROOT, 'goldens', 'measure-pymatgen.json')
CASES = [('pymatgen__LiFePO4.cif', None), ('gemmi__2242624.cif', [[1, 0, 0], [4, 1, 0], [3, -3, 1]])]
TRIPLES = 60


def case(name, basis, rng):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        structure = CifParser(os.path.join(CORPUS, name)).get_structures(primitive=False)[0]
    if basis is not None:
        structure.make_supercell(basis)
    n = len(structure)
    lattice = structure.lattice
    measures = []
    for t in range(TRIPLES):
        i, j, k = (int(x) for x in rng.choice(n, 3, replace=n < 3))
        # The first ten with every image 0, where Structure.get_angle applies as it is.
        images = np.zeros((3, 3), dtype=int) if t < 10 else rng.integers(-1, 2, size=(3, 3))
        at = [lattice.get_cartesian_coords(structure[s].frac_coords + images[m]) for m, s in enumerate((i, j, k))]
        angle = get_angle(at[0] - at[1], at[2] - at[1], units='degrees')
        if t < 10 and abs(angle - structure.get_angle(i, j, k)) > 1e-9:
            raise SystemExit(f'{name}: get_angle({i}, {j}, {k}) disagrees with the vectors')
        measures.append({
            'sites': [i, j, k],
            'images': images.tolist(),
            # Site i at its image to site j at its: get_distance measures from site i as stored, so shift by i's.
            'distance': round(float(structure.get_distance(i, j, jimage=images[1] - images[0])), 10),
            'shortest': round(float(structure.get_distance(i, j)), 10),
            'angle': round(float(angle), 9),
        })
    return {
        'file': name,
        'basis': basis,
        'matrix': [round(float(x), 12) for x in lattice.matrix.flatten()],
        'frac': [round(float(x), 12) for x in structure.frac_coords.flatten()],
        'measures': measures,
    }


def main():
    rng = np.random.default_rng(13)
    cases = [case(name, basis, rng) for name, basis in CASES]
    with open(OUT, 'w') as f:
        json.dump({'tool': 'pymatgen 2022.11.7 Structure.get_distance, get_angle; pymatgen.util.coord.get_angle', 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    for c in cases:
        print(c['file'], c['basis'] or '', len(c['measures']), 'triples')


if __name__ == '__main__':
    main()
