"""Check two goldens against the upstream code they restate, not against a restatement.

Not run by `npm run goldens`: Debian ships neither SMACT nor matminer, so this needs git checkouts of SMACT,
matminer and CDVAE (any clone holding the pinned commits) and extracts the pinned sources into a temporary folder:

    /usr/bin/python3 goldens/check_metric_goldens_upstream.py SMACT_REPO MATMINER_REPO CDVAE_REPO

* validity-cdvae.json: CDVAE's own smact_validity (its source taken from scripts/eval_utils.py and run as is)
  on SMACT 2.2.1's own package, for every composition; verdicts must be equal.
* composition-fingerprint.json: matminer 0.7.3's own ElementProperty.from_preset("magpie").featurize with
  Debian's pymatgen; the raw features must be equal (NaN where the golden has null). Modules matminer imports but
  ElementProperty never uses (sklearn) are stubbed.

Last run (2026-12-02): 4096 compositions, 0 disagreements; 312 compositions, largest difference 0.
"""

import ast
import importlib.abc
import importlib.machinery
import itertools
import json
import os
import subprocess
import sys
import tempfile
import types
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMACT_COMMIT = '012a70e4d9c76974077db663a752c4396bf7bf5e'  # SMACT 2.2.1, as CDVAE's env.yml pins
MATMINER_COMMIT = 'f89a530b76070fb613737b181381833330fb50c2'  # matminer v0.7.3
CDVAE_COMMIT = 'f857f598d6f6cca5dc1ea0582d228f12dcc2c2ea'


def git_dir(path):
    return path if os.path.basename(path.rstrip('/')) in ('repo', '.git') or path.endswith('.git') else os.path.join(path, '.git')


def extract(repo, commit, path, into):
    archive = subprocess.run(['git', '--git-dir', git_dir(repo), 'archive', commit, path], check=True, capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', into], input=archive, check=True)


class StubModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Empty stand-ins for packages matminer imports at module level but ElementProperty does not use."""

    def __init__(self, roots):
        self.roots = roots

    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in self.roots:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda attr: type(attr, (), {})
        return module

    def exec_module(self, module):
        pass


def check_smact(cdvae_repo, root):
    import smact
    from pymatgen.core.periodic_table import Element
    from smact.screening import pauling_test
    source = subprocess.run(['git', '--git-dir', git_dir(cdvae_repo), 'show', f'{CDVAE_COMMIT}:scripts/eval_utils.py'],
                            check=True, capture_output=True, text=True).stdout
    function = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == 'smact_validity')
    namespace = {'smact': smact, 'pauling_test': pauling_test, 'itertools': itertools, 'np': np,
                 'chemical_symbols': ['X'] + [Element.from_Z(z).symbol for z in range(1, 119)]}
    exec(compile(ast.Module(body=[function], type_ignores=[]), 'cdvae/scripts/eval_utils.py', 'exec'), namespace)
    with open(os.path.join(root, 'goldens', 'validity-cdvae.json')) as f:
        golden = json.load(f)
    wrong = [c for c in golden['compositions']
             if namespace['smact_validity'](tuple(Element(e).Z for e in c['elements']), tuple(c['counts'])) != c['valid']]
    print(f'smact_validity: {len(golden["compositions"])} compositions, {len(wrong)} disagreements', wrong[:5])
    return not wrong


def check_magpie(root):
    from pymatgen.core import Composition
    from matminer.featurizers.composition import ElementProperty
    featurizer = ElementProperty.from_preset('magpie')
    with open(os.path.join(root, 'goldens', 'composition-fingerprint.json')) as f:
        golden = json.load(f)
    worst, nan_mismatch = 0.0, 0
    for case in golden['cases']:
        theirs = np.array(featurizer.featurize(Composition(case['amounts'])), dtype=float)
        ours = np.array([np.nan if v is None else v for v in case['raw']])
        nan_mismatch += int((np.isnan(theirs) != np.isnan(ours)).any())
        worst = max(worst, float(np.nanmax(np.abs(theirs - ours))))
    print(f'ElementProperty magpie: {len(golden["cases"])} compositions, largest difference {worst}, NaN mismatches {nan_mismatch}')
    return worst <= 1e-12 and nan_mismatch == 0


def main():
    smact_repo, matminer_repo, cdvae_repo = sys.argv[1:4]
    warnings.simplefilter('ignore')
    with tempfile.TemporaryDirectory() as tmp:
        extract(smact_repo, SMACT_COMMIT, 'smact', tmp)
        extract(matminer_repo, MATMINER_COMMIT, 'matminer', tmp)
        sys.path.insert(0, tmp)
        sys.meta_path.insert(0, StubModules({'sklearn'}))
        ok = check_smact(cdvae_repo, ROOT) & check_magpie(ROOT)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
