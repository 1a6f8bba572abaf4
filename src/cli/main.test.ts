import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCif } from '../core/cif/read';
import { denorm, ENTRIES, headerCopies, MAX_ATOMS, Slot } from '../core/crystens/layout';
import { crysTensBatch, readNpy } from '../core/crystens/npy';
import { CIF_CORPUS } from '../core/testing/corpus';
import { main } from './main';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, (s) => (stdout += `${s}\n`), (s) => (stderr += `${s}\n`));
  return { status, stdout, stderr };
}

const corpus = (name: string) => resolve(CIF_CORPUS, name);

describe('crystens parse', () => {
  it('prints one JSON entry per block, with the shape docs/cli.md gives', async () => {
    const { status, stdout } = await run('parse', corpus('pymatgen__Li2O.cif'), corpus('codtools__1001012-no-cell.cif'), '--json');
    expect(status).toBe(0);
    const [li2o, bad] = JSON.parse(stdout);
    expect(li2o).toMatchObject({
      source: `${corpus('pymatgen__Li2O.cif')}#22402-ICSD`,
      ok: true,
      composition: { Li: 8, O: 4 },
      nsites: 12,
      lattice: { a: 4.61, b: 4.61, c: 4.61, alpha: 90, beta: 90, gamma: 90 },
      spacegroup: { declared: 225, detected: 225 },
    });
    expect(li2o.sites).toHaveLength(12);
    expect(li2o.sites[0]).toEqual({ element: 'O', frac: [0, 0, 0] });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('no cell') });
  });

  it('exits 2 on a usage error or an unreadable path, and answers --help', async () => {
    expect((await run('parse')).status).toBe(2);
    expect((await run('parse', '/no/such/file.cif')).stderr).toMatch(/cannot read \/no\/such\/file\.cif/);
    expect((await run('parse', 'x.cif', '--bogus')).status).toBe(2);
    expect((await run('frobnicate')).status).toBe(2);
    const help = await run('parse', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^crystens parse PATH/);
  });
});

describe('crystens convert', () => {
  it('writes one CIF per readable block that reads back the same, P1 or symmetrised', async () => {
    for (const symmetrized of [false, true]) {
      const out = mkdtempSync(join(tmpdir(), 'crystens-convert-'));
      const args = ['convert', corpus('pymatgen__LiFePO4.cif'), corpus('pymatgen__Li2O.cif'), corpus('codtools__empty.cif'), '--out', out];
      const { status, stdout } = await run(...(symmetrized ? [...args, '--symmetrized'] : args));
      expect(status).toBe(0);
      const summary = JSON.parse(stdout);
      expect(summary.written).toHaveLength(2);
      expect(summary.failed).toEqual([expect.objectContaining({ error: expect.stringContaining('codtools__empty.cif') })]);
      expect(readdirSync(out).sort()).toEqual(['pymatgen__Li2O_22402-ICSD.cif', 'pymatgen__LiFePO4_VESTA_phase_1.cif']);
      const [back] = readCif(readFileSync(join(out, 'pymatgen__Li2O_22402-ICSD.cif'), 'utf8'), 'back');
      expect(back!.ok && back!.crystal.sites).toHaveLength(12);
      const text = readFileSync(join(out, 'pymatgen__Li2O_22402-ICSD.cif'), 'utf8');
      expect(text).toContain(symmetrized ? "_space_group_name_H-M_alt 'F m -3 m'" : "_space_group_name_H-M_alt 'P 1'");
    }
  });
});

describe('crystens convert --format', () => {
  it('writes POSCARs (X.vasp) and extended XYZ (X.extxyz), listing a disordered crystal as failed with the reason', async () => {
    const out = mkdtempSync(join(tmpdir(), 'crystens-convert-'));
    for (const format of ['poscar', 'extxyz']) {
      const { status, stdout } = await run('convert', corpus('pymatgen__Li2O.cif'), corpus('pymatgen__PF_sd_1615854.cif'), '--out', out, '--format', format);
      expect(status).toBe(0);
      const summary = JSON.parse(stdout);
      expect(summary.written).toHaveLength(1);
      expect(summary.failed[0].error).toMatch(/holds one whole atom per position: \d+ of \d+ sites are partly occupied/);
    }
    expect(readdirSync(out).sort()).toEqual(['pymatgen__Li2O_22402-ICSD.extxyz', 'pymatgen__Li2O_22402-ICSD.vasp']);
    expect(readFileSync(join(out, 'pymatgen__Li2O_22402-ICSD.vasp'), 'utf8').split('\n').slice(5, 8)).toEqual(['O Li', '4 8', 'direct']);
    expect((await run('convert', corpus('pymatgen__Li2O.cif'), '--out', out, '--format', 'xyz')).status).toBe(2);
    expect((await run('convert', corpus('pymatgen__Li2O.cif'), '--out', out, '--format', 'poscar', '--symmetrized')).status).toBe(2);
  });
});

