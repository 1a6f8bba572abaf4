/**
 * CDVAE's structure fingerprint: matminer's `CrystalNNFingerprint.from_preset("ops")` for every site, averaged
 * over the sites (CDVAE scripts/eval_utils.py). For each coordination number 1..24 the site vector holds CrystalNN's
 * probability of that CN ("wt"), then, for the CN's target motifs, that probability times the motif's order
 * parameter on the CN's neighbours (order-parameters.ts). Feature order and labels are matminer's
 * `feature_labels()`: 61 features.
 */
import { MAX_SHELL, CoordinationShell, DEFAULT_ORDER_PARAMETER_PARAMS, type OrderParameterParams,
  type OrderParameterSpec, type OrderParameterType } from './order-parameters';
import type { Crystal } from '../crystal';
import { crystalNNSites, type CrystalNNSite } from './crystal-nn';

/** The ops preset stops at CN 24: CrystalNN weights of larger CNs are left out. */
const MAX_CN = 24;

/**
 * matminer's target motifs per CN (load_cn_target_motif_op) with the (type, parameters) pymatgen's
 * cn_opt_params.yaml gives each; a motif without an entry there is its own type with default parameters.
 * Given parameters replace the defaults whole (LocalStructOrderParams does not merge them).
 */
const TARGET_MOTIFS: Readonly<Record<number, readonly (readonly [string, OrderParameterType, OrderParameterParams?])[]>> = {
  1: [['sgl_bd', 'sgl_bd']],
  2: [
    ['L-shaped', 'bent', { TA: 0.5, IGW_TA: 15.15 }],
    ['water-like', 'bent', { TA: 0.5802777777777778, IGW_TA: 13.95 }],
    ['bent 120 degrees', 'bent', { TA: 0.666666666667, IGW_TA: 13.25 }],
    ['bent 150 degrees', 'bent', { TA: 0.833333333333333, IGW_TA: 12.45 }],
    ['linear', 'bent', { TA: 1, IGW_TA: 8.667 }],
  ],
  3: [
    ['trigonal planar', 'tri_plan_max'],
    ['trigonal non-coplanar', 'tet_max', { TA: 0.6081734479693927, IGW_TA: 18.33, fac_AA: 1.5, exp_cos_AA: 2 }],
    ['T-shaped', 'T'],
  ],
  4: [
    ['square co-planar', 'sq_plan_max'],
    ['tetrahedral', 'tet_max'],
    ['rectangular see-saw-like', 'see_saw_rect'],
    ['see-saw-like', 'tri_bipyr',
      { min_SPP: 2.356194490192345, IGW_EP: 15.75, IGW_SPP: 12.75, fac_AA: 1.5, exp_cos_AA: 2, w_SPP: 1 }],
    ['trigonal pyramidal', 'tri_pyr'],
  ],
  5: [['pentagonal planar', 'pent_plan_max'], ['square pyramidal', 'sq_pyr'], ['trigonal bipyramidal', 'tri_bipyr']],
  6: [['hexagonal planar', 'hex_plan_max'], ['octahedral', 'oct_max'], ['pentagonal pyramidal', 'pent_pyr']],
  7: [['hexagonal pyramidal', 'hex_pyr'], ['pentagonal bipyramidal', 'pent_bipyr']],
  8: [['body-centered cubic', 'bcc'], ['hexagonal bipyramidal', 'hex_bipyr']],
  9: [['q2', 'q2'], ['q4', 'q4'], ['q6', 'q6']],
  10: [['q2', 'q2'], ['q4', 'q4'], ['q6', 'q6']],
  11: [['q2', 'q2'], ['q4', 'q4'], ['q6', 'q6']],
  12: [['cuboctahedral', 'cuboct_max'], ['q2', 'q2'], ['q4', 'q4'], ['q6', 'q6']],
};

/** One entry of the fingerprint: a CN's weight ("wt", no spec) or one of its motifs. */
export interface OpsFeature {
  readonly cn: number;
  readonly name: string;
  readonly spec: OrderParameterSpec | null;
}

export const OPS_FEATURES: readonly OpsFeature[] = (() => {
  const out: OpsFeature[] = [];
  for (let cn = 1; cn <= MAX_CN; cn++) {
    out.push({ cn, name: 'wt', spec: null });
    for (const [name, type, params] of TARGET_MOTIFS[cn] ?? []) {
      out.push({ cn, name, spec: { type, params: params ?? DEFAULT_ORDER_PARAMETER_PARAMS[type] } });
    }
  }
  return out;
})();

/** matminer's feature_labels(): "wt CN_1", "sgl_bd CN_1", "wt CN_2", "L-shaped CN_2", … */
export const OPS_LABELS: readonly string[] = OPS_FEATURES.map((f) => `${f.name} CN_${f.cn}`);

export const OPS_LENGTH = OPS_FEATURES.length;

/** For each CN, where its "wt" entry sits; its motifs follow it. */
const CN_OFFSET = new Int32Array(MAX_CN + 1);
OPS_FEATURES.forEach((f, i) => {
  if (f.spec === null) CN_OFFSET[f.cn] = i;
});

const shell = new CoordinationShell();
const scratch = new Float64Array(3 * MAX_SHELL);

/**
 * Adds the site's ops fingerprint into `out`, so that a crystal's sites sum without a vector each. Order
 * parameters that pymatgen leaves undefined (None) count as 0, as in matminer.
 */
function addSiteFingerprint(site: CrystalNNSite, out: Float64Array): void {
  for (const [cn, wt] of site.cnWeights) {
    if (cn < 1 || cn > MAX_CN || wt === 0) continue;
    const at = CN_OFFSET[cn]!;
    out[at] = out[at]! + wt;
    const motifs = TARGET_MOTIFS[cn];
    if (!motifs) continue;
    for (let j = 0; j < cn; j++) {
      const c = site.neighbours[j]!.cart;
      scratch[3 * j] = c[0];
      scratch[3 * j + 1] = c[1];
      scratch[3 * j + 2] = c[2];
    }
    shell.set(site.center, scratch, cn);
    for (let m = 0; m < motifs.length; m++) {
      const value = shell.orderParameter(OPS_FEATURES[CN_OFFSET[cn]! + 1 + m]!.spec!) ?? 0;
      out[at + 1 + m] = out[at + 1 + m]! + wt * value;
    }
  }
}

/** One site's fingerprint (matminer's CrystalNNFingerprint.featurize). */
export function siteFingerprint(site: CrystalNNSite): Float64Array {
  const out = new Float64Array(OPS_LENGTH);
  addSiteFingerprint(site, out);
  return out;
}

/** The mean of the site fingerprints: CDVAE's structure fingerprint of a crystal. */
export function meanSiteFingerprint(sites: readonly CrystalNNSite[]): Float64Array {
  const out = new Float64Array(OPS_LENGTH);
  for (const site of sites) addSiteFingerprint(site, out);
  for (let i = 0; i < OPS_LENGTH; i++) out[i] = out[i]! / sites.length;
  return out;
}

/**
 * CDVAE's structure fingerprint of a crystal: CrystalNN with pymatgen's defaults on every site, then the mean of
 * the site vectors. Throws CrystalNNError where pymatgen raises (CDVAE then counts the crystal as invalid).
 */
export function structureFingerprint(crystal: Crystal): Float64Array {
  return meanSiteFingerprint(crystalNNSites(crystal));
}
