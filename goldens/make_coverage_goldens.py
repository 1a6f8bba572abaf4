"""Generate goldens/coverage-cdvae.json: CDVAE's COV-R / COV-P on seeded random fingerprints, for
src/core/metrics/coverage.ts.

Run from the repository root with /usr/bin/python3 (Debian's numpy and scipy):

    /usr/bin/python3 goldens/make_coverage_goldens.py

compute_cov below restates CDVAE's (txie-93/cdvae scripts/eval_utils.py): generated crystals whose fingerprints
failed (None) are filtered out of the distances but counted in COV-P's denominator, distances are
scipy.spatial.distance.cdist (Euclidean), a crystal is covered when its nearest structure AND its nearest
composition distances are <= the cutoffs. Composition fingerprints here are already "scaled" (CDVAE applies
CompScaler inside compute_cov; the TypeScript takes scaled fingerprints), so no scaler is applied.

Fingerprints: reference crystals in clusters; generated ones partly near a reference crystal at distances
spread around the cutoffs, partly far, a few None. 61 structure values (CrystalNN "ops" length) and 132
composition values, rounded to 6 decimals (the JSON holds exactly what scipy saw).
"""

import json
import os

import numpy as np
from scipy.spatial.distance import cdist

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'coverage-cdvae.json')


def compute_cov(struc_fps, comp_fps, gt_struc_fps, gt_comp_fps, struc_cutoff, comp_cutoff):
    num_gen_crystals = len(struc_fps)
    kept = [(s, c) for s, c in zip(struc_fps, comp_fps) if s is not None and c is not None]
    struc_fps = np.array([s for s, _ in kept])
    comp_fps = np.array([c for _, c in kept])
    struc_pdist = cdist(struc_fps, np.array(gt_struc_fps))
    comp_pdist = cdist(comp_fps, np.array(gt_comp_fps))
    struc_recall_dist = struc_pdist.min(axis=0)
    struc_precision_dist = struc_pdist.min(axis=1)
    comp_recall_dist = comp_pdist.min(axis=0)
    comp_precision_dist = comp_pdist.min(axis=1)
    return {
        'cov_recall': float(np.mean(np.logical_and(struc_recall_dist <= struc_cutoff, comp_recall_dist <= comp_cutoff))),
        'cov_precision': float(np.sum(np.logical_and(struc_precision_dist <= struc_cutoff,
                                                     comp_precision_dist <= comp_cutoff)) / num_gen_crystals),
        'amsd_recall': float(np.mean(struc_recall_dist)),
        'amsd_precision': float(np.mean(struc_precision_dist)),
        'amcd_recall': float(np.mean(comp_recall_dist)),
        'amcd_precision': float(np.mean(comp_precision_dist)),
        'struc_recall_dist': struc_recall_dist.tolist(),
        'comp_precision_dist': comp_precision_dist.tolist(),
    }


def case(rng, name, n_gen, n_ref, cutoffs):
    s_cut, c_cut = cutoffs
    centres_s = rng.uniform(0, 1, (8, 61))
    centres_c = rng.normal(0, 2, (8, 132))
    k = rng.integers(0, 8, n_ref)
    ref_s = np.round(centres_s[k] + rng.normal(0, 0.6 * s_cut / np.sqrt(61), (n_ref, 61)), 6)
    ref_c = np.round(centres_c[k] + rng.normal(0, 0.6 * c_cut / np.sqrt(132), (n_ref, 132)), 6)
    gen_s, gen_c = [], []
    for i in range(n_gen):
        if i % 13 == 5:
            gen_s.append(None)
            gen_c.append(None)
            continue
        j = rng.integers(0, n_ref)
        far = rng.uniform() < 0.3
        scale_s = rng.uniform(0.2, 1.1) * s_cut / np.sqrt(61) * (6 if far else 1)
        scale_c = rng.uniform(0.2, 1.1) * c_cut / np.sqrt(132)
        gen_s.append(np.round(ref_s[j] + rng.normal(0, scale_s, 61), 6))
        gen_c.append(np.round(ref_c[j] + rng.normal(0, scale_c, 132), 6))
    result = compute_cov(gen_s, gen_c, ref_s, ref_c, s_cut, c_cut)
    return {
        'name': name, 'cutoffs': {'structure': s_cut, 'composition': c_cut},
        'generated': [None if s is None else {'structure': s.tolist(), 'composition': c.tolist()} for s, c in zip(gen_s, gen_c)],
        'reference': [{'structure': s.tolist(), 'composition': c.tolist()} for s, c in zip(ref_s, ref_c)],
        **result,
    }


def main():
    rng = np.random.default_rng(9)
    cases = [case(rng, 'perov_5 cutoffs', 70, 160, (0.2, 4.0)), case(rng, 'mp_20 cutoffs', 50, 120, (0.4, 10.0))]
    with open(OUT, 'w') as f:
        json.dump({'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    for c in cases:
        print(c['name'], c['cov_recall'], c['cov_precision'])


if __name__ == '__main__':
    main()