describe('crystens encode, decode and compare', () => {
  it('encodes a folder and a CSV, decodes them back to the same crystals, and compares the two sets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-encode-'));
    const npy = join(dir, 'x.npy');
    const csv = resolve(CIF_CORPUS, '../cdvae/perov_5/train_head116_via_CosmosYou.csv');
    const enc = await run('encode', csv, corpus('pymatgen__Li2O.cif'), corpus('codtools__2104374.cif'), '--out', npy);
    expect(enc.status).toBe(0);
    expect(JSON.parse(enc.stdout)).toMatchObject({ encoded: 117, skipped: 1 });
    const meta = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8'));
    expect(meta.shape).toEqual([117, 64, 64, 4]);
    expect(meta.skipped[0].reason).toMatch(/^\d+ sites: a CrysTens holds at most 52/);
    expect(meta.entries[116]).toMatchObject({ formula: 'Li8 O4', nsites: 12 });

    const out = join(dir, 'decoded');
    const dec = await run('decode', npy, '--out', out, '--k-atoms', 'none', '--k-coords', 'none');
    expect(dec.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.crystals).toHaveLength(117);
    expect(report).toMatchObject({ tensors: 117, decoded: 117, failed: 0, siteCounts: { 5: 116, 12: 1 } });
    expect(report.average.varianceSpaceGroup).toBe(0);
    const [li2o] = readCif(readFileSync(join(out, '116.cif'), 'utf8'), 'back');
    expect(li2o!.ok && li2o!.crystal.sites).toHaveLength(12);

    const cmp = await run('compare', '--real', csv, '--generated', out, '--json');
    expect(cmp.status).toBe(0);
    const result = JSON.parse(cmp.stdout);
    expect(result.distributions.map((d: { property: string }) => d.property)).toEqual(['a', 'b', 'c', 'alpha', 'beta', 'gamma', 'spaceGroup', 'Z']);
    const a = result.distributions[0];
    expect(a).toMatchObject({ real: 116, generated: 117, ks_method: 'exact' });
    expect(a.ks_pvalue).toBeGreaterThan(0.99); // the same crystals, plus one
    // Real tensors decode to themselves: the group each tensor predicts (carried in the CIF) is the one detected.
    expect(result.validity).toMatchObject({ count: 117, structural: 1, spaceGroupAgreement: 1, novelty: expect.any(Number) });
    // The same crystals (and Li2O besides) cover the real set whole; the site counts of the valid generated crystals
    // differ from the real ones by Li2O's 12 against 5 alone.
    expect(result.coverage).toMatchObject({ recall: 1, cutoffs: 'own', structureCutoff: 0.4, compositionCutoff: 10 });
    expect(result.emd.atoms).toBeCloseTo(7 / Math.round(result.validity.valid * 117), 10);
    expect((await run('decode', npy, '--out', out, '--k-atoms', 'zero')).status).toBe(2);
  });
});

