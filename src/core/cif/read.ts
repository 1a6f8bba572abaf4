/**
 * CIF meaning: a parsed data block → a Crystal (the full cell, symmetry expanded), or the reason there is none.
 */
import type { Crystal } from '../crystal';
import { type AsymmetricSite, expandAsymmetricUnit } from '../expand';
import { formatCount, MAX_BLOCKS_PER_FILE, MAX_SYMMETRY_SEARCH_WORK, symmetrySearchWork } from '../input-limits';
import { type Lattice, cartToFrac, latticeFromParameters, volume } from '../lattice';
import { checkClosure } from '../symmetry/closure';
import { detectCrystalSymmetry, spaceGroupNotDetected } from '../symmetry/crystal-symmetry';
import { IDENTITY, composeSymOps, parseSymOp, type SymOp } from '../symmetry/operation';
import { DEFAULT_SYMPREC, operationsOfHallNumber } from '../symmetry/moyo';
import { hallNumberFromHallSymbol, hallNumberFromNumber, operationsFromHermannMauguin } from '../symmetry/setting';
import { cellAngleProblem, cellLengthProblem, coordinateProblem, densityProblem } from './plausibility';
import { speciesOfLabel, speciesOfTypeSymbol } from './site-species';
import { type CifBlock, type CifItem, type CifValue, cifValueText, INAPPLICABLE, parseCif } from './syntax';
import { PREDICTED_SPACE_GROUP_TAG } from './tags';

/**
 * An importer's entry: what one data block (or one CSV row) gives, a crystal or the reason there is none. Defined
 * here, where blocks are read, and re-exported by ingest/types.ts for the importer's users.
 */
export type IngestEntry =
  | { readonly source: string; readonly ok: true; readonly crystal: Crystal; readonly warnings: readonly string[] }
  | { readonly source: string; readonly ok: false; readonly error: string; readonly warnings: readonly string[] };

class BlockError extends Error {}

/** Reads every data block of a CIF text. `file` names the source in messages. Never throws. */
export function readCif(text: string, file: string, symprec = DEFAULT_SYMPREC): IngestEntry[] {
  const doc = parseCif(text);
  const results: IngestEntry[] = [];
  // Blocks without atom positions (publication data, powder patterns, reduced cells) are skipped, as other
  // readers do; when no block has any, the first block that looks structural says what is missing.
  let blocks = doc.blocks.filter((b) => hasAtomPositions(b) || (b.error !== undefined && hasAtomSiteTags(b)));
  if (blocks.length === 0) blocks = doc.blocks.filter((b) => hasAtomSiteTags(b) || find(b, 'cell.length_a')).slice(0, 1);
  for (const block of blocks.slice(0, MAX_BLOCKS_PER_FILE)) {
    const source = `${file}#${block.name}`;
    try {
      const crystal = readBlock(block, source, symprec);
      results.push({ source, ok: true, crystal, warnings: crystal.warnings });
    } catch (e) {
      results.push({ source, ok: false, error: `${source}: ${messageOf(e)}`, warnings: block.warnings });
    }
  }
  const unread = blocks[MAX_BLOCKS_PER_FILE];
  if (unread) {
    const source = `${file}#${unread.name}`;
    const error = `${source}: the file has ${formatCount(blocks.length)} data blocks with atom sites, more than the ${formatCount(MAX_BLOCKS_PER_FILE)} one file may have; the first ${formatCount(MAX_BLOCKS_PER_FILE)} were read, not this block nor the ${formatCount(blocks.length - MAX_BLOCKS_PER_FILE - 1)} after it`;
    results.push({ source, ok: false, error, warnings: [] });
  }
  if (results.length === 0) {
    const blockError = doc.blocks.find((b) => b.error !== undefined);
    const why =
      doc.errors[0] ??
      (blockError ? `block ${blockError.name}: ${blockError.error}` : undefined) ??
      (doc.blocks.length === 0 ? 'no data_ block: this is not a CIF' : 'no data block lists atom sites: there is no crystal in it');
    results.push({ source: file, ok: false, error: `${file}: ${why}`, warnings: [] });
  }
  return results;
}

/** A value from the file, shortened for a message (a hostile file may hold a megabyte in one field). */
function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const ATOM_SITE_TAGS = ['atom_site.fract_x', 'atom_site.cartn_x', 'atom_site.label', 'atom_site.type_symbol'];

