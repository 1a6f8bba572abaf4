"""Write the element tables behind src/core/metrics (compositional validity and the composition fingerprint).

Not a golden: the tables are data the TypeScript reads, taken verbatim from the versions of SMACT, matminer and
CDVAE that CDVAE's evaluation pins (cdvae env.yml: smact==2.2.1, matminer=0.7.3). It reads the files straight from
git checkouts of the three repositories, so it needs them on disk:

    /usr/bin/python3 goldens/make_metric_tables.py SMACT_REPO MATMINER_REPO CDVAE_REPO

Outputs (src/core/metrics/data/):
  smact.json       oxidation states (smact/data/oxidation_states.txt, what smact.Element(...).oxidation_states
                   reads in 2.2.1), Pauling electronegativities (the el_neg column of smact/data/element_data.txt;
                   null where SMACT has None), and smact.metals (smact/__init__.py), for Z = 1..103 (SMACT's
                   element_data.txt ends at Lr; smact.Element raises for anything heavier)
  magpie.json      the 22 Magpie properties of ElementProperty.from_preset("magpie") for Z = 1..118, read as
                   matminer 0.7.3's MagpieData reads them (line Z of <property>.table; a line float() cannot read,
                   or a missing line, is NaN, stored as null)
  cdvae-comp-scaler.json   CompScalerMeans / CompScalerStds from cdvae/common/constants.py

Every file names its source (repository, commit, paths) in a "source" field.
"""

import ast
import json
import os
import re
import subprocess
import sys

SMACT_COMMIT = '012a70e4d9c76974077db663a752c4396bf7bf5e'  # "Update version number": SMACT 2.2.1 (setup.py)
MATMINER_COMMIT = 'f89a530b76070fb613737b181381833330fb50c2'  # tag v0.7.3
CDVAE_COMMIT = 'f857f598d6f6cca5dc1ea0582d228f12dcc2c2ea'

MAGPIE_PROPERTIES = [
    'Number', 'MendeleevNumber', 'AtomicWeight', 'MeltingT', 'Column', 'Row', 'CovalentRadius',
    'Electronegativity', 'NsValence', 'NpValence', 'NdValence', 'NfValence', 'NValence', 'NsUnfilled',
    'NpUnfilled', 'NdUnfilled', 'NfUnfilled', 'NUnfilled', 'GSvolume_pa', 'GSbandgap', 'GSmagmom',
    'SpaceGroupNumber',
]
MAGPIE_STATS = ['minimum', 'maximum', 'range', 'mean', 'avg_dev', 'mode']
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'core', 'metrics', 'data')


def show(repo, commit, path):
    return subprocess.run(['git', '--git-dir', repo, 'show', f'{commit}:{path}'], check=True,
                          capture_output=True, text=True).stdout


def git_dir(path):
    return path if os.path.basename(path.rstrip('/')) in ('repo', '.git') or path.endswith('.git') else os.path.join(path, '.git')


def data_rows(text):
    """SMACT's _get_data_rows: stripped lines not starting with '#', split on whitespace."""
    for line in text.splitlines():
        line = line.strip()
        if line and line[0] != '#':
            yield line.split()


def float_or_none(x):
    try:
        return float(x)
    except ValueError:
        return None


def smact_tables(repo):
    ox = {row[0]: [int(s) for s in row[1:]] for row in data_rows(show(repo, SMACT_COMMIT, 'smact/data/oxidation_states.txt'))}
    symbols, eneg = [], {}
    for row in data_rows(show(repo, SMACT_COMMIT, 'smact/data/element_data.txt')):
        # columns: Symbol Name Z Mass r_cov e_affinity p_eig s_eig Abundance el_neg ion_pot dipol
        symbols.append(row[0])
        eneg[row[0]] = float_or_none(row[9])
        assert int(float(row[2])) == len(symbols), row
    init = show(repo, SMACT_COMMIT, 'smact/__init__.py')
    metals = ast.literal_eval(re.search(r'^metals = (\[.*?\])', init, re.S | re.M).group(1))
    return {
        'source': {
            'repository': 'https://github.com/WMD-group/SMACT', 'version': '2.2.1 (pinned by CDVAE env.yml)',
            'commit': SMACT_COMMIT,
            'paths': {'oxidationStates': 'smact/data/oxidation_states.txt',
                      'paulingElectronegativity': 'smact/data/element_data.txt (column el_neg)',
                      'metals': 'smact/__init__.py (metals)'},
            'licence': 'MIT',
        },
        'symbols': symbols,
        'oxidationStates': [ox.get(s) for s in symbols],
        'paulingElectronegativity': [eneg[s] for s in symbols],
        'metals': metals,
    }


def magpie_tables(repo):
    values = {}
    for prop in MAGPIE_PROPERTIES:
        lines = show(repo, MATMINER_COMMIT, f'matminer/utils/data_files/magpie_elementdata/{prop}.table').splitlines(True)
        column = []
        for z in range(1, 119):  # matminer reads Z = 1..len(pymatgen's periodic table) = 118
            try:
                v = float(lines[z - 1])
            except (ValueError, IndexError):
                v = float('nan')
            column.append(None if v != v else v)
        values[prop] = column
    return {
        'source': {
            'repository': 'https://github.com/hackingmaterials/matminer', 'version': '0.7.3 (pinned by CDVAE env.yml)',
            'commit': MATMINER_COMMIT,
            'paths': 'matminer/utils/data_files/magpie_elementdata/<property>.table (line Z); preset in '
                     'matminer/featurizers/composition.py ElementProperty.from_preset("magpie")',
            'licence': 'BSD-style (matminer LICENSE); data from Ward et al., npj Comput. Mater. 2, 16028 (2016)',
        },
        'properties': MAGPIE_PROPERTIES,
        'stats': MAGPIE_STATS,
        'values': values,
    }


def comp_scaler(repo):
    text = show(repo, CDVAE_COMMIT, 'cdvae/common/constants.py')
    tree = ast.parse(text)
    consts = {t.targets[0].id: ast.literal_eval(t.value) for t in tree.body if isinstance(t, ast.Assign)}
    return {
        'source': {'repository': 'https://github.com/txie-93/cdvae', 'commit': CDVAE_COMMIT,
                   'path': 'cdvae/common/constants.py (CompScalerMeans, CompScalerStds)', 'licence': 'MIT'},
        'means': consts['CompScalerMeans'],
        'stds': consts['CompScalerStds'],
    }


def write(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')


def main():
    smact_repo, matminer_repo, cdvae_repo = (git_dir(p) for p in sys.argv[1:4])
    write('smact.json', smact_tables(smact_repo))
    write('magpie.json', magpie_tables(matminer_repo))
    scaler = comp_scaler(cdvae_repo)
    assert len(scaler['means']) == len(scaler['stds']) == len(MAGPIE_PROPERTIES) * len(MAGPIE_STATS)
    write('cdvae-comp-scaler.json', scaler)


if __name__ == '__main__':
    main()