describe('crystens train and sample', () => {
  it('trains a tiny model, resumes it, and samples tensors that decode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-'));
    const model = join(dir, 'model');
    const csv = resolve(CIF_CORPUS, '../cdvae/perov_5/train_head116_via_CosmosYou.csv');
    const first = await run('train', '--model', 'gan', '--preset', 'tiny', '--batch', '4', '--data', csv, '--steps', '3', '--backend', 'cpu', '--out', model);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^gan \(tiny\) on 116 crystals \(0 skipped\), batch 4, steps 0 → 3, backend cpu/);
    expect(first.stdout).toMatch(/step 3\/3 {2}discriminator \d+\.\d+ {2}generator \d+\.\d+/);
    const again = await run('train', '--data', csv, '--steps', '2', '--backend', 'cpu', '--out', model);
    expect(again.stdout).toMatch(/steps 3 → 5/);
    expect(again.stdout).toMatch(/saved .*model\.json at step 5/);

    const npy = join(dir, 'samples.npy');
    const sampled = await run('sample', '--model', model, '--n', '3', '--out', npy, '--seed', '2');
    expect(sampled.status).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8'));
    expect(meta).toMatchObject({ shape: [3, 64, 64, 4], step: 5 });
    // The model keeps the elements of its 116 training crystals, and its samples' atoms are among them.
    expect(sampled.stdout).toContain(`atoms from its ${meta.model.elements.length} training elements`);
    const decoded = await run('decode', npy, '--out', join(dir, 'decoded'));
    expect(decoded.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'decoded', 'report.json'), 'utf8'));
    expect(report.tensors).toBe(3);
    expect(report.crystals.length + report.failures.length).toBe(3);
    // Every atom slot's Z (its copies' mean, as the decoder reads it) is a training element or 0 (an empty slot).
    const { data } = crysTensBatch(readNpy(readFileSync(npy)), false);
    for (let i = 0; i < 3; i++) {
      for (let atom = 0; atom < MAX_ATOMS; atom++) {
        const copies = headerCopies(Slot.Z, atom);
        const z = Math.round(copies.reduce((sum, k) => sum + denorm.Z(data[i * ENTRIES + k]!), 0) / copies.length);
        expect([0, ...meta.model.elements]).toContain(z);
      }
    }
    expect((await run('sample', '--model', model, '--n', '1', '--out', npy, '--elements', 'any')).status).toBe(0);
    expect((await run('sample', '--model', model, '--n', '1', '--out', npy, '--elements', 'most')).status).toBe(2);
    expect((await run('sample', '--model', dir, '--n', '1', '--out', npy)).status).toBe(2); // no model there
  });
});

describe('crystens train --json, --minutes and --backend', () => {
  const csv = resolve(CIF_CORPUS, '../cdvae/perov_5/train_head116_via_CosmosYou.csv');
  const tiny = (out: string, ...more: string[]) => run('train', '--model', 'wgan', '--preset', 'tiny', '--batch', '2', '--data', csv, '--out', out, ...more);

  it('prints one JSON object a line: the run, each step (docs/cli.md fields), then where it saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-json-'));
    const { status, stdout } = await tiny(join(dir, 'm'), '--steps', '2', '--backend', 'cpu', '--json');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'wgan', preset: 'tiny', crystals: 116, skipped: 0, batch: 2, startStep: 0, totalSteps: 2, backend: 'cpu' });
    const steps = lines.slice(1, -1);
    expect(steps.map((l) => l.step)).toEqual([1, 2]);
    for (const line of steps) {
      expect(Object.keys(line).sort()).toEqual(['backend', 'losses', 'step', 'stepsPerSecond', 'totalSteps']);
      expect(line).toMatchObject({ totalSteps: 2, backend: 'cpu' });
      expect(Object.keys(line.losses).sort()).toEqual(['critic', 'generator', 'gradientPenalty', 'wasserstein']);
      expect(line.stepsPerSecond).toBeGreaterThan(0);
    }
    expect(lines.at(-1)).toEqual({ saved: join(dir, 'm', 'model.json'), step: 2 });
  });

  it('stops at the first checkpoint after --minutes, and the saved model resumes from there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-minutes-'));
    // A deadline that has passed by the end of the first step: the run saves at step 1 of 50.
    const first = await tiny(join(dir, 'm'), '--steps', '50', '--minutes', '0.00001', '--backend', 'cpu');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/step 1\/50/);
    expect(first.stdout).not.toMatch(/step 2\/50/);
    expect(first.stdout).toMatch(/saved .*model\.json at step 1$/m);
    const again = await tiny(join(dir, 'm'), '--steps', '1', '--backend', 'cpu');
    expect(again.stdout).toMatch(/steps 1 → 2/);
  });

  it('trains on wasm by default and when asked, on cpu when asked, and refuses a backend Node lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-backend-'));
    const bogus = await tiny(join(dir, 'a'), '--steps', '1', '--backend', 'webgl');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/--backend must be one of wasm, cpu/);
    for (const [name, flags] of [['wasm', []], ['wasm', ['--backend', 'wasm']], ['cpu', ['--backend', 'cpu']]] as const) {
      const { status, stdout } = await tiny(join(dir, `${name}-${flags.length}`), '--steps', '1', '--json', ...flags);
      expect(status).toBe(0);
      expect(JSON.parse(stdout.split('\n')[1]!)).toMatchObject({ step: 1, backend: name });
    }
    expect((await tiny(join(dir, 'c'), '--steps', '1', '--minutes', '0')).status).toBe(2);
  });
});
