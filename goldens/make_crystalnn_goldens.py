"""Generate the CrystalNN goldens and the element data CrystalNN needs.

Run from the repository root:  /usr/bin/python3 goldens/make_crystalnn_goldens.py
(needs Debian's python3-pymatgen 2022.11.7 and SciPy 1.10.1; takes a few minutes).

Outputs
  * src/core/metrics/crystal-nn-elements.json: per element (Z order, 1..118) the two values CrystalNN reads for a
    site without an oxidation state:
      X       pymatgen `Element.X` (Pauling electronegativity); null where pymatgen has none (it uses NaN, and
              CrystalNN then applies no electronegativity weight).
      radius  pymatgen's `_get_default_radius`: `CovalentRadius.radius[symbol]`
              (pymatgen.analysis.molecule_structure_comparator; Cordero et al., Dalton Trans. 2008, 2832-2838,
              doi:10.1039/b801115j), else `Element.atomic_radius`; null where neither exists (pymatgen would fail).
  * goldens/crystalnn-pymatgen.json: for a seeded sample of crystals of perov_5 (test), carbon_24 (test) and
    mp_40 (chemeleon test), plus a few hand-made cells that stress the Voronoi construction, each crystal's CIF
    text (as in the CSV), pymatgen's sites in its order and with its coordinates as "order": [[symbol, x, y, z],
    ...] (pymatgen groups a CIF's sites by species, and its CifParser moves coordinates within about 1e-4 of
    1/3 and 2/3 onto them: CrystalNN is tested on exactly pymatgen's structure), and in "sites", for every site n
    of `Structure.from_str(cif, fmt="cif")`:
      faces       VoronoiNN(weight="solid_angle", cutoff=7).get_nn_info(s, n) -- the Voronoi faces CrystalNN
                  starts from: [site index, image a, b, c, solid angle (sr), face area (A^2)]
      neighbours  CrystalNN().get_nn_data(s, n).all_nninfo: [site index, image a, b, c, weight]
      cnWeights   .cn_weights as [[cn, weight], ...] in pymatgen's order
    .cn_nninfo[cn] is not stored: the script asserts that it is always the first cn entries of all_nninfo
    (sorted by weight, highest first), so neighbours and the keys of cnWeights determine it.
    or {"error": message} where pymatgen raises. CrystalNN() is built as matminer's
    CrystalNNFingerprint.from_preset("ops") builds it (no arguments: pymatgen's defaults), and CDVAE calls
    featurize(structure, i), i.e. get_nn_data(structure, i) with no length.

The sample is seeded, so the output is byte-identical from run to run.
"""

import csv
import json
import math
import os
import random
import sys
import warnings

import numpy as np
from pymatgen.analysis.local_env import CrystalNN, VoronoiNN
from pymatgen.analysis.molecule_structure_comparator import CovalentRadius
from pymatgen.core import Lattice, Structure
from pymatgen.core.periodic_table import Element
from pymatgen.io.cif import CifWriter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "..", "shared", "data")
ELEMENTS_OUT = os.path.join(REPO, "src", "core", "metrics", "crystal-nn-elements.json")
GOLDENS_OUT = os.path.join(REPO, "goldens", "crystalnn-pymatgen.json")

# (dataset label, CSV path relative to DATA, how many rows to sample)
SAMPLES = [
    ("perov_5/test", "cdvae/perov_5/test.csv", 100),
    ("carbon_24/test", "cdvae/carbon_24/test.csv", 40),
    ("mp_40/test", "chemeleon_mp_40/test.csv", 30),
]
MAX_SITES = 20  # mp_40 rows are drawn among cells of at most this many sites, to keep the JSON small
SEARCH_CUTOFF = 7  # CrystalNN's default search_cutoff, handed to VoronoiNN


def element_table():
    rows = []
    for z in range(1, 119):
        el = Element.from_Z(z)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x = el.X
        radius = CovalentRadius.radius.get(el.symbol)
        if radius is None and el.atomic_radius is not None:
            radius = float(el.atomic_radius)
        rows.append({"Z": z, "symbol": el.symbol, "X": None if math.isnan(x) else x, "radius": radius})
    return {
        "source": "goldens/make_crystalnn_goldens.py from pymatgen 2022.11.7: X = Element.X (Pauling), "
        "radius = CovalentRadius.radius (Cordero et al. 2008) else Element.atomic_radius, as "
        "pymatgen.analysis.local_env._get_default_radius",
        "elements": rows,
    }