function hasAtomSiteTags(block: CifBlock): boolean {
  return ATOM_SITE_TAGS.some((name) => find(block, name) !== undefined);
}

/** At least one atom site with a coordinate that is not `?` or `.`. */
function hasAtomPositions(block: CifBlock): boolean {
  const x = find(block, 'atom_site.fract_x') ?? find(block, 'atom_site.cartn_x');
  return x !== undefined && x.values.some((v) => v !== null);
}

/** Looks a data name up in both spellings: `_cell_length_a` (CIF 1) and `_cell.length_a` (DDLm). */
function find(block: CifBlock, name: string): CifItem | undefined {
  return block.items.get(`_${name}`) ?? block.items.get(`_${name.replace('.', '_')}`);
}

function firstText(block: CifBlock, ...names: string[]): { text: string; line: number } | undefined {
  for (const name of names) {
    const item = find(block, name);
    const v = item?.values[0];
    if (item && typeof v === 'string' && v.trim() !== '') return { text: v.trim(), line: item.lines[0]! };
  }
  return undefined;
}

/** `5.431(2)` → 5.431, `1/4` → 0.25; `?` → undefined; `.` → the default, if given; anything else → NaN. */
export function cifNumber(v: CifValue | undefined, inapplicable?: number): number | undefined {
  if (v === INAPPLICABLE) return inapplicable;
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') return Number.NaN;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?:\(\d+\)|\/(\d+))?\s*$/.exec(v);
  if (!m) return Number.NaN;
  return m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
}

function readBlock(block: CifBlock, source: string, symprec: number): Crystal {
  if (block.error) throw new BlockError(block.error);
  const warnings = [...block.warnings];
  const lattice = readLattice(block, warnings);
  const asymmetric = readAtomSites(block, lattice, warnings);
  // The listed atoms are a lower bound on the cell's: too dense already is refused before any expansion.
  const listedDensity = densityProblem(volume(lattice), sumOccupancy(asymmetric));
  if (listedDensity.refuse) throw new BlockError(listedDensity.refuse);
  let { operations, declared } = readOperations(block, warnings);
  if (!preservesMetric(lattice, operations)) {
    warnings.push(
      `the cell (${lattice.a.toFixed(3)}, ${lattice.b.toFixed(3)}, ${lattice.c.toFixed(3)} Å; ${lattice.alpha.toFixed(1)}, ${lattice.beta.toFixed(1)}, ${lattice.gamma.toFixed(1)}°) does not fit the symmetry operations of space group ${declared ?? 'given'}; the listed atoms were read as the whole cell (P1)`,
    );
    operations = [IDENTITY];
  }
  let expansion;
  try {
    expansion = expandAsymmetricUnit(lattice, asymmetric, operations);
  } catch (e) {
    throw new BlockError(messageOf(e));
  }
  warnings.push(...expansion.warnings);
  const sites = expansion.sites;
  const density = densityProblem(volume(lattice), sumOccupancy(sites));
  if (density.refuse) throw new BlockError(density.refuse);
  if (density.warn) warnings.push(density.warn);
  const partial = sites.filter((s) => s.occupancy < 1);
  if (partial.length > 0) {
    const labels = [...new Set(partial.map((s) => s.label))];
    warnings.push(
      `partial occupancy at ${labels.length} site${labels.length > 1 ? 's' : ''} (${labels.slice(0, 6).join(', ')}${labels.length > 6 ? ', …' : ''}): a CrysTens cannot represent it`,
    );
  }
  const detected = detect(lattice, sites, symprec, warnings);
  // A file declared P1 lists its whole cell: finding more symmetry in it is expected, not a conflict.
  if (detected && declared !== undefined && declared !== 1 && detected.number !== declared) {
    warnings.push(`declared space group ${declared} but the expanded structure has ${detected.number} (${detected.symbol}) at ${symprec} Å`);
  }
  const predicted = readPredictedSpaceGroup(block);
  return {
    source,
    lattice,
    sites,
    spaceGroup: { declared, detected: detected?.number, detectedSymbol: detected?.symbol, ...(predicted !== undefined && { predicted }) },
    warnings,
  };
}

function sumOccupancy(sites: readonly { readonly occupancy: number }[]): number {
  let sum = 0;
  for (const s of sites) sum += s.occupancy;
  return sum;
}

