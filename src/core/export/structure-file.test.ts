/**
 * The 3-D view's downloads against pymatgen and ASE (goldens/structure-files.json, make_export_goldens.py): for
 * five crystals of the corpus, our POSCAR and extended XYZ hold the lattice, species and positions of pymatgen's
 * own reading of the CIF, number for number as pymatgen's Poscar and ASE's extxyz writers give them; the files the
 * generator had pymatgen and ASE read back are the files the writers write now; a disordered crystal is refused,
 * as pymatgen refuses it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import golden from '../../../goldens/structure-files.json';
import type { Crystal, Vec3 } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { cartToFrac, latticeFromMatrix, latticeFromParameters, type Lattice } from '../lattice';
import { periodicDistance } from '../pbc';
import { initMoyoNode } from '../symmetry/moyo-node';
import { CIF_CORPUS } from '../testing/corpus';
import { STRUCTURE_FILE_TYPES, STRUCTURE_FORMATS } from './structure-file';

/** A crystal as a file gives it: its lattice, and each atom's element and fractional position. */
interface ReadStructure {
  readonly lattice: Lattice;
  readonly species: string[];
  readonly frac: Vec3[];
}

const numbers = (line: string) => line.trim().split(/\s+/).map(Number);

/** A VASP 5 POSCAR with direct coordinates and scale 1, as both writers make it. Charges (`Li+`) are dropped. */
function readPoscar(text: string): ReadStructure {
  const lines = text.split('\n');
  expect(lines[1]).toBe('1.0');
  expect(lines[7]).toBe('direct');
  const lattice = latticeFromMatrix(lines.slice(2, 5).flatMap(numbers));
  const symbols = lines[5]!.trim().split(/\s+/);
  const counts = numbers(lines[6]!);
  const species = symbols.flatMap((el, i) => Array<string>(counts[i]!).fill(el));
  const frac = species.map((_, i) => numbers(lines[8 + i]!).slice(0, 3) as unknown as Vec3);
  lines.slice(8, 8 + species.length).forEach((line, i) => expect(line.trim().split(/\s+/)[3]!.replace(/[\d.]*[+-]$/, '')).toBe(species[i]));
  return { lattice, species, frac };
}

/** Extended XYZ: count, `Lattice="…"` with species and positions as the first columns and periodic along a, b, c. */
function readExtxyz(text: string): ReadStructure {
  const lines = text.trimEnd().split('\n');
  const count = Number(lines[0]);
  expect(lines[1]).toMatch(/Properties=species:S:1:pos:R:3(\s|:)/);
  expect(lines[1]).toContain('pbc="T T T"');
  const lattice = latticeFromMatrix(numbers(/Lattice="([^"]+)"/.exec(lines[1]!)![1]!));
  const atoms = lines.slice(2).map((l) => l.trim().split(/\s+/));
  expect(atoms).toHaveLength(count);
  return {
    lattice,
    species: atoms.map((a) => a[0]!),
    frac: atoms.map((a) => cartToFrac(lattice, a.slice(1, 4).map(Number) as unknown as Vec3)),
  };
}

/** Expects the same lattice parameters, species and sites (matched by species and periodic distance, in Å). */
function expectSameStructure(ours: ReadStructure, theirs: ReadStructure, siteTolerance: number): void {
  const p = (l: Lattice) => [l.a, l.b, l.c, l.alpha, l.beta, l.gamma];
  p(ours.lattice).forEach((x, i) => expect(x).toBeCloseTo(p(theirs.lattice)[i]!, 9));
  expect([...ours.species].sort()).toEqual([...theirs.species].sort());
  const unmatched = new Set(theirs.species.keys());
  ours.species.forEach((el, i) => {
    let best = -1;
    let bestDistance = Infinity;
    for (const j of unmatched) {
      const d = theirs.species[j] === el ? periodicDistance(ours.lattice, ours.frac[i]!, theirs.frac[j]!) : Infinity;
      if (d < bestDistance) [best, bestDistance] = [j, d];
    }
    expect(bestDistance, `${el} at ${ours.frac[i]!.join(' ')}`).toBeLessThan(siteTolerance);
    unmatched.delete(best);
  });
}

function corpusCrystal(file: string): Crystal {
  const [entry] = ingestFile({ name: file, bytes: readFileSync(join(CIF_CORPUS, file)) });
  if (!entry?.ok) throw new Error(`${file} did not read`);
  return entry.crystal;
}

beforeAll(async () => {
  await initMoyoNode();
});

describe('structure files against pymatgen and ASE', () => {
  for (const c of golden.cases) {
    const reference: ReadStructure = {
      lattice: latticeFromParameters({
        a: c.reference.parameters[0]!, b: c.reference.parameters[1]!, c: c.reference.parameters[2]!,
        alpha: c.reference.parameters[3]!, beta: c.reference.parameters[4]!, gamma: c.reference.parameters[5]!,
      }),
      species: c.reference.species,
      frac: c.reference.species.map((_, i) => c.reference.frac.slice(3 * i, 3 * i + 3) as unknown as Vec3),
    };

    it(`${c.file}: our POSCAR holds what pymatgen's Poscar writes`, () => {
      const ours = readPoscar(STRUCTURE_FILE_TYPES.poscar.write(corpusCrystal(c.file)));
      const theirs = readPoscar(c.pymatgenPoscar);
      expectSameStructure(ours, theirs, 1e-9);
      expectSameStructure(ours, reference, 1e-9);
    });

    it(`${c.file}: our extended XYZ holds what ASE's extxyz writes`, () => {
      const ours = readExtxyz(STRUCTURE_FILE_TYPES.extxyz.write(corpusCrystal(c.file)));
      // ASE writes positions to 8 decimals (1e-8 Å).
      expectSameStructure(ours, readExtxyz(c.aseExtxyz), 1e-7);
      expectSameStructure(ours, reference, 1e-9);
    });

    it(`${c.file}: the CIF, POSCAR and extended XYZ pymatgen and ASE read back are the ones written now`, () => {
      const crystal = corpusCrystal(c.file);
      for (const format of STRUCTURE_FORMATS) {
        const digest = createHash('sha256').update(STRUCTURE_FILE_TYPES[format].write(crystal)).digest('hex');
        expect(digest, `${format}: regenerate goldens/structure-files.json (make_export_goldens.py)`).toBe(c.ours[format].sha256);
      }
    });
  }

  it(`refuses a disordered crystal in POSCAR and extended XYZ with the reason, as pymatgen refuses a POSCAR of it`, () => {
    const { file, pymatgenPoscar, ours } = golden.disordered;
    expect(pymatgenPoscar).toMatch(/partial occupancies cannot be converted/);
    const crystal = corpusCrystal(file);
    expect(() => STRUCTURE_FILE_TYPES.poscar.write(crystal)).toThrow(ours.poscar);
    expect(() => STRUCTURE_FILE_TYPES.extxyz.write(crystal)).toThrow(ours.extxyz);
    expect(ours.poscar).toBe('POSCAR holds one whole atom per position: 16 of 34 sites are partly occupied or share one');
    expect(STRUCTURE_FILE_TYPES.cif.write(crystal)).toContain('_atom_site_occupancy');
  });
});
