/**
 * bin/crystens.mjs as a user runs it: from the esbuild bundle of src/cli/main.ts (tools/cli-bundle), built again
 * when a source changes. The other CLI tests call main() directly; this one covers the bundled path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledCli, sourceStamp } from '../../tools/cli-bundle/bundle.mjs';
import { CIF_CORPUS, REPO_ROOT } from '../core/testing/corpus';

describe('bin/crystens.mjs', () => {
  it('parses a CIF from the bundle, with the output main() gives', () => {
    const cif = resolve(CIF_CORPUS, 'pymatgen__Li2O.cif');
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/crystens.mjs'), 'parse', cif, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [li2o] = JSON.parse(run.stdout);
    expect(li2o).toMatchObject({ source: `${cif}#22402-ICSD`, ok: true, composition: { Li: 8, O: 4 }, nsites: 12, spacegroup: { declared: 225, detected: 225 } });
  });
});

describe('the bundle is rebuilt when a source changes', () => {
  it('changes the source stamp on an edit, an added file and a removed one', () => {
    const root = mkdtempSync(join(tmpdir(), 'crystens-stamp-'));
    mkdirSync(join(root, 'src/cli'), { recursive: true });
    const file = join(root, 'src/cli/main.ts');
    writeFileSync(file, 'export {};\n');
    const past = new Date('2020-01-01T00:00:00Z');
    const settle = () => [root, join(root, 'src'), join(root, 'src/cli'), file].forEach((p) => existsSync(p) && utimesSync(p, past, past));
    settle();
    const stamps = [sourceStamp(root, ['src'])];
    utimesSync(file, new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'));
    stamps.push(sourceStamp(root, ['src']));
    settle();
    writeFileSync(join(root, 'src/cli/args.ts'), '');
    utimesSync(join(root, 'src/cli/args.ts'), past, past);
    stamps.push(sourceStamp(root, ['src']));
    settle();
    rmSync(join(root, 'src/cli/args.ts'));
    stamps.push(sourceStamp(root, ['src']));
    expect(stamps[0]).toBe(past.getTime());
    expect(stamps[1]).toBe(Date.parse('2021-01-01T00:00:00Z'));
    // A file added or removed with an old date shows in its folder's.
    expect(stamps[2]).toBeGreaterThan(past.getTime());
    expect(stamps[3]).toBeGreaterThan(past.getTime());
    rmSync(root, { recursive: true });
  });

  it('builds once into an empty cache, reuses that bundle, and builds anew when the sources differ from its stamp', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'crystens-cli-cache-'));
    const first = await bundledCli(cache);
    expect(existsSync(fileURLToPath(first))).toBe(true);
    expect(await bundledCli(cache)).toBe(first);
    writeFileSync(join(cache, 'current.json'), JSON.stringify({ dir: first.split('/').at(-2), stamp: 0 }));
    const second = await bundledCli(cache);
    expect(second).not.toBe(first);
    expect(existsSync(fileURLToPath(second))).toBe(true);
    rmSync(cache, { recursive: true });
  });
});
