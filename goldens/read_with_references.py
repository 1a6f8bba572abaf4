"""Read CIF files with three reference tools and print, as one JSON object, what each of them makes of them.

Used by src/core/cif/write.interop.test.ts to check that the CIF we write is read the same way by others.

Usage
-----
    /usr/bin/python3 goldens/read_with_references.py PATH [PATH ...]

Each PATH is a CIF file or a directory (its *.cif and *.mcif files, sorted, not recursive). Output on stdout:

    {"<path as given or as found in the directory>": {
        "pymatgen": {"elements": {"Fe": 4, "O": 6}, "nsites": 10, "lattice": [a, b, c, alpha, beta, gamma]},
        "ase":      {...},
        "gemmi":    {...}},
     ...}

or {"error": "<ExceptionClass>: <message>"} in place of a tool's result when that tool fails on the file.

What each tool is asked
-----------------------
  pymatgen 2022.11.7: CifParser(path).get_structures(primitive=False)[0]; elements from
      structure.composition.element_composition (oxidation states dropped), nsites = len(structure).
  ASE 3.22.1: ase.io.read(path, format='cif') (first block, symmetry applied); elements from
      get_chemical_symbols(), nsites = len(atoms), lattice = atoms.cell.cellpar().
  gemmi 0.5.7: gemmi.read_small_structure(path), then get_all_unit_cell_sites(); elements from site.element.name.
      Note: gemmi 0.5.7 builds the unit cell from the Hermann-Mauguin symbol (_symmetry_space_group_name_H-M /
      _space_group_name_H-M_alt) in its standard setting; it does not read the listed symmetry operations.

Amounts are per cell, weighted by occupancy; a count within 1e-6 of an integer is written as an integer.
Lattice values are rounded to 8 decimals. Python warnings are silenced (they go nowhere; errors are values).
"""

import json
import os
import sys
import warnings
from collections import Counter


def err_str(exc):
    return f"{type(exc).__name__}: {str(exc)[:300]}"


def amount(x):
    r = round(x)
    return int(r) if abs(x - r) < 1e-6 else round(float(x), 6)


def lattice6(values):
    return [round(float(v), 8) for v in values]


def with_pymatgen(path):
    from pymatgen.io.cif import CifParser

    s = CifParser(path).get_structures(primitive=False)[0]
    lat = s.lattice
    elements = {el.symbol: amount(n) for el, n in s.composition.element_composition.items()}
    return {"elements": elements, "nsites": len(s), "lattice": lattice6([lat.a, lat.b, lat.c, lat.alpha, lat.beta, lat.gamma])}


def with_ase(path):
    import ase.io

    atoms = ase.io.read(path, format="cif")
    counts = Counter(atoms.get_chemical_symbols())
    # ASE 3.22 keeps occupancies in atoms.info['occupancy']: {str(tag): {symbol: occupancy}}, where an atom's tag is
    # the index of the asymmetric-unit site it came from. Weight by them ('?' or anything unreadable counts as 1).
    occupancy = atoms.info.get("occupancy")
    if occupancy:
        weighted = Counter()
        for sym, tag in zip(atoms.get_chemical_symbols(), atoms.get_tags()):
            try:
                occ = float(occupancy.get(str(tag), {}).get(sym, 1.0))
            except (TypeError, ValueError):
                occ = 1.0
            weighted[sym] += occ
        counts = weighted
    return {
        "elements": {el: amount(n) for el, n in counts.items()},
        "nsites": len(atoms),
        "lattice": lattice6(atoms.cell.cellpar()),
    }


def with_gemmi(path):
    import gemmi

    st = gemmi.read_small_structure(path)
    sites = st.get_all_unit_cell_sites()
    counts = Counter()
    for site in sites:
        counts[site.element.name] += site.occ
    c = st.cell
    return {
        "elements": {el: amount(n) for el, n in counts.items()},
        "nsites": len(sites),
        "lattice": lattice6([c.a, c.b, c.c, c.alpha, c.beta, c.gamma]),
    }


TOOLS = {"pymatgen": with_pymatgen, "ase": with_ase, "gemmi": with_gemmi}


def paths_from(args):
    for arg in args:
        if os.path.isdir(arg):
            for name in sorted(os.listdir(arg)):
                if name.lower().endswith((".cif", ".mcif")):
                    yield os.path.join(arg, name)
        else:
            yield arg


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = {}
    for path in paths_from(sys.argv[1:]):
        result = {}
        for name, read in TOOLS.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    result[name] = read(path)
                except Exception as exc:  # noqa: BLE001 -- one tool failing on one file is a value, not a crash
                    result[name] = {"error": err_str(exc)}
        out[path] = result
    json.dump(out, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
