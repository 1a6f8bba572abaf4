"""Generate goldens/cif-corpus-pymatgen.json: what pymatgen makes of every file in the CIF corpus.

Disagreements (written by hand after a run; the method is at the end of this docstring)
-------------
Compared with expected_from_source (the values the source test-suites assert):
  pymatgen__Cod_4115344.cif: 280 sites vs n_sites 268. The composition agrees (Mo8 P4 H120 C120 I8 O8); 24 C sites
      have occupancy 0.5 (C42-C44 disorder). The source test asserts only the formula, so 268 is a formula sum.
  pymatgen__bad_superflat_inf_loop.cif: the source expects ValueError (newer pymatgen adds a minimum-distance check).
      2022.11.7 parses it (V23Ni, 24 sites); spglib then fails ("spacegroup search failed").
  pymatgen__bad_occu.cif: fails as expected, with the 2022 message "Species occupancies sum to more than 1!".
  pymatgen__PF_sd_*.cif (10 files): the formulas agree, but pymatgen sees 4 blocks: sm_global (no atoms,
      KeyError) and niggli_reduced_cell (NoStructure) fail; PF_sd_1601634's published_cell is NoStructure too.
  diffpy__LiCl-bad.cif: the source expects StructureFormatError; pymatgen parses 8 sites and only warns on the stray words.
  diffpy__Ni_ref.cif: the source expects Fm-3m; pymatgen does not read _space_group_name_H-M_ref, so it falls back to
      P1 (see P1 bug below) and gives 1 site, sg 221 (ASE also 1).
  diffpy__badspacegroup.cif: both fail, but pymatgen's reason is the P1 bug -> coincident sites -> occupancy sum > 1.
  codtools__2103187-misaligned-loop.cif: a parse error is expected; pymatgen gives 8 sites. Its loop check
      (assert len(items) % n == 0, n = len(items)//len(columns)) is wrong, and zip() silently drops the surplus values.
  codtools__2009397-syntax-error.cif: a syntax error is expected; pymatgen gives 249 sites and warns "Possible issue ... ccc".
  codtools__duplicate_tag.cif, codtools__unterminated-text-field.cif, codtools__unterminated-strings.cif: a syntax or
      duplicate error is expected; pymatgen's tokeniser raises nothing (a duplicate tag: the last value wins). The
      blocks fail only because they hold no atoms (KeyError '_atom_site_label').
  codtools__malformed_symop.cif: a symop error is expected; pymatgen never reaches the symops (no atom loop: KeyError).
Compared with reference_ase (ASE 3.29.0 site counts; ASE is not an oracle):
  pymatgen__magnetic.example.NiO.mcif 64, magnetic.ncl.example.GdB4.mcif 20, Mn3Ge_IR2.mcif 8,
      bad-unicode-gh-2947.mcif 64 vs ASE 2/4/2/2: ASE ignores the magnetic symops. pymatgen agrees with the source tests.
  pymatgen__PF_sd_1601634.cif: 26 vs ASE 30. pymatgen drops the OH/OH2 pseudo-atom sites ("OH2 parsed as ''").
  codtools__1000002-{test-hall,test-hm,test-hm2,occupancy-questionmarks}.cif (ASE 56), 1000002-test-symop,
      1000002-unknown-atom-type, 2000135-dummy-atom-coordinates: the whole file fails. _sanitize_data calls
      str2float('?') on _atom_site_attached_hydrogens -> ValueError.
  codtools__2000000-no-symops.cif, 2000000-only-ITC-number.cif (ASE 89), 2000000-no-spacegroup.cif: the atom list
      already holds the full P-1 cell; pymatgen applies -x,-y,-z, adds the occupancies of coincident atoms and rejects
      ("Species occupancies sum to more than 1!"). ASE drops the duplicates.
  codtools__2000000-no-symmetry.cif: 237 vs ASE 80 (P1 bug). The symmetry (P1) is right, but the sites are garbage.
  codtools__7011014-occupancy-is-a-dot.cif: 96 vs ASE 244. pymatgen's str2float('.') returns 0, so every site with
      occupancy '.' is dropped (only C12 H36 are left).
  codtools__2208311-zero-occupancies.cif: 96 vs ASE 104. pymatgen drops sites with occupancy 0; ASE keeps them.
  codtools__9000087-no-occupancies.cif: fails vs ASE 70. Mixed sites (Si/Al, Ce/La/...) have no occupancy column,
      each counts as 1, the sum is > 1 and pymatgen rejects.
  codtools__9000025-fake-comment.cif (ASE 120), codtools__2-entries-AMCSD-cifdata.cif block 1: fail. Each label
      "O-H<n>" adds 1 implicit H to the occupancy of a site shared with F (0.5 O + 1 H + 0.5 F = 2) -> rejected.
  codtools__9001922-folded.cif: fails (ASE errors). One mixed site sums to 1.007 > occupancy_tolerance 1.0.
  codtools__Si2.cif: fails vs ASE 8. Si1 (0,0,0) and Si2 (1/4,1/4,1/4) are equivalent in Fd-3m (origin 1), so the
      occupancy sum is 2 and pymatgen rejects. ASE merges them.
  codtools__cubic_as_slanted.cif: fails vs ASE 3. The file has no symmetry, so the P1 bug maps S (0,.5,.5) onto C (0,0,0).
  codtools__8000008-mixed-case-tags.cif: fails vs ASE 338. pymatgen's tag lookup is case-sensitive, so it misses the
      cell tags -> TypeError in Lattice.monoclinic().
  codtools__2100852-no-fract-coordinates.cif: KeyError '_atom_site_fract_x' vs ASE 1312 (ASE reads Cartesian coordinates).
  codtools__missing-cell-constants.cif, irresolvable-symops.cif, 9003354-unexpected-loop-end.cif: fail with
      "cannot reshape array of size 1 into shape (3,3)" vs ASE 1/1/5.
  codtools__sn5100-superspacegroup.cif: 13 vs ASE 5. The superspace symops are not read (P1 bug).
  codtools__funny-disorder-markups.cif: 2 blocks vs ASE 3. Two blocks are both named data_9000025_1, and
      pymatgen's dict keeps only the last.
P1 bug (every block carries "suspect"): when no symmetry is found, pymatgen 2022.11.7 uses the operators
  ['x','y','z'], which are projections, so each atom becomes up to 3 sites (x,0,0), (y,0,0), (z,0,0). Blocks it makes
  silently wrong, besides those above: codtools__1000055-unrecognised-spacegroup ("P m 3 m": 3 sites, LaB6
  should be 7), 2101499-diamond (1 site, should be 8), 1100107-spacegroup-with-underscore (P2_1/n),
  2000380-example-of-R3-H (R 3 :H), 2100428-superspacegroup (X4bm).

Usage
-----
    /usr/bin/python3 goldens/make_cif_goldens.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/data/cif-corpus relative to the repository root (the parent of goldens/).
The script reads CORPUS_DIR/manifest.json (key "files": one entry per CIF/mCIF, name in "file") and writes
goldens/cif-corpus-pymatgen.json (sorted keys, indent=1). It needs pymatgen 2022.11.7 (plus spglib 2.0.2), as
installed for /usr/bin/python3.

What is recorded
----------------
For every file, pymatgen.io.cif.CifParser(path) is built, and then each data block in parser._cif.data is
passed to CifParser._get_structure(block, primitive=False, symmetrized=False). This is the per-block call that
get_structures(primitive=False) makes. get_structures() is not used because it silently drops blocks that
raise KeyError/ValueError and lets every other exception escape. Per block:

  ok: true   -> composition (Structure.composition.as_dict(): species strings such as "Fe" or "Fe2+",
                fractional amounts for disordered sites, rounded to 6 decimals), nsites = len(structure)
                (disordered sites count once), lattice a b c alpha beta gamma (rounded to 6 decimals),
                is_ordered, spacegroup = SpacegroupAnalyzer(structure, symprec=0.01).get_space_group_number().
                If SpacegroupAnalyzer itself fails, spacegroup is null and "spacegroup_error" holds the error
                (plus spglib's own message).
                "suspect" (only present when true trouble is known): pymatgen 2022.11.7 fell back to P1
                ("No _symmetry_equiv_pos_as_xyz type key found. Defaulting to P1."). Its fallback operators
                are 'x', 'y', 'z', which are projections, not the identity, so the structure is garbage.
                Do not use such blocks as a golden for anything but "pymatgen found no usable symmetry".
  ok: false  -> error = "<ExceptionClass>: <message, first 200 chars>". _get_structure returns None (no
                exception) when no atom site survives (no _atom_site_* rows with a recognisable element and
                occupancy > 0). That case is reported as "NoStructure: ...".
  warnings   -> per block: Python warnings raised while that block is sanitised (CifParser._sanitize_data) and
                built, plus new entries in parser.warnings (pymatgen records some issues only there, e.g.
                "Structure has implicit hydrogens defined ..."). The list is deduplicated, keeps first-seen
                order, and each entry is cut at 200 chars.
File level: "error" is null, or the reason CifParser(path) itself failed (then "blocks" is []), or
"NoDataBlocks: ..." when pymatgen found no data_ block (empty file, BOM only, no data_ heading), or
"Timeout: ..." when the file ran over 60 s (SIGALRM). In that case the blocks finished before the timeout
are kept and the block that was running is marked ok:false. "warnings" (file level) are the warnings raised
by pymatgen's tokeniser (CifFile/CifBlock.from_string) and the magCIF feature checks in the constructor.
Note: pymatgen keys blocks by data-block name, so two blocks with the same name collapse into one.

Method for the disagreement list
--------------------------------
Each file was compared with manifest.json: expected_from_source (n_sites_conventional, n_atoms,
n_unit_cell_sites, pymatgen_formula_conventional, pymatgen_formulas_per_structure, composition,
expected_error) and reference_ase (n_sites_unit_cell per block, or its error). ASE 3.29.0 is a cross-check,
not an oracle.
"""