def hand_made():
    """Cells whose Voronoi construction is degenerate or needs CrystalNN's growing search radius."""
    cells = {
        # one atom: a cube whose 8 corner and 12 edge neighbours touch the cell in a point or an edge only
        "simple cubic Po": Structure(Lattice.cubic(3.35), ["Po"], [[0, 0, 0]]),
        "bcc W": Structure(Lattice.cubic(3.16), ["W", "W"], [[0, 0, 0], [0.5, 0.5, 0.5]]),
        "fcc Cu": Structure(
            Lattice.cubic(3.61), ["Cu"] * 4, [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]]
        ),
        # one layer in a tall cell: within 7 A all images lie in a plane, so the search radius must grow
        "square layer in a 20 A cell": Structure(Lattice.tetragonal(3.0, 20.0), ["Cu"], [[0, 0, 0]]),
        # a skewed triclinic cell
        "triclinic NaCl": Structure(
            Lattice.from_parameters(4.1, 5.3, 6.2, 71, 104, 118), ["Na", "Cl"], [[0.1, 0.2, 0.3], [0.6, 0.55, 0.8]]
        ),
    }
    return [(f"hand-made/{name}", str(CifWriter(s))) for name, s in cells.items()]


def sampled_rows():
    rng = random.Random(20261202)
    out = []
    for label, rel, count in SAMPLES:
        with open(os.path.join(DATA, rel), newline="") as f:
            rows = list(csv.DictReader(f))
        small = [i for i, r in enumerate(rows) if len(Structure.from_str(r["cif"], fmt="cif")) <= MAX_SITES]
        for i in sorted(rng.sample(small, count)):
            out.append((f"{label}:row {i}", rows[i]["cif"]))
    return out


def image(v):
    return [int(t) for t in v]


def site_golden(struct, n):
    faces = VoronoiNN(weight="solid_angle", cutoff=SEARCH_CUTOFF).get_nn_info(struct, n)
    data = CrystalNN().get_nn_data(struct, n)
    neighbours = data.all_nninfo
    for cn, entries in data.cn_nninfo.items():
        assert len(entries) == cn and all(a is b for a, b in zip(entries, neighbours)), "cn_nninfo is not a prefix"
    return {
        "faces": [
            [f["site_index"], *image(f["image"]), round(float(f["poly_info"]["solid_angle"]), 8),
             round(float(f["poly_info"]["area"]), 8)]
            for f in faces
        ],
        "neighbours": [[e["site_index"], *image(e["image"]), e["weight"]] for e in neighbours],
        "cnWeights": [[cn, round(float(w), 10)] for cn, w in data.cn_weights.items()],
    }


def crystal_golden(source, cif):
    struct = Structure.from_str(cif, fmt="cif")
    sites = []
    for n in range(len(struct)):
        try:
            sites.append(site_golden(struct, n))
        except Exception as e:  # pymatgen's own failure is a golden too
            sites.append({"error": f"{type(e).__name__}: {e}"})
    order = [[site.specie.symbol, *[float(x) for x in site.frac_coords]] for site in struct]
    return {"source": source, "cif": cif, "order": order, "sites": sites}


def main():
    warnings.simplefilter("ignore")
    with open(ELEMENTS_OUT, "w") as f:
        table = element_table()
        f.write('{"source": ' + json.dumps(table["source"]) + ',\n"elements": [\n')
        f.write(",\n".join(json.dumps(r) for r in table["elements"]))
        f.write("\n]}\n")
    crystals = [crystal_golden(src, cif) for src, cif in hand_made() + sampled_rows()]
    with open(GOLDENS_OUT, "w") as f:
        f.write('{"generator": "goldens/make_crystalnn_goldens.py", "pymatgen": "2022.11.7",\n"crystals": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in crystals))
        f.write("\n]}\n")
    sites = sum(len(c["sites"]) for c in crystals)
    errors = sum(1 for c in crystals for s in c["sites"] if "error" in s)
    print(f"{len(crystals)} crystals, {sites} sites, {errors} pymatgen errors -> {GOLDENS_OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
