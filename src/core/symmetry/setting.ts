/**
 * Resolves how a CIF names its space-group setting — a Hall symbol, an International Tables number or a
 * Hermann–Mauguin symbol in any common spelling — to one of the 530 Hall settings known to moyo.
 */
import { allHallEntries, operationsOfHallNumber, standardHallNumber } from './moyo';
import { composeSymOps, type SymOp } from './operation';

/** Lower case, no spaces, underscores or quotes: `P 1 21/n 1` → `p121/n1`. */
function squeeze(symbol: string): string {
  return symbol.toLowerCase().replace(/[\s_'"]/g, '');
}

export function hallNumberFromHallSymbol(symbol: string): number | undefined {
  const key = squeeze(symbol);
  return allHallEntries().find((e) => squeeze(e.hall_symbol) === key)?.hall_number;
}

export function hallNumberFromNumber(spaceGroup: number): number | undefined {
  if (!Number.isInteger(spaceGroup) || spaceGroup < 1 || spaceGroup > 230) return undefined;
  return standardHallNumber(spaceGroup);
}

interface HmKey {
  readonly key: string;
  readonly hallNumber: number;
  readonly number: number;
  readonly setting: string;
}

let hmKeys: HmKey[] | undefined;

/** Every spelling a setting is written with: the full symbol, the full symbol without its '1' axes
 *  (monoclinic short form), the orthorhombic short form (`P 21/n 21/m 21/a` → `P n m a`), and the short symbol
 *  for the settings that differ from the standard one only by origin or by rhombohedral axes. */
function keys(): HmKey[] {
  if (hmKeys) return hmKeys;
  hmKeys = [];
  for (const e of allHallEntries()) {
    const parts = e.hm_full.split(/\s+/);
    const spellings = new Set([e.hm_full, parts.filter((p, i) => i === 0 || p !== '1').join(' ')]);
    if (e.number >= 16 && e.number <= 74) spellings.add(parts.map((p) => p.replace(/^.*\//, '')).join(' '));
    // Origin choices and rhombohedral/hexagonal axes share the standard's symbols: its short one names them all.
    const standard = allHallEntries()[standardHallNumber(e.number) - 1]!;
    if (e.hm_full === standard.hm_full) spellings.add(e.hm_short);
    for (const s of spellings) {
      hmKeys.push({ key: squeeze(s), hallNumber: e.hall_number, number: e.number, setting: e.setting.toLowerCase() });
    }
  }
  return hmKeys;
}

/**
 * `F d -3 m:2`, `R 3 :H`, `P 21/n`, `Pnma`, `F m 3 m` (the old spelling without the bar),
 * `F d -3 m {origin @ centre (-3m)}`. Undefined when nothing matches.
 */
export function hallNumberFromHermannMauguin(symbol: string): number | undefined {
  let text = symbol.replace(/\{[^}]*\}|\([^)]*\)/g, ' ').trim();
  let setting: string | undefined;
  const suffix = /[:\s]\s*(1|2|h|r|s|z)\s*$/i.exec(text);
  if (suffix && (text.includes(':') || /[hrsz]$/i.test(suffix[1]!))) {
    const s = suffix[1]!.toLowerCase();
    setting = s === 's' ? '1' : s === 'z' ? '2' : s;
    text = text.slice(0, suffix.index);
  }
  if (/centre|center/i.test(symbol)) setting ??= '2';
  const key = squeeze(text.replace(/:/g, ''));
  if (!key) return undefined;
  let matches = keys().filter((k) => k.key === key);
  if (matches.length === 0) {
    const unbarred = key.replace(/-/g, '');
    matches = keys().filter((k) => k.key.replace(/-/g, '') === unbarred);
  }
  if (matches.length === 0) return undefined;
  const numbers = new Set(matches.map((m) => m.number));
  if (numbers.size > 1) return undefined;
  if (setting) {
    const chosen = matches.find((m) => m.setting === setting);
    if (chosen) return chosen.hallNumber;
  }
  const standard = standardHallNumber(matches[0]!.number);
  return matches.find((m) => m.hallNumber === standard)?.hallNumber ?? Math.min(...matches.map((m) => m.hallNumber));
}

/** Lattice-centring translations (International Tables, Vol. A, Table 1.2.1). */
const CENTRING: Record<string, readonly (readonly number[])[]> = {
  p: [[0, 0, 0]],
  a: [[0, 0, 0], [0, 0.5, 0.5]],
  b: [[0, 0, 0], [0.5, 0, 0.5]],
  c: [[0, 0, 0], [0.5, 0.5, 0]],
  i: [[0, 0, 0], [0.5, 0.5, 0.5]],
  f: [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]],
};

/**
 * The operations a Hermann–Mauguin symbol names: one of the 530 settings, or a non-standard centring of one
 * (`C -1`, `I 2/m`, `F -1`) built as the primitive group's operations times the centring translations.
 */
export function operationsFromHermannMauguin(symbol: string): { operations: SymOp[]; number: number } | undefined {
  const hall = hallNumberFromHermannMauguin(symbol);
  if (hall !== undefined) return { operations: operationsOfHallNumber(hall), number: allHallEntries()[hall - 1]!.number };
  const m = /^\s*([abcif])\s*(.+)$/i.exec(symbol);
  if (!m) return undefined;
  const primitive = hallNumberFromHermannMauguin(`P ${m[2]}`);
  if (primitive === undefined) return undefined;
  const translations = CENTRING[m[1]!.toLowerCase()]!;
  const operations = translations.flatMap((t) =>
    operationsOfHallNumber(primitive).map((op) => composeSymOps({ rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: t }, op)),
  );
  return { operations, number: allHallEntries()[primitive - 1]!.number };
}
