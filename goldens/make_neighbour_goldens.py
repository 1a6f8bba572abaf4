"""Generate goldens/neighbours-pymatgen.json: pymatgen's periodic neighbour list, for src/core/neighbours.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen 2022.11.7):

    /usr/bin/python3 goldens/make_neighbour_goldens.py

For a few CIFs of ../shared/data/cif-corpus, read by pymatgen's CifParser (primitive=False), the structure as
pymatgen holds it (lattice matrix, fractional coordinates in site order) and Structure.get_neighbor_list(r): every
(centre, neighbour, image, distance) with the neighbour's image within r of the centre, a site's own position
left out. The test rebuilds the list from the same lattice and coordinates, so it checks the neighbour search alone,
not the CIF reader. The cases:

* LiFePO4: orthorhombic, 28 sites, r = 3 A (the common case: bins of about one cutoff).
* LiFePO4 again in a skewed triclinic basis (rows a, 2a + b, a - b + c: gamma = 16 deg), r = 3 A.
* gemmi 2242624: triclinic, 5 sites in a 2.45 x 3.47 x 3.51 A cell, r = 6 A (the cutoff spans several cells).
* gemmi 2242624 in a skewed basis (a, 4a + b, 3a - 3b + c: gamma = 19.7 deg, beta = 61.7 deg), r = 4 A, where
  neighbours lie several cells away along the short axes.
* PF_sd_1615854: triclinic with mixed-occupancy sites, r = 3 A.

A skewed basis is the same crystal in another cell (an integer matrix of determinant 1, pymatgen's make_supercell),
so the search meets images far outside the 27 nearest cells. (pymatgen's own bad_superflat_inf_loop.cif is no
case: its cell has no volume and pymatgen's neighbour search never returns on it.)

Pairs are sorted (centre, neighbour, image) so that the output is deterministic. No distance lies within 1e-6 A of
its cutoff (checked here), so an inclusive or exclusive cutoff gives the same list.
"""

import json
import os
import warnings

import numpy as np
from pymatgen.io.cif import CifParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, '..', 'shared', 'data', 'cif-corpus')
OUT = os.path.join(ROOT, 'goldens', 'neighbours-pymatgen.json')

CASES = [
    ('pymatgen__LiFePO4.cif', None, 3.0),
    ('pymatgen__LiFePO4.cif', [[1, 0, 0], [2, 1, 0], [1, -1, 1]], 3.0),
    ('gemmi__2242624.cif', None, 6.0),
    ('gemmi__2242624.cif', [[1, 0, 0], [4, 1, 0], [3, -3, 1]], 4.0),
    ('pymatgen__PF_sd_1615854.cif', None, 3.0),
]


def case(name, basis, r):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        structure = CifParser(os.path.join(CORPUS, name)).get_structures(primitive=False)[0]
    if basis is not None:
        structure.make_supercell(basis)
    centre, neighbour, image, distance = structure.get_neighbor_list(r)
    near_cutoff = np.abs(distance - r) < 1e-6
    if near_cutoff.any():
        raise SystemExit(f'{name}: a distance lies within 1e-6 A of the cutoff {r}; choose another')
    image = image.astype(int)
    order = np.lexsort((image[:, 2], image[:, 1], image[:, 0], neighbour, centre))
    lat = structure.lattice
    return {
        'file': name,
        'basis': basis,
        'cutoff': r,
        'parameters': [round(float(x), 10) for x in (*lat.abc, *lat.angles)],
        'matrix': [round(float(x), 12) for x in lat.matrix.flatten()],
        'frac': [round(float(x), 12) for x in structure.frac_coords.flatten()],
        'pairs': {
            'centre': [int(x) for x in centre[order]],
            'neighbour': [int(x) for x in neighbour[order]],
            'image': [int(x) for x in image[order].flatten()],
            'distance': [round(float(x), 10) for x in distance[order]],
        },
    }


def main():
    cases = [case(*c) for c in CASES]
    with open(OUT, 'w') as f:
        json.dump({'tool': 'pymatgen 2022.11.7 Structure.get_neighbor_list', 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    for c in cases:
        print(f"{c['file']} {c['basis'] or ''}: {len(c['frac']) // 3} sites, r = {c['cutoff']} A, {len(c['pairs']['centre'])} pairs")


if __name__ == '__main__':
    main()
