"""Generate src/core/elements/elements.json, the element data table of CrysTens Studio.

Run from anywhere:  /usr/bin/python3 goldens/make_elements.py
(needs pymatgen 2022.11.7 and ASE 3.22.1, as installed for /usr/bin/python3).

Output: a JSON array of exactly 118 objects in Z order (Z = 1 .. 118), one element per line:
    {"Z": 26, "symbol": "Fe", "name": "Iron", "mass": 55.845, "covalentRadius": 1.32,
     "colorVesta": "#b57100", "colorJmol": "#e06633", "oxidationStates": [2, 3], "electronegativity": 1.83}

Sources (values are read from the installed packages at run time; nothing is hand-typed except
the one override listed below):
  * symbol, name, mass, oxidationStates: pymatgen.core.periodic_table.Element
    (`symbol`, `long_name`, `atomic_mass` rounded to 4 decimals, `common_oxidation_states`;
    an empty list where pymatgen lists none).  pymatgen is MIT-licensed.
  * covalentRadius (Angstrom): ase.data.covalent_radii, which are the values of
    B. Cordero et al., "Covalent radii revisited", Dalton Trans. 2008, 2832-2838
    (for C the sp3 value 0.76; for Mn, Fe, Co the low-spin values).  ASE is LGPL-licensed.
  * electronegativity: pymatgen `Element.X` (Pauling), which orders the elements of pymatgen's formulas;
    null where pymatgen has none (it warns and uses NaN).
  * colorVesta, colorJmol: pymatgen/vis/ElementColorSchemes.yaml, keys "VESTA" and "Jmol",
    RGB 0-255 written as lowercase "#rrggbb".

Known gaps and fixes (the script asserts these lists, so they stay true):
  * Covalent radius placeholders: ASE stores 0.2 A (not a measured radius) for
    Z = 97..118 (Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og).
    The value 0.2 is kept as-is; consumers must not treat it as physical.
  * Missing from both colour schemes, given "#808080" for VESTA and Jmol:
    Z = 110..118 (Ds Rg Cn Nh Fl Mc Lv Ts Og).
  * No common oxidation states in pymatgen (empty list):
    He Ne Ar Kr Xe Rn and Z = 104..118 (Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og).
  * No electronegativity in pymatgen (null): He Ne Ar and Z = 104..118.
  * Mass override: pymatgen 2022.11.7 gives Og (Z = 118) an atomic mass of 2949.0, a
    typo in its periodic_table.json; it is replaced by 294.0 (mass number of the
    longest-lived known isotope, the same convention pymatgen uses for Ts = 294.0 and
    Lv = 293.0; ASE 3.22.1 has 294.214).
  * Masses of radioactive elements (e.g. Tc 98.0, Pm 145.0, Z >= 84 mostly) are pymatgen's
    integer mass numbers, not standard atomic weights.
"""

import json
import math
import os
import sys
import warnings

import yaml
from ase.data import chemical_symbols, covalent_radii
from pymatgen.core.periodic_table import Element
import pymatgen.vis

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "src", "core", "elements", "elements.json")

PLACEHOLDER_RADIUS_Z = list(range(97, 119))
MISSING_COLOUR_Z = list(range(110, 119))
NO_X_SYMBOLS = ["He", "Ne", "Ar"] + [chemical_symbols[z] for z in range(104, 119)]
NO_OXI_SYMBOLS = ["He", "Ne", "Ar", "Kr", "Xe", "Rn"] + [chemical_symbols[z] for z in range(104, 119)]
MASS_OVERRIDES = {118: (2949.0, 294.0)}  # Z: (bad pymatgen value, replacement)
GREY = "#808080"


def hex_colour(rgb):
    assert len(rgb) == 3 and all(isinstance(v, int) and 0 <= v <= 255 for v in rgb), rgb
    return "#" + "".join(f"{v:02x}" for v in rgb)


def main():
    yaml_path = os.path.join(os.path.dirname(pymatgen.vis.__file__), "ElementColorSchemes.yaml")
    with open(yaml_path) as f:
        schemes = yaml.safe_load(f)
    vesta, jmol = schemes["VESTA"], schemes["Jmol"]

    rows, placeholders, missing_colour, no_oxi, no_x = [], [], [], [], []
    for z in range(1, 119):
        el = Element.from_Z(z)
        sym = el.symbol
        assert sym == chemical_symbols[z], (z, sym, chemical_symbols[z])
        mass = float(el.atomic_mass)
        if z in MASS_OVERRIDES:
            bad, good = MASS_OVERRIDES[z]
            assert mass == bad, f"pymatgen mass for Z={z} changed ({mass}); review the override"
            mass = good
        radius = float(covalent_radii[z])
        if radius == 0.2:
            placeholders.append(z)
        if sym not in vesta or sym not in jmol:
            missing_colour.append(z)
        oxi = [int(o) for o in el.common_oxidation_states]
        if not oxi:
            no_oxi.append(sym)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "No electronegativity for He. Setting to NaN."
            x = float(el.X)
        if math.isnan(x):
            no_x.append(sym)
        rows.append(
            {
                "Z": z,
                "symbol": sym,
                "name": el.long_name,
                "mass": round(mass, 4),
                "covalentRadius": round(radius, 4),
                "colorVesta": hex_colour(vesta[sym]) if sym in vesta else GREY,
                "colorJmol": hex_colour(jmol[sym]) if sym in jmol else GREY,
                "oxidationStates": oxi,
                "electronegativity": None if math.isnan(x) else x,
            }
        )

    # Keep the docstring honest.
    assert placeholders == PLACEHOLDER_RADIUS_Z, placeholders
    assert missing_colour == MISSING_COLOUR_Z, missing_colour
    assert no_oxi == NO_OXI_SYMBOLS, no_oxi
    assert no_x == NO_X_SYMBOLS, no_x
    assert len(rows) == 118

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows))
        f.write("\n]\n")
    print(f"wrote {OUT} ({len(rows)} elements)", file=sys.stderr)


if __name__ == "__main__":
    main()
