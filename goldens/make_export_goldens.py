"""Generate goldens/structure-files.json: the 3-D view's downloads (CIF, POSCAR, extended XYZ) read back by
pymatgen and ASE, for src/core/export/poscar.ts, extxyz.ts and structure-file.ts.

Run from the repository root with /usr/bin/python3 (Debian's pymatgen 2022.11.7, ASE 3.22.1), after `npm ci`:

    /usr/bin/python3 goldens/make_export_goldens.py

For each case of ../shared/data/cif-corpus:

* the reference: pymatgen's CifParser(primitive=False) reading of the CIF (lattice parameters, species and
  fractional coordinates in its site order), and what pymatgen (Poscar.get_string) and ASE (ase.io.write extxyz,
  through AseAtomsAdaptor) themselves write for it: the unit test compares our files with these, number by number;
* our files, written by `crystens convert --format cif|poscar|extxyz` (the same writers as the studio's downloads),
  read back by pymatgen (CIF, POSCAR) and ASE (CIF, POSCAR, extended XYZ) and compared here with the reference:
  the same lattice (1e-6 A, 1e-6 deg), the same species and every site matched to one of the reference's by species
  and periodic distance (below 1e-5 A; the corpus gives coordinates to 4-6 digits and both sides read the same
  ones). A disagreement stops the script. The SHA-256 of each file read back is recorded: the unit test writes the
  files again and fails when they differ, so the verdicts here stay those of the writers in the tree.

A disordered case (partial occupancies) records that pymatgen's Poscar refuses it, as our writers do.
"""

import hashlib
import io
import json
import os
import subprocess
import tempfile
import warnings

import ase.io
import numpy as np
from pymatgen.core import Lattice
from pymatgen.io.ase import AseAtomsAdaptor
from pymatgen.io.cif import CifParser
from pymatgen.io.vasp import Poscar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, '..', 'shared', 'data', 'cif-corpus')
OUT = os.path.join(ROOT, 'goldens', 'structure-files.json')

# Cubic, orthorhombic (28 sites, four elements), triclinic, hexagonal, trigonal (in its hexagonal cell).
ORDERED = ['pymatgen__Li2O.cif', 'pymatgen__LiFePO4.cif', 'gemmi__2242624.cif', 'pymatgen__Graphite.cif', 'pymatgen__V2O3.cif']
DISORDERED = 'pymatgen__PF_sd_1615854.cif'
FORMATS = {'cif': 'cif', 'poscar': 'vasp', 'extxyz': 'extxyz'}
LENGTH_TOL = 1e-6
ANGLE_TOL = 1e-6
SITE_TOL = 1e-5


def read_reference(name):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return CifParser(os.path.join(CORPUS, name)).get_structures(primitive=False)[0]


def write_ours(names, fmt, folder):
    """Our files for the cases, by the CLI; returns {case name: path}."""
    out = os.path.join(folder, fmt)
    # Run in the corpus folder with bare names: a file's source (written into it) is then its name, as the test's.
    run = subprocess.run(
        ['node', os.path.join(ROOT, 'bin', 'crystens.mjs'), 'convert', *names, '--out', out, '--format', fmt],
        check=True, capture_output=True, text=True, cwd=CORPUS)
    summary = json.loads(run.stdout)
    # The first data block of each file, as read_reference and the test take it.
    paths, failed = {}, {}
    for w in summary['written']:
        paths.setdefault(w['source'].split('#')[0], w['file'])
    for f in summary['failed']:
        failed.setdefault(f['source'].split('#')[0], f['error'])
    return paths, failed