/** The group a generated crystal's tensor predicted, which the studio's CIF writer records under its own tag. */
function readPredictedSpaceGroup(block: CifBlock): number | undefined {
  const item = firstText(block, PREDICTED_SPACE_GROUP_TAG.slice(1).toLowerCase());
  const n = item ? Number(item.text) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 230 ? n : undefined;
}

function readLattice(block: CifBlock, warnings: string[]): Lattice {
  const value = (name: string, fallback?: number): { value: number; text: string } => {
    const item = find(block, `cell.${name}`);
    const v = cifNumber(item?.values[0]);
    if (v === undefined) {
      if (fallback === undefined) throw new BlockError(item ? `_cell_${name} is unknown ('?')` : `no cell: _cell_${name} is missing`);
      warnings.push(`_cell_${name} missing; taken as ${fallback}°`);
      return { value: fallback, text: String(fallback) };
    }
    if (Number.isNaN(v)) throw new BlockError(`line ${item!.lines[0]}: _cell_${name} is not a number: ${JSON.stringify(item!.values[0])}`);
    const text = cifValueText(item!.values[0] ?? null);
    const problem = name.startsWith('length_')
      ? cellLengthProblem(name.slice(7) as 'a' | 'b' | 'c', v, text)
      : cellAngleProblem(name.slice(6) as 'alpha' | 'beta' | 'gamma', v, text);
    if (problem) throw new BlockError(`line ${item!.lines[0]}: ${problem}`);
    return { value: v, text };
  };
  const [a, b, c, alpha, beta, gamma] = [
    value('length_a'), value('length_b'), value('length_c'),
    value('angle_alpha', 90), value('angle_beta', 90), value('angle_gamma', 90),
  ];
  try {
    return latticeFromParameters({ a: a.value, b: b.value, c: c.value, alpha: alpha.value, beta: beta.value, gamma: gamma.value });
  } catch {
    // Each angle is in (0°, 180°) here, so what fails is the three together (one larger than the other two summed).
    throw new BlockError(`the cell angles _cell_angle_alpha, _beta, _gamma = ${alpha.text}°, ${beta.text}°, ${gamma.text}° make no cell (no volume)`);
  }
}

function readAtomSites(block: CifBlock, lattice: Lattice, warnings: string[]): AsymmetricSite[] {
  const fx = find(block, 'atom_site.fract_x');
  const cartesian = !fx && find(block, 'atom_site.cartn_x') !== undefined;
  const axis = (n: string) => find(block, cartesian ? `atom_site.cartn_${n}` : `atom_site.fract_${n}`);
  const [x, y, z] = [axis('x'), axis('y'), axis('z')];
  if (!x || !y || !z) throw new BlockError('no atom sites: _atom_site_fract_x, _y, _z are missing');
  if (x.loop !== y.loop || x.loop !== z.loop || x.values.length !== y.values.length || x.values.length !== z.values.length) {
    throw new BlockError(`line ${x.lines[0]}: the atom-site coordinates are not in one loop`);
  }
  const type = find(block, 'atom_site.type_symbol');
  const label = find(block, 'atom_site.label');
  const occupancy = find(block, 'atom_site.occupancy');
  const calcFlag = find(block, 'atom_site.calc_flag');
  for (const column of [type, label, occupancy, calcFlag]) {
    if (column && column.values.length !== x.values.length) {
      throw new BlockError(`line ${column.lines[0]}: ${column.tag} has ${column.values.length} values for ${x.values.length} atom sites`);
    }
  }
  const sites: AsymmetricSite[] = [];
  const skipped: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < x.values.length; i++) {
    const line = x.lines[i]!;
    const name = cifValueText(label?.values[i] ?? type?.values[i] ?? `site ${i + 1}`);
    if (typeof calcFlag?.values[i] === 'string' && (calcFlag.values[i] as string).toLowerCase() === 'dum') {
      skipped.push(name);
      continue;
    }
    // ICSD exports write '.' for a zero coordinate; pymatgen reads it so too.
    const coords = [cifNumber(x.values[i], 0), cifNumber(y.values[i], 0), cifNumber(z.values[i], 0)];
    if (coords.some((c) => c === undefined)) {
      skipped.push(name);
      continue;
    }
    if (coords.some((c) => Number.isNaN(c))) {
      throw new BlockError(`line ${line}: site ${name} has a coordinate that is not a number`);
    }
    const c = coords as [number, number, number];
    const frac = cartesian ? cartToFrac(lattice, c) : c;
    frac.forEach((f, k) => {
      const problem = coordinateProblem(f);
      const axisName = `${cartesian ? '_atom_site_Cartn_' : '_atom_site_fract_'}${'xyz'[k]}`;
      if (problem) throw new BlockError(`line ${line}: site ${name}: ${axisName} = ${cifValueText([x, y, z][k]!.values[i] ?? null)} ${problem}`);
    });
    const symbol = typeof type?.values[i] === 'string' ? (type.values[i] as string) : undefined;
    let species;
    if (symbol !== undefined) {
      const reading = speciesOfTypeSymbol(symbol);
      if (!reading.ok) throw new BlockError(`line ${type!.lines[i]}: site ${name}: type symbol '${truncate(symbol)}' ${reading.reason}`);
      species = reading.species;
    } else {
      species = speciesOfLabel(name);
    }
    if (!species) {
      // Difference-map peaks (labels such as Q1, max, min) and dummy atoms are not atoms.
      unknown.push(name);
      continue;
    }
    const occ = cifNumber(occupancy?.values[i], 1) ?? 1;
    if (Number.isNaN(occ) || occ < 0) throw new BlockError(`line ${line}: site ${name} has occupancy ${cifValueText(occupancy?.values[i] ?? null)}`);
    if (occ === 0) {
      warnings.push(`site ${name} has occupancy 0 and was left out`);
      continue;
    }
    for (const { element, fraction } of species) {
      sites.push({ label: name, element: element.symbol, Z: element.Z, frac, occupancy: Math.min(occ, 1) * fraction });
    }
    if (occ > 1 + 1e-6) warnings.push(`site ${name} has occupancy ${occ} > 1; taken as 1`);
  }
  if (unknown.length > 0) warnings.push(`sites naming no element were left out: ${unknown.slice(0, 6).join(', ')}`);
  if (skipped.length > 0) warnings.push(`sites without coordinates or marked dummy were skipped: ${skipped.slice(0, 6).join(', ')}`);
  if (sites.length === 0) {
    throw new BlockError(unknown.length > 0 ? `no site names an element (${unknown.slice(0, 6).join(', ')})` : 'no atom sites with coordinates');
  }
  if (cartesian) warnings.push('atom positions given as Cartesian coordinates were converted to fractional ones');
  return sites;
}

