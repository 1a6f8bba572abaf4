#!/usr/bin/python3
"""Reference timings for bench/ingest.ts: the same work (parse a CIF, expand it to the full cell, detect its
space group at 0.01 Å) done by pymatgen and by gemmi + spglib, on the first N CIFs of each CSV.

Usage: /usr/bin/python3 bench/reference_ingest.py N CSV... ; prints one JSON object per CSV on stdout.
       /usr/bin/python3 bench/reference_ingest.py --only pymatgen|gemmi_spglib N CSV... ; one tool only, for a
       whole-process timing (bench/ingest-process.ts); N = 0 reads every row.
"""
import csv
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
csv.field_size_limit(1 << 30)


def read_cifs(path, n):
    with open(path, newline="") as f:
        rows = csv.DictReader(f)
        return [row["cif"] for i, row in enumerate(rows) if n == 0 or i < n]


def time_pymatgen(cifs):
    from pymatgen.io.cif import CifParser
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    t = time.perf_counter()
    for text in cifs:
        structure = CifParser.from_string(text).get_structures(primitive=False)[0]
        SpacegroupAnalyzer(structure, symprec=0.01).get_space_group_number()
    return time.perf_counter() - t


def time_gemmi_spglib(cifs):
    import gemmi
    import spglib

    t = time.perf_counter()
    for text in cifs:
        small = gemmi.make_small_structure_from_block(gemmi.cif.read_string(text).sole_block())
        sites = small.get_all_unit_cell_sites()
        cell = small.cell
        lattice = [list(row) for row in cell.orth.mat.tolist()]
        lattice = [[lattice[r][c] for r in range(3)] for c in range(3)]  # columns of orth are a, b, c
        positions = [[s.fract.x, s.fract.y, s.fract.z] for s in sites]
        numbers = [s.element.atomic_number for s in sites]
        spglib.get_symmetry_dataset((lattice, positions, numbers), symprec=0.01)
    return time.perf_counter() - t


TOOLS = {"pymatgen": time_pymatgen, "gemmi_spglib": time_gemmi_spglib}


def main():
    args = sys.argv[1:]
    tools = TOOLS
    if args[0] == "--only":
        tools = {args[1]: TOOLS[args[1]]}
        args = args[2:]
    n = int(args[0])
    for path in args[1:]:
        cifs = read_cifs(path, n)
        result = {"file": path, "count": len(cifs)}
        for name, fn in tools.items():
            result[name + "_ms_per_cif"] = 1000 * fn(cifs) / len(cifs)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