def read_back(tool, fmt, path):
    """(lattice parameters, species, fractional coordinates) as `tool` reads our file."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        if tool == 'pymatgen':
            if fmt == 'cif':
                s = CifParser(path).get_structures(primitive=False)[0]
            else:
                s = Poscar.from_file(path, check_for_POTCAR=False).structure
            return list(s.lattice.abc) + list(s.lattice.angles), [sp.symbol for sp in s.species], s.frac_coords
        atoms = ase.io.read(path, format={'cif': 'cif', 'poscar': 'vasp', 'extxyz': 'extxyz'}[fmt])
        if fmt == 'extxyz' and not all(atoms.pbc):
            raise SystemExit(f'{path}: ASE reads pbc {atoms.pbc}, not periodic')
        return list(atoms.cell.cellpar()), atoms.get_chemical_symbols(), atoms.get_scaled_positions(wrap=False)


def compare(reference, parameters, species, frac, what):
    ref_par = list(reference.lattice.abc) + list(reference.lattice.angles)
    for i, (x, y) in enumerate(zip(ref_par, parameters)):
        if abs(x - y) > (LENGTH_TOL if i < 3 else ANGLE_TOL):
            raise SystemExit(f'{what}: lattice parameter {i} reads {y}, the reference has {x}')
    ref_species = [sp.symbol for sp in reference.species]
    if sorted(ref_species) != sorted(species):
        raise SystemExit(f'{what}: species {sorted(species)} differ from the reference {sorted(ref_species)}')
    lattice = Lattice.from_parameters(*parameters)
    unmatched = set(range(len(ref_species)))
    worst = 0.0
    for el, f in zip(species, frac):
        best, best_d = None, np.inf
        for j in unmatched:
            if ref_species[j] != el:
                continue
            d = lattice.get_distance_and_image(f, reference.frac_coords[j])[0]
            if d < best_d:
                best, best_d = j, d
        if best is None or best_d > SITE_TOL:
            raise SystemExit(f'{what}: a {el} at {list(f)} has no reference site within {SITE_TOL} A ({best_d})')
        unmatched.discard(best)
        worst = max(worst, best_d)
    return worst


def case(name, ours, folder):
    reference = read_reference(name)
    adaptor_atoms = AseAtomsAdaptor.get_atoms(reference)
    ase_text = io.StringIO()
    ase.io.write(ase_text, adaptor_atoms, format='extxyz')
    result = {
        'file': name,
        'reference': {
            'parameters': [round(float(x), 10) for x in (*reference.lattice.abc, *reference.lattice.angles)],
            'species': [sp.symbol for sp in reference.species],
            'frac': [round(float(x), 12) for x in reference.frac_coords.flatten()],
        },
        'pymatgenPoscar': Poscar(reference).get_string(),
        'aseExtxyz': ase_text.getvalue(),
        'ours': {},
    }
    for fmt in FORMATS:
        path = ours[fmt][name]
        with open(path, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        tools = ['pymatgen', 'ase'] if fmt != 'extxyz' else ['ase']
        worst = {tool: compare(reference, *read_back(tool, fmt, path), f'{name} {fmt} read by {tool}') for tool in tools}
        result['ours'][fmt] = {'sha256': digest, 'readBy': tools, 'largestSiteError': {t: float(f'{w:.3g}') for t, w in worst.items()}}
    return result


def main():
    with tempfile.TemporaryDirectory() as folder:
        ours, refused = {}, {}
        for fmt in FORMATS:
            ours[fmt], refused[fmt] = write_ours([*ORDERED, DISORDERED], fmt, folder)
        cases = [case(name, ours, folder) for name in ORDERED]
    disordered = read_reference(DISORDERED)
    try:
        Poscar(disordered).get_string()
        raise SystemExit(f'{DISORDERED}: pymatgen wrote a POSCAR of a disordered structure')
    except ValueError as error:
        pymatgen_refusal = str(error)
    for fmt in ('poscar', 'extxyz'):
        if DISORDERED not in refused[fmt]:
            raise SystemExit(f'{DISORDERED}: our {fmt} writer did not refuse it')
    golden = {
        'tools': 'pymatgen 2022.11.7 (CifParser, Poscar), ASE 3.22.1 (ase.io cif, vasp, extxyz)',
        'cases': cases,
        'disordered': {'file': DISORDERED, 'pymatgenPoscar': pymatgen_refusal, 'ours': {f: refused[f][DISORDERED] for f in ('poscar', 'extxyz')}},
    }
    with open(OUT, 'w') as f:
        json.dump(golden, f, indent=1)
        f.write('\n')
    for c in cases:
        print(c['file'], {fmt: o['largestSiteError'] for fmt, o in c['ours'].items()})
    print(DISORDERED, 'refused:', golden['disordered'])


if __name__ == '__main__':
    main()
