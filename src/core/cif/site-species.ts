/**
 * The species at an atom site: read strictly from `_atom_site_type_symbol`, leniently from `_atom_site_label`
 * where a file gives no type symbol. A type symbol is a chemical claim: `Fe`, `Fe2+`, `O2-`, `Na0` or a documented
 * alias, and anything else refuses the block rather than guessing from its first letters (`Uuo` is not uranium,
 * `<img/src=x>` is not iodine). A label is a name (`O1a`, `H(10B)`, `Ca2`), so its leading letters are read.
 */
import { type Element, elementBySymbol, elementFromSpecies } from '../elements';

export interface SpeciesPart {
  readonly element: Element;
  /** The share of the site this element holds (1 unless a Pauling File mixture says otherwise). */
  readonly fraction: number;
}

export type SpeciesReading = { readonly ok: true; readonly species: readonly SpeciesPart[] } | { readonly ok: false; readonly reason: string };

/**
 * Type symbols that are not element symbols but that files use for an atom, read as the element named. D and T
 * are hydrogen's isotopes (gemmi reads D as deuterium and T as unknown; pymatgen reads both as dummy species);
 * Hw, Ow and Wat are water's atoms, as pymatgen reads them; OH, OH₂, NH₃, NH₄ and NO₃ are pseudo-atoms for a
 * group refined as one scatterer, read as their central atom (pymatgen reads NO₃ as N, NH₃ as nihonium, and
 * drops OH and OH₂).
 */
export const TYPE_SYMBOL_ALIASES: Readonly<Record<string, string>> = {
  D: 'H',
  T: 'H',
  Hw: 'H',
  Ow: 'O',
  Wat: 'O',
  OH: 'O',
  OH2: 'O',
  NH3: 'N',
  NH4: 'N',
  NO3: 'N',
};

/** Aliases are matched in any case (`wat`, `WAT`), as element symbols are. */
const ALIAS_BY_LOWER = new Map(Object.entries(TYPE_SYMBOL_ALIASES).map(([alias, symbol]) => [alias.toLowerCase(), symbol]));

/** What may follow the element in a type symbol: a charge (`2+`, `2-`, `-2`, `2.5+`) or a bare number (`Na0`). */
const CHARGE = /^(?:\d+(?:\.\d+)?[+-]?|[+-]\d*(?:\.\d+)?)?$/;

/** A Pauling File mixture (`0.56(4)Mg + 0.44Zr`): amounts with optional uncertainties, each before an element. */
const MIXTURE_PART = /^\s*(\d*\.?\d+)(?:\(\d+\))?\s*([A-Za-z]{1,2})\s*$/;

const ELEMENT_FORMS = 'an element symbol (optionally with a charge: Fe, Fe2+, O2-)';

/**
 * Reads `_atom_site_type_symbol` strictly: the whole text must be an element symbol (any case) with an optional
 * charge, a mixture of elements, or an alias in TYPE_SYMBOL_ALIASES.
 */
export function speciesOfTypeSymbol(symbol: string): SpeciesReading {
  const text = symbol.trim();
  const alias = ALIAS_BY_LOWER.get(text.toLowerCase());
  if (alias) return { ok: true, species: [{ element: elementBySymbol(alias)!, fraction: 1 }] };
  if (text.includes('+') && /^\s*\d*\.?\d/.test(text)) return mixture(text);
  const element = elementWithCharge(text);
  if (element) return { ok: true, species: [{ element, fraction: 1 }] };
  return { ok: false, reason: `is neither ${ELEMENT_FORMS} nor an alias this reader documents (${Object.keys(TYPE_SYMBOL_ALIASES).join(', ')})` };
}

/** The element of `Fe2+` or `CA`: two letters are tried before one, and what follows must be a charge. */
function elementWithCharge(text: string): Element | undefined {
  for (const length of [2, 1]) {
    const head = text.slice(0, length);
    if (!/^[A-Za-z]+$/.test(head)) continue;
    const element = elementBySymbol(head);
    if (element && CHARGE.test(text.slice(length))) return element;
  }
  return undefined;
}

function mixture(text: string): SpeciesReading {
  const species: SpeciesPart[] = [];
  for (const part of text.split('+')) {
    const m = MIXTURE_PART.exec(part);
    const element = m ? elementBySymbol(m[2]!) : undefined;
    if (!m || !element) return { ok: false, reason: `is a mixture whose part '${part.trim()}' is not an amount before an element symbol` };
    species.push({ element, fraction: Number(m[1]) });
  }
  return { ok: true, species };
}

/**
 * Reads a site label where no type symbol is given: its leading letters, as other readers do (`Fe1` → Fe, `O1a`
 * → O, `Wat` → O). A label that does not start with a letter (`<img…>`, `-0.12`, `1`) names no element, nor do
 * difference-map peaks (`Q1`): undefined, and the caller leaves the site out with a warning.
 */
export function speciesOfLabel(label: string): readonly SpeciesPart[] | undefined {
  if (!/^[A-Za-z]/.test(label)) {
    const reading = /^\s*\d*\.?\d/.test(label) && label.includes('+') ? mixture(label) : undefined;
    return reading?.ok ? reading.species : undefined;
  }
  const element = /^wat/i.test(label) ? elementBySymbol('O') : elementFromSpecies(label);
  return element ? [{ element, fraction: 1 }] : undefined;
}