function symOpColumn(block: CifBlock, names: string[]): { ops: SymOp[]; item: CifItem } | undefined {
  for (const name of names) {
    const item = find(block, name);
    if (!item) continue;
    const ops: SymOp[] = [];
    item.values.forEach((v, i) => {
      if (typeof v !== 'string') throw new BlockError(`line ${item.lines[i]}: ${item.tag} value is not an operation`);
      try {
        ops.push(parseSymOp(v));
      } catch (e) {
        throw new BlockError(`line ${item.lines[i]}: ${messageOf(e)}`);
      }
    });
    return { ops, item };
  }
  return undefined;
}

/**
 * Symmetry operations, in the order CIF readers agree on: the listed operations (new tag, then old; magnetic
 * operations combined with their centrings), else the Hall symbol, the International Tables number, and the
 * Hermann–Mauguin symbol. A block with none of them is taken as P1.
 */
function readOperations(block: CifBlock, warnings: string[]): { operations: SymOp[]; declared?: number } {
  const itNumber = firstText(block, 'space_group.it_number', 'symmetry.int_tables_number', 'space_group.it_number');
  const declaredNumber = itNumber ? cifNumber(itNumber.text) : undefined;
  const declared = declaredNumber !== undefined && Number.isInteger(declaredNumber) && declaredNumber >= 1 && declaredNumber <= 230
    ? declaredNumber
    : undefined;

  if (find(block, 'space_group_symop.ssg_operation_algebraic') || find(block, 'cell_wave_vector.x')) {
    throw new BlockError('a modulated (superspace) structure: its average cell alone is not the crystal');
  }
  const listed = symOpColumn(block, ['space_group_symop.operation_xyz', 'symmetry_equiv.pos_as_xyz']);
  if (listed && listed.ops.length > 0) {
    warnUnlessGroup(listed.ops, listed.item, warnings);
    return { operations: listed.ops, declared };
  }
  const magnetic = symOpColumn(block, ['space_group_symop_magn_operation.xyz', 'space_group_symop.magn_operation_xyz']);
  if (magnetic && magnetic.ops.length > 0) {
    const centrings = symOpColumn(block, ['space_group_symop_magn_centering.xyz', 'space_group_symop.magn_centering_xyz']);
    const operations = (centrings?.ops ?? [IDENTITY]).flatMap((c) => magnetic.ops.map((op) => composeSymOps(c, op)));
    warnUnlessGroup(operations, magnetic.item, warnings);
    return { operations, declared };
  }
  const hall = firstText(block, 'space_group.name_hall', 'symmetry.space_group_name_hall');
  if (hall) {
    const n = hallNumberFromHallSymbol(hall.text);
    if (n !== undefined) return { operations: operationsOfHallNumber(n), declared };
    warnings.push(`line ${hall.line}: Hall symbol '${hall.text}' is not one of the 530 standard settings`);
  }
  // The symbol names the setting (origin, axes, centring); the number only the type: the symbol goes first.
  const hm = firstText(block, 'space_group.name_h-m_alt', 'symmetry.space_group_name_h-m', 'space_group.name_h-m_full', 'space_group.name_h-m', 'space_group.name_h-m_ref');
  const named = hm ? operationsFromHermannMauguin(hm.text) : undefined;
  if (named) {
    if (declared !== undefined && named.number !== declared) {
      warnings.push(`line ${hm!.line}: space group '${hm!.text}' is number ${named.number}, not the declared ${declared}`);
    }
    return { operations: named.operations, declared: declared ?? named.number };
  }
  if (hm) warnings.push(`line ${hm.line}: space group '${hm.text}' is not a Hermann–Mauguin symbol we know`);
  if (declared !== undefined) return { operations: operationsOfHallNumber(hallNumberFromNumber(declared)!), declared };
  if (hm) throw new BlockError(`line ${hm.line}: space group '${hm.text}' is not a Hermann–Mauguin symbol we know, and no symmetry operations are listed`);
  warnings.push('no symmetry operations or space group given; read as P1');
  return { operations: [IDENTITY], declared };
}

