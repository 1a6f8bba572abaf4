/** Paths of the shared data used by tests and benchmarks: `../shared/data` beside the repository. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');
export const CIF_CORPUS = resolve(SHARED_DATA, 'cif-corpus');
export const DATASETS = {
  perov5: resolve(SHARED_DATA, 'cdvae/perov_5/val.csv'),
  carbon24: resolve(SHARED_DATA, 'cdvae/carbon_24/val.csv'),
  mp40: resolve(SHARED_DATA, 'chemeleon_mp_40/test.csv'),
  mptest: resolve(SHARED_DATA, 'con_cdvae_mptest/train.csv'),
} as const;

