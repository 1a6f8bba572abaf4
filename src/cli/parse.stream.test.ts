import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../core/testing/corpus';
import { largeP1Block, ROCK_SALT_CIF } from '../core/testing/large-cif';

describe('crystens parse streams its entries', () => {
  it("prints a good file's entry before the next file is even read, and keeps it when that file is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-parse-stream-'));
    const good = join(dir, 'good.cif');
    writeFileSync(good, ROCK_SALT_CIF);
    // big.cif is a named pipe: reading it blocks until this test writes into it, which it does only once
    // good.cif's entry has come out. A parse that printed at the end would wait here for ever.
    const big = join(dir, 'big.cif');
    execFileSync('mkfifo', [big]);
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/crystens.mjs'), 'parse', good, big, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    onTestFinished(() => {
      child.kill();
    });

    const firstEntry = await new Promise<unknown[]>((done) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        try {
          const entries = JSON.parse(`${stdout}]`) as unknown[];
          if (entries.length > 0) done(entries);
        } catch {
          // Not a whole entry yet.
        }
      });
    });
    expect(firstEntry).toEqual([expect.objectContaining({ source: `${good}#NaCl`, ok: true, nsites: 8 })]);

    await writeFile(big, largeP1Block('big', 100_000));
    expect(await exited, stderr).toBe(0);
    const entries = JSON.parse(stdout);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ source: `${good}#NaCl`, ok: true, composition: { Na: 4, Cl: 4 }, spacegroup: { declared: 225, detected: 225 } });
    expect(entries[1]).toEqual({
      source: `${big}#big`,
      ok: false,
      error: `${big}#big: more than 25,000 sites after symmetry expansion, the most one block may have (so that one file cannot stall the batch)`,
      warnings: [],
    });
  }, 120_000);
});