import json
import os
import signal
import sys
import time
import warnings

import pymatgen.core
import spglib
from pymatgen.io.cif import CifParser
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

TIMEOUT_S = 60
SYMPREC = 0.01
CUT = 200
TOOL = f"pymatgen {pymatgen.core.__version__} (CifParser, primitive=False; SpacegroupAnalyzer symprec={SYMPREC})"

P1_FALLBACK = "Defaulting to P1."
SUSPECT_P1 = (
    "pymatgen 2022.11.7 bug: its P1 fallback uses the operators 'x', 'y', 'z' (projections onto a), so every "
    "atom becomes up to 3 sites (x,0,0), (y,0,0), (z,0,0); sites, composition and spacegroup are wrong"
)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "goldens", "cif-corpus-pymatgen.json")


class FileTimeout(BaseException):
    """Raised by SIGALRM. It derives from BaseException so that pymatgen's `except Exception` cannot swallow it."""


def _alarm(signum, frame):
    raise FileTimeout(f"file took longer than {TIMEOUT_S} s")


def err_str(exc):
    msg = str(exc)
    if not msg:
        # e.g. a bare `assert` in pymatgen's tokeniser: say where it was raised instead.
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            code = tb.tb_frame.f_code
            where = code.co_filename.split("site-packages/")[-1].split("dist-packages/")[-1]
            msg = f"(no message; raised in {where}:{tb.tb_lineno}, {code.co_name})"
    return f"{type(exc).__name__}: {msg[:CUT]}"


