/** The usage text of each command (../shared/docs/cli.md), apart from the commands so that --help loads no tfjs. */
import { PAPER_K_ATOMS, PAPER_K_COORDS } from '../core/crystens/reconstruct';
import { formatCount, MAX_BLOCKS_PER_FILE, MAX_SITES_PER_BLOCK } from '../core/input-limits';

export const PARSE_HELP = `crystens parse PATH... --json [--threads N]

Reads CIF files (.cif, .mcif), folders (recursively), .zip archives and CDVAE-style .csv files, and prints one
JSON array with an entry per data block (per row for a CSV): source, ok, error, warnings, composition,
nsites, lattice, spacegroup {declared, detected}, sites [{element, frac, occupancy}].
The array is written entry by entry as each file is read; a large CSV's rows are read on N threads (default:
the machine's cores, up to 8), the entries still in input order. Per-file failures (and blocks past the input limits:
${formatCount(MAX_SITES_PER_BLOCK)} sites, ${formatCount(MAX_BLOCKS_PER_FILE)} blocks per file) are entries with ok: false; the exit status is 0 unless a path cannot be
read (2).`;

export const CONVERT_HELP = `crystens convert PATH... --out DIR [--format cif|poscar|extxyz] [--symmetrized]

Writes one file per readable data block into DIR: a CIF (the default) with every site in P1, or with
--symmetrized the detected space group and its asymmetric unit; a POSCAR (VASP 5, X.vasp) or an extended XYZ
(X.extxyz), which hold one whole atom per position, so a disordered crystal is listed as failed with the reason.
Prints a JSON summary {written: [{source, file}], failed: [{source, error}]}.`;

export const ENCODE_HELP = `crystens encode PATH... --out X.npy

Encodes every readable crystal as a CrysTens and writes a float32 array [N, 64, 64, 4] (C order, channels last)
to X.npy and beside it X.json: the normalisation bounds, one entry per encoded crystal (source, formula, nsites)
and one per skipped block with its reason (more than 52 sites, partial occupancy, unreadable).`;

export const DECODE_HELP = `crystens decode X.npy [--meta X.json] --out DIR [--k-atoms N|auto|none] [--k-coords N|auto|none] [--channels-first]

Reconstructs every tensor (default: automatic k, which gives real tensors back their own crystals; the paper's
k = ${PAPER_K_ATOMS} and k = ${PAPER_K_COORDS} is --k-atoms ${PAPER_K_ATOMS} --k-coords ${PAPER_K_COORDS}), writes DIR/<i>.cif for each one that
gives a crystal and DIR/report.json: how many tensors gave a crystal, the others by reason, the crystals' site
counts, and the Table 1 and Table 2 metrics (per crystal, and averaged over the crystals that decoded). --meta (default: X.json beside X.npy) supplies the normalisation bounds.
--channels-first reads [N, 4, 64, 64] arrays, the layout of the authors' pipeline. 'none' means no clustering.`;

export const COMPARE_HELP = `crystens compare --real PATH... --generated PATH... [--training PATH...]
                 [--cutoffs perov_5|carbon_24|mp_20|own] --json

Compares generated crystals (CIFs, folders, zips, CSVs) with real ones: for a, b, c, α, β, γ, space group and Z
(pooled over sites), the two-sample Kolmogorov–Smirnov statistic and p-value (as scipy.stats.ks_2samp) and the
1-Wasserstein distance ('distributions'); the field's scorecard (CDVAE, DiffCSP, MatterGen): 'validity' (structural,
compositional with SMACT's rules, both, uniqueness and novelty by StructureMatcher, agreement of the detected space
group with the one each generated CIF's tensor predicted), 'coverage' (COV-R and COV-P with CrystalNN and Magpie
fingerprints; --cutoffs picks CDVAE's per-dataset cutoffs, default 'own' = the MP values) and 'emd' (1-Wasserstein
distances of density, number of elements and number of sites over the valid crystals). Novelty is against
--training (default: --real). Every share is of all generated entries, unreadable ones counted as failed.`;

export const TRAIN_HELP = `crystens train --model gan|wgan|diffusion --data PATH... --steps N [--preset tiny|small|paper]
               [--batch B] [--seed S] [--hyper NAME=VALUE,...] [--backend wasm|cpu] [--minutes M] [--json] --out DIR

Trains in Node (tfjs) on the same code as the studio, printing a progress line per step, and saves the model
(tfjs format: model.json with its config and normalisation bounds, weights.bin) in DIR every 50 steps and at the
end. If DIR already holds a model, training resumes from it: its config and bounds are kept.
  --preset    small (default): learns a dataset such as perov_5 in minutes on a laptop CPU; paper: the paper's
              Appendix B settings; tiny: for tests only.
  --hyper     a new model's hyper-parameters where they differ from the preset's, by the names model.json
              holds (learningRate=1e-3,decaySteps=0); checked against the ranges the studio's form uses.
  --backend   wasm or cpu (default: wasm where it can train, else cpu).
  --minutes   stop at the first checkpoint after M minutes (or at N steps, whichever comes first).
  --json      one JSON object a line: the run, then {step, totalSteps, losses, stepsPerSecond, backend} per
              step, then {saved, step}.`;

export const SAMPLE_HELP = `crystens sample --model DIR --n N --out X.npy [--sampler ddpm|ddim] [--steps K] [--seed S]
                [--elements training|any]

Writes N generated tensors [N, 64, 64, 4] to X.npy, and beside it X.json with the model's normalisation bounds
(what \`crystens decode\` needs). --sampler and --steps apply to diffusion models (default: DDIM, 50 steps).
--elements training (the default) makes every atom one of the elements the model was trained on (kept in its
model.json): each atom's Z goes to the nearest of them, at every denoising step for diffusion models; 'any' leaves
Z as the network writes it. A model saved without its elements samples as with 'any'.`;