/**
 * Listed operations are applied as listed (as pymatgen and gemmi do), but a list that is no group gives atoms of
 * no particular symmetry: say so, naming the list.
 */
function warnUnlessGroup(operations: readonly SymOp[], item: CifItem, warnings: string[]): void {
  const check = checkClosure(operations);
  if (check.kind === 'group') return;
  const list = `the ${formatCount(operations.length)} symmetry operations listed under ${item.tag} from line ${item.lines[0]}`;
  warnings.push(
    check.kind === 'not-a-group'
      ? `${list} do not form a group: ${check.reason}; they were applied as listed`
      : `${list} were not all checked to form a group: ${check.reason}`,
  );
}

/**
 * Whether every rotation keeps the cell's metric (Rᵀ G R = G): operations taken from a symbol assume the
 * conventional cell, and some programs write a primitive cell under the conventional group's name.
 */
function preservesMetric(lattice: Lattice, operations: readonly SymOp[]): boolean {
  const m = lattice.matrix;
  const G = [0, 1, 2].map((i) => [0, 1, 2].map((j) => m[3 * i]! * m[3 * j]! + m[3 * i + 1]! * m[3 * j + 1]! + m[3 * i + 2]! * m[3 * j + 2]!));
  const scale = Math.max(lattice.a, lattice.b, lattice.c) ** 2;
  return operations.every(({ rotation: R }) => {
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let g = 0;
        for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) g += R[3 * k + i]! * G[k]![l]! * R[3 * l + j]!;
        if (Math.abs(g - G[i]![j]!) > 0.02 * scale) return false;
      }
    }
    return true;
  });
}

/** The detected group, or none (with a warning) where the search would cost more than one block may. */
function detect(lattice: Lattice, sites: Crystal['sites'], symprec: number, warnings: string[]) {
  const work = symmetrySearchWork(sites);
  if (work > MAX_SYMMETRY_SEARCH_WORK) {
    warnings.push(
      spaceGroupNotDetected(
        `searching ${formatCount(sites.length)} sites would take ${formatCount(work)} comparisons, more than the ${formatCount(MAX_SYMMETRY_SEARCH_WORK)} one block may`,
      ),
    );
    return undefined;
  }
  let symmetry;
  try {
    symmetry = detectCrystalSymmetry(lattice, sites, symprec);
  } catch (e) {
    throw new BlockError(`space-group detection failed: ${messageOf(e)}`);
  }
  if (symmetry.detected) return symmetry;
  warnings.push(spaceGroupNotDetected(symmetry.reason));
  return undefined;
}
