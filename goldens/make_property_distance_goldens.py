"""Generate goldens/property-distances.json: pymatgen's density, element and site counts of real crystals and
scipy's 1-Wasserstein distances between sets of them, for src/core/metrics/property-distances.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen and scipy):

    /usr/bin/python3 goldens/make_property_distance_goldens.py

Rows: the first 120 of perov_5 test, 40 of carbon_24 test and 120 of mp_40 test, read by pymatgen
(Structure.from_str). For each: Structure.density (g/cm^3), len(set(structure.species)) and len(structure), as
CDVAE's get_density_wdist and get_num_elem_wdist read them. Comparisons: scipy.stats.wasserstein_distance between
two groups of those rows, per property. Also pymatgen's atomic masses (Element.atomic_mass, Z = 1..118), to check
the studio's element table against them.
"""

import csv
import json
import os
import sys
import warnings

from pymatgen.core import Element, Structure
from scipy.stats import wasserstein_distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data')
OUT = os.path.join(ROOT, 'goldens', 'property-distances.json')
SOURCES = [('perov_5', 'cdvae/perov_5/test.csv', 120), ('carbon_24', 'cdvae/carbon_24/test.csv', 40),
           ('mp_40', 'chemeleon_mp_40/test.csv', 120)]
COMPARISONS = [  # (name, real rows, generated rows) as (set, first, end) ranges
    ('perov_5 halves', [('perov_5', 0, 80)], [('perov_5', 80, 120)]),
    ('mp_40 against perov_5 and carbon_24', [('mp_40', 0, 120)], [('perov_5', 0, 60), ('carbon_24', 0, 40)]),
    ('carbon_24 against mp_40', [('carbon_24', 0, 40)], [('mp_40', 60, 120)]),
]


def main():
    warnings.simplefilter('ignore')  # pymatgen notes coordinates it rounds
    csv.field_size_limit(sys.maxsize)
    rows = {}
    for name, path, count in SOURCES:
        with open(os.path.join(DATA, path), newline='') as f:
            reader = csv.DictReader(f)
            structures = [Structure.from_str(next(reader)['cif'], fmt='cif') for _ in range(count)]
        rows[name] = [{'density': float(s.density), 'elements': len(set(s.species)), 'atoms': len(s)} for s in structures]

    def pick(ranges, prop):
        return [r[prop] for name, a, b in ranges for r in rows[name][a:b]]

    comparisons = [{'name': n, 'real': real, 'generated': gen,
                    **{p: float(wasserstein_distance(pick(real, p), pick(gen, p))) for p in ('density', 'elements', 'atoms')}}
                   for n, real, gen in COMPARISONS]
    masses = [float(Element.from_Z(z).atomic_mass) for z in range(1, 119)]
    with open(OUT, 'w') as f:
        json.dump({'rows': rows, 'comparisons': comparisons, 'pymatgen_masses': masses}, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