def dedup(msgs):
    out = []
    for m in msgs:
        m = str(m)[:CUT]
        if m not in out:
            out.append(m)
    return out


class RecordingCifParser(CifParser):
    """CifParser that records, for each block, the warnings raised while _sanitize_data ran on it."""

    def __init__(self, *args, **kwargs):
        self.sanitize_warnings = {}
        super().__init__(*args, **kwargs)

    def _sanitize_data(self, data):
        before = len(getattr(self, "warnings", []))
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            out = super()._sanitize_data(data)
        msgs = [str(w.message) for w in rec] + list(self.warnings[before:])
        self.sanitize_warnings[data.header] = msgs
        return out


def r6(x):
    return round(float(x), 6)


def do_block(parser, name, data):
    rec_block = {"block": name}
    before = len(parser.warnings)
    msgs = list(parser.sanitize_warnings.get(name, []))
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            s = parser._get_structure(data, primitive=False, symmetrized=False)
            if s is None:
                rec_block.update(
                    ok=False,
                    error="NoStructure: CifParser._get_structure returned None (no atom site with a recognised "
                    "element and occupancy > 0)",
                )
            else:
                lat = s.lattice
                rec_block.update(
                    ok=True,
                    composition={k: r6(v) for k, v in s.composition.as_dict().items()},
                    nsites=len(s),
                    lattice={
                        "a": r6(lat.a),
                        "b": r6(lat.b),
                        "c": r6(lat.c),
                        "alpha": r6(lat.alpha),
                        "beta": r6(lat.beta),
                        "gamma": r6(lat.gamma),
                    },
                    is_ordered=bool(s.is_ordered),
                )
                try:
                    rec_block["spacegroup"] = int(SpacegroupAnalyzer(s, symprec=SYMPREC).get_space_group_number())
                except Exception as exc:  # noqa: BLE001
                    rec_block["spacegroup"] = None
                    spg_msg = spglib.get_error_message()
                    rec_block["spacegroup_error"] = err_str(exc) + (
                        f" (spglib: {spg_msg})" if spg_msg and spg_msg != "no error" else ""
                    )
        except Exception as exc:  # noqa: BLE001
            rec_block = {"block": name, "ok": False, "error": err_str(exc)}
        finally:
            msgs += [str(w.message) for w in rec] + list(parser.warnings[before:])
            rec_block["warnings"] = dedup(msgs)
            if rec_block.get("ok") and any(P1_FALLBACK in m for m in rec_block["warnings"]):
                rec_block["suspect"] = SUSPECT_P1
    return rec_block


