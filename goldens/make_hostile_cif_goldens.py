"""Generate goldens/hostile-cif.json: what pymatgen and gemmi make of hostile or careless CIF values.

Each case is one small P1 CIF (a cube of 5 Å holding Na at the origin and one more site at (1/2, 1/2, 1/2)) in
which one value is replaced:
  type_symbols: the second site's _atom_site_type_symbol (its label stays 'S1');
  cells:        one cell parameter, or the second site's fract_x.
Recorded per case:
  pymatgen: CifParser.from_string(text).get_structures(primitive=False)[0]:
            ok -> "species": the species string of every site in order (e.g. ["Na", "U"], "D0+" for a dummy
                  species; a site pymatgen dropped is absent), "lattice" [a, b, c] rounded to 6 significant digits ("inf" where infinite);
            else "error": "<ExceptionClass>: <message, first 120 chars>".
            "warnings": pymatgen's warnings containing "parsed as" (how it re-read a symbol), deduplicated.
  gemmi:    gemmi.make_small_structure_from_block(doc[0]): per site [element name, charge] ('X' = unknown
            element), or "error".
The TypeScript test (src/core/cif/read.hostile.test.ts) compares the reader with both and lists where it
differs on purpose, failing when a listed difference no longer holds.

Usage: /usr/bin/python3 goldens/make_hostile_cif_goldens.py   (pymatgen 2022.11.7, gemmi 0.5.7; about 2 s)
"""

import json
import os
import warnings

import gemmi
import pymatgen.core
from pymatgen.io.cif import CifParser

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "goldens", "hostile-cif.json")

TEMPLATE = """data_case
_cell_length_a {a}
_cell_length_b 5
_cell_length_c 5
_cell_angle_alpha {alpha}
_cell_angle_beta {beta}
_cell_angle_gamma {gamma}
_symmetry_space_group_name_H-M 'P 1'
loop_
_symmetry_equiv_pos_as_xyz
'x, y, z'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Na1 Na 0 0 0
S1 '{symbol}' {x} 0.5 0.5
"""

DEFAULTS = {"a": "5", "alpha": "90", "beta": "90", "gamma": "90", "symbol": "S", "x": "0.5"}

TYPE_SYMBOLS = [
    "Fe", "Fe2+", "O2-", "O-2", "Fe+3", "Mn2.5+", "Na0", "C0+", "CA", "fe", "Og",
    "D", "T", "Hw", "Ow", "Wat", "OH", "OH2", "NH3",
    "Uuo", "UUO", "<img/src=x onerror=alert(1)>", "Xx", "X", "Q1", "C1A",
]

CELLS = {
    "length_a 1e-300": {"a": "1e-300"},
    "length_a 0.05": {"a": "0.05"},
    "length_a 1e30": {"a": "1e30"},
    "length_a 1e308": {"a": "1e308"},
    "length_a 2000": {"a": "2000"},
    "angle_alpha 200": {"alpha": "200"},
    "angles 10 10 170": {"alpha": "10", "beta": "10", "gamma": "170"},
    "fract_x 1e308": {"x": "1e308"},
    "fract_x 1e400": {"x": "1e400"},
}


def sig(x):
    """6 significant digits; a non-finite length as a string, which JSON can hold."""
    return float(f"{x:.6g}") if abs(x) != float("inf") else str(x)


def pymatgen_reading(text):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            s = CifParser.from_string(text).get_structures(primitive=False)[0]
            out = {"species": [str(site.species.elements[0]) for site in s], "lattice": [sig(s.lattice.a), sig(s.lattice.b), sig(s.lattice.c)]}
        except Exception as e:  # noqa: BLE001 - every failure is a recorded outcome
            out = {"error": f"{type(e).__name__}: {str(e)[:120]}"}
    seen = []
    for w in caught:
        m = str(w.message)
        if "parsed as" in m and m not in seen:
            seen.append(m)
    out["warnings"] = seen
    return out


def gemmi_reading(text):
    try:
        small = gemmi.make_small_structure_from_block(gemmi.cif.read_string(text)[0])
        return {"sites": [[site.element.name, site.charge] for site in small.sites]}
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {str(e)[:120]}"}


def case(**changes):
    text = TEMPLATE.format(**{**DEFAULTS, **changes})
    return {"cif": text, "pymatgen": pymatgen_reading(text), "gemmi": gemmi_reading(text)}


def main():
    out = {
        "tools": f"pymatgen {pymatgen.core.__version__}, gemmi {gemmi.__version__}",
        "type_symbols": {sym: case(symbol=sym) for sym in TYPE_SYMBOLS},
        "cells": {name: case(**changes) for name, changes in CELLS.items()},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
