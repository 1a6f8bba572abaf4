"""Generate goldens/formulas-pymatgen.json: chemists' formulas of compositions, for src/core/formula.ts.

Run from the repository root:  /usr/bin/python3 goldens/make_formula_goldens.py
(pymatgen 2022.11.7 and ASE 3.22.1, as installed for /usr/bin/python3; under a second).

Compositions (element -> amount per cell):
  * corpus: every block pymatgen reads in goldens/cif-corpus-pymatgen.json (made by make_cif_goldens.py from the
    CIF corpus), its species amounts summed per element (charges stripped), as recorded there (6 decimals);
  * perov_5: the first 60 rows of ../shared/data/cdvae/perov_5/val.csv, read with pymatgen's CifParser;
  * cases: a few hand-written compositions for pymatgen's special rules (polyanions in brackets, O2, Li2O2, H2,
    fractional amounts, near-integer amounts, no electronegativity, carbon with hydrogen).
Each distinct composition is recorded once, with where it first came from.

Per composition:
  formula          pymatgen Composition.formula: electronegativity order, every amount written ("Na4 Cl4")
  reduced_formula  pymatgen Composition.reduced_formula ("NaCl", "Ca3(PO4)2", "O2", "Li2O2")
  factor           formula units per cell (get_reduced_formula_and_factor()[1])
  hill_order       the elements in Hill order (C, then H, then the rest alphabetically; without carbon all
                   alphabetically). Each tool gets half of it right, so each is asked only about its half: with
                   carbon, ASE's Formula(...).format("hill") (pymatgen 2022.11.7's hill_formula does not put H second:
                   "C Cl H3" for CH3Cl); without carbon, pymatgen's hill_formula (ASE puts H first: "HAl").
  hill_reduced     the amounts of ASE's Formula.reduce() written in hill_order with ones left out ("ClNa"); null when
                   an amount is not an integer (ASE's formulas hold integers only).

Elements without an electronegativity (pymatgen: NaN, with a warning; He, Ne, Ar and Z >= 104) make pymatgen's
sort depend on the order the composition was built in ({'Ar': 1, 'F': 2} gives "ArF2", {'F': 2, 'Ar': 1} "F2Ar").
Every composition is therefore built with those elements first, then the rest by symbol; pymatgen then writes them
first, as chemists write ArF2 and HArF's noble gas, and formula.ts puts them first too.
"""

import csv
import json
import math
import os
import re
import sys
import warnings

from ase.formula import Formula
from pymatgen.core import Composition, Element
from pymatgen.io.cif import CifParser

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS_GOLDENS = os.path.join(REPO, "goldens", "cif-corpus-pymatgen.json")
PEROV = os.path.join(REPO, "..", "shared", "data", "cdvae", "perov_5", "val.csv")
PEROV_ROWS = 60
OUT = os.path.join(REPO, "goldens", "formulas-pymatgen.json")

CASES = [
    {"Na": 4, "Cl": 4},
    {"Ca": 3, "P": 2, "O": 8},
    {"Ca": 6, "P": 4, "O": 16},
    {"Li": 4, "Fe": 4, "P": 4, "O": 16},
    {"O": 2},
    {"O": 8},
    {"Li": 2, "O": 2},
    {"H": 2},
    {"Cl": 4},
    {"H": 2, "O": 1},
    {"C": 1, "H": 4},
    {"C": 2, "H": 6, "Cl": 2, "O": 4},
    {"Fe": 0.5, "Co": 0.5, "O": 1},
    {"Fe": 3.9999999999, "O": 6},
    {"Fe": 2.6666666667, "O": 4},
    {"Ar": 1, "F": 2},
    {"He": 1, "Na": 2, "Cl": 2},
    {"Xe": 1, "F": 2},
    {"Si": 4, "O": 8, "H": 1},
    {"Ba": 2, "Ti": 2, "O": 6},
]


def electronegativity(symbol):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "No electronegativity for He. Setting to NaN."
        return float(Element(symbol).X)


def canonical(amounts):
    """The composition in the order it is built in: elements without electronegativity first, then by symbol."""
    return dict(sorted(amounts.items(), key=lambda kv: (not math.isnan(electronegativity(kv[0])), kv[0])))


def element_of(species):
    return re.match(r"[A-Z][a-z]?", species).group(0)


def hill_symbols(amounts):
    if "C" in amounts:
        text = Formula.from_dict({el: 1 for el in amounts}).format("hill")
    else:
        text = Composition({el: 1 for el in amounts}).hill_formula
    return re.findall(r"[A-Z][a-z]?", text)


def hill_reduced(amounts, order):
    counts = Formula.from_dict({el: int(v) for el, v in amounts.items()}).reduce()[0].count()
    return "".join(f"{el}{counts[el] if counts[el] != 1 else ''}" for el in order)


def record(amounts, origin):
    amounts = canonical(amounts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comp = Composition(amounts)
        reduced, factor = comp.get_reduced_formula_and_factor()
        integral = all(float(v).is_integer() for v in amounts.values())
        order = hill_symbols(amounts)
        return {
            "origin": origin,
            "composition": amounts,
            "formula": comp.formula,
            "reduced_formula": reduced,
            "factor": float(factor),
            "hill_order": order,
            "hill_reduced": hill_reduced(amounts, order) if integral else None,
        }


def corpus_compositions():
    with open(CORPUS_GOLDENS, encoding="utf-8") as f:
        goldens = json.load(f)
    for file in sorted(goldens["files"]):
        for block in goldens["files"][file]["blocks"]:
            if not block.get("ok"):
                continue
            amounts = {}
            for species, amount in block["composition"].items():
                el = element_of(species)
                amounts[el] = round(amounts.get(el, 0) + amount, 6)
            yield amounts, f"{file}#{block['block']}"


def perov_compositions():
    with open(PEROV, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i == PEROV_ROWS:
                break
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                structure = CifParser.from_string(row["cif"]).get_structures(primitive=False)[0]
            yield dict(structure.composition.get_el_amt_dict()), f"perov_5/val.csv#{row['material_id']}"


def main():
    seen = set()
    rows = []
    sources = [
        ((c, f"case {i + 1}") for i, c in enumerate(CASES)),
        corpus_compositions(),
        perov_compositions(),
    ]
    for source in sources:
        for amounts, origin in source:
            key = tuple(sorted(amounts.items()))
            if key in seen:
                continue
            seen.add(key)
            rows.append(record(amounts, origin))
    out = {
        "tool": "pymatgen 2022.11.7 Composition (formula, get_reduced_formula_and_factor); ASE 3.22.1 Formula (Hill)",
        "compositions": rows,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT} ({len(rows)} compositions)", file=sys.stderr)


if __name__ == "__main__":
    main()