def do_file(path):
    result = {"error": None, "blocks": [], "warnings": []}
    signal.alarm(TIMEOUT_S)
    current = None
    try:
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            try:
                parser = RecordingCifParser(path)
            except Exception as exc:  # noqa: BLE001
                result["error"] = err_str(exc)
                parser = None
            finally:
                sanitized = set()
                result["warnings"] = dedup(str(w.message) for w in rec)
        if parser is not None:
            # Warnings raised inside _sanitize_data belong to the blocks, not the file.
            for ws in parser.sanitize_warnings.values():
                sanitized.update(str(m)[:CUT] for m in ws)
            result["warnings"] = [w for w in result["warnings"] if w not in sanitized]
            if not parser._cif.data:
                result["error"] = "NoDataBlocks: pymatgen found no data_ block in the file"
            for name, data in parser._cif.data.items():
                current = name
                result["blocks"].append(do_block(parser, name, data))
                current = None
    except FileTimeout as exc:
        result["error"] = f"Timeout: {exc}"
        if current is not None:
            result["blocks"].append({"block": current, "ok": False, "error": f"Timeout: {exc}", "warnings": []})
    finally:
        signal.alarm(0)
    return result


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data", "cif-corpus")
    corpus = os.path.abspath(corpus)
    with open(os.path.join(corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    names = [entry["file"] for entry in manifest["files"]]
    signal.signal(signal.SIGALRM, _alarm)
    files = {}
    t_all = time.time()
    for i, name in enumerate(names, 1):
        t0 = time.time()
        files[name] = do_file(os.path.join(corpus, name))
        r = files[name]
        nok = sum(b["ok"] for b in r["blocks"])
        print(
            f"[{i:3d}/{len(names)}] {time.time() - t0:6.2f}s {name}: {nok}/{len(r['blocks'])} blocks ok"
            + (f"  ERROR {r['error'][:80]}" if r["error"] else ""),
            file=sys.stderr,
        )
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"tool": TOOL, "files": files}, f, sort_keys=True, indent=1, ensure_ascii=False)
        f.write("\n")
    nblocks = sum(len(r["blocks"]) for r in files.values())
    nok = sum(b["ok"] for r in files.values() for b in r["blocks"])
    nferr = sum(r["error"] is not None for r in files.values())
    print(
        f"wrote {OUT}: {len(files)} files ({nferr} with file-level error), {nblocks} blocks ({nok} ok, "
        f"{nblocks - nok} failed) in {time.time() - t_all:.1f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
