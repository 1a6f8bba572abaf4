import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { declaringSize, streamedZip, withMethod } from '../testing/zip-bomb';
import { type EntryChoice, InflationBudget, readZip, type ZipEntry, type ZipLimits } from './read';

const MB = 1048576;
/** Deflate's largest expansion (258-byte matches coded in 2 bits) times the slice the reader inflates at once. */
const OVERSHOOT = 1032 * 4096;
const LIMITS: ZipLimits = { maxEntryBytes: 2 * MB, maxArchiveBytes: 5 * MB, maxEntries: 100 };

const good = strToU8('data_good\n_cell_length_a 4\n');

function read(zip: Uint8Array, limits = LIMITS, choose: (name: string) => EntryChoice = () => 'read') {
  const budget = new InflationBudget(limits);
  const entries: ZipEntry[] = [];
  let error: string | undefined;
  try {
    for (const e of readZip(zip, choose, budget)) entries.push(e);
  } catch (e) {
    error = (e as Error).message;
  }
  const outcome = entries.map((e) => [e.name, 'bytes' in e ? e.bytes.length : e.skipped]);
  return { entries, outcome, error, inflated: budget.inflated };
}

describe('readZip', () => {
  it('stops a bomb at its cap, counting what it inflates, and keeps the entries around it', () => {
    const { entries, outcome, inflated } = read(zipSync({ 'a.cif': good, 'bomb.cif': new Uint8Array(16 * MB), 'z.cif': good }));
    expect(outcome).toEqual([
      ['a.cif', good.length],
      ['bomb.cif', expect.stringMatching(/^inflates to more than 2 MB, the most this entry may hold; stopped after \d\.\d MB$/)],
      ['z.cif', good.length],
    ]);
    expect(entries[2]).toEqual({ name: 'z.cif', bytes: good });
    // What was inflated: the two small entries and the bomb up to its cap, plus at most one slice's expansion.
    expect(inflated).toBeGreaterThan(2 * MB);
    expect(inflated).toBeLessThanOrEqual(2 * MB + OVERSHOOT + 2 * good.length);
  });

  it('does not trust the sizes an archive declares', () => {
    const lying = declaringSize(zipSync({ 'bomb.cif': new Uint8Array(16 * MB), 'z.cif': good }), 100);
    const { outcome, inflated } = read(lying);
    expect(outcome).toEqual([['bomb.cif', expect.stringMatching(/more than 2 MB/)], ['z.cif', good.length]]);
    expect(inflated).toBeLessThanOrEqual(2 * MB + OVERSHOOT + good.length);
  });

  it('stops a bomb whose sizes follow its data (a streamed zip)', () => {
    const { outcome, inflated } = read(streamedZip([{ name: 'bomb.cif', zeros: 32 * MB }, { name: 'z.cif', bytes: good }]));
    expect(outcome).toEqual([['bomb.cif', expect.stringMatching(/more than 2 MB/)], ['z.cif', good.length]]);
    expect(inflated).toBeLessThanOrEqual(2 * MB + OVERSHOOT + good.length);
  });

  it('counts stored entries too', () => {
    const { outcome } = read(zipSync({ 'big.cif': new Uint8Array(3 * MB), 'z.cif': good }, { level: 0 }));
    expect(outcome).toEqual([['big.cif', expect.stringMatching(/more than 2 MB/)], ['z.cif', good.length]]);
  });

  it('caps the archive in all, listing every entry it did not read', () => {
    const mb = new Uint8Array(1.5 * MB);
    const { outcome, inflated } = read(zipSync({ '1.cif': mb, '2.cif': mb, '3.cif': mb, '4.cif': mb, '5.cif': good }));
    expect(outcome).toEqual([
      ['1.cif', 1.5 * MB],
      ['2.cif', 1.5 * MB],
      ['3.cif', 1.5 * MB],
      ['4.cif', 'the archive inflates to more than 5 MB in all; stopped in this entry'],
      ['5.cif', 'not read: the archive already inflated to its 5 MB cap'],
    ]);
    expect(inflated).toBeLessThanOrEqual(5 * MB + OVERSHOOT);
  });

  it('gives an entry a lower cap of its own, and skips or ignores entries without inflating them', () => {
    const zip = zipSync({ 'small.json': new Uint8Array(MB), 'skip.bin': new Uint8Array(16 * MB), 'quiet/x': good });
    const { outcome, inflated } = read(zip, LIMITS, (name) =>
      name === 'small.json' ? { readUpTo: 0.5 * MB } : name === 'skip.bin' ? { skip: 'not wanted' } : 'ignore',
    );
    expect(outcome).toEqual([['small.json', expect.stringMatching(/more than 0.5 MB/)], ['skip.bin', 'not wanted']]);
    expect(inflated).toBeLessThanOrEqual(MB);
  });

  it('keeps the entries before the point where a cut-short archive ends', () => {
    const zip = zipSync({ 'a.cif': good, 'b.cif': strToU8('x'.repeat(100_000)) }, { level: 0 });
    const { outcome } = read(zip.subarray(0, 60_000));
    expect(outcome).toEqual([['a.cif', good.length], ['b.cif', expect.stringMatching(/^not readable \(the archive ends inside it/)]]);
  });

  it('lists an entry compressed with a method it cannot inflate', () => {
    const { outcome } = read(withMethod(zipSync({ 'a.cif': good }), 12));
    expect(outcome).toEqual([['a.cif', 'compressed with method 12; only stored and deflated entries are read']]);
  });

  it('refuses past its entry count, keeping what came before', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`${i}.cif`, good]));
    const { outcome, error } = read(zipSync(many), { ...LIMITS, maxEntries: 5 });
    expect(outcome.map(([name]) => name)).toEqual(['0.cif', '1.cif', '2.cif', '3.cif', '4.cif']);
    expect(error).toBe('holds more than 5 entries; those after the 5th are not read');
  });

  it('tells an empty archive from bytes that are not a zip', () => {
    expect(read(zipSync({}))).toMatchObject({ outcome: [], error: undefined });
    expect(read(strToU8('not a zip')).error).toBe('not a zip archive (no entry found)');
  });
});
