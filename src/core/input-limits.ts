/**
 * How much one input may ask of the reader before it is refused with a reason. The studio reads in a browser
 * tab (a worker with a few hundred MB to spare, shared with the datasets and the models already loaded), and one
 * file must never stall the files after it: these bound the work and memory of one data block and one file.
 */

/**
 * Sites of one data block after symmetry expansion. The largest inorganic crystal on record (Taylor-phase
 * Al–Cu–Ta, 23,134 atoms per cell; its partly occupied 7,296-site model is in the test corpus) stays readable;
 * beyond that a cell is not a crystal a researcher drops into this studio (a CrysTens holds 52 sites). Expanding
 * 25,000 sites takes a tenth of a second and a few MB; space-group detection is bounded apart (below).
 */
export const MAX_SITES_PER_BLOCK = 25_000;

/**
 * Listed sites × symmetry operations of one block: the images the expansion places before merging them, checked
 * before any work (about a second at this bound). A space group has at most 192 operations, so this admits 5,000
 * listed sites in a cubic F-centred cell; it refuses operator lists that are no group, or are absurdly long.
 */
export const MAX_SITE_IMAGES = 1_000_000;

/**
 * Space-group detection tries each site of the rarest species as a lattice translation and checks every site
 * against it, twice: to reduce a supercell to its primitive cell (symmetry/primitive-reduction.ts, which keeps
 * moyo's work that of one primitive cell however many translations there are), then in moyo. Its work grows as
 * sites × sites of the rarest element. Measured on the project machine (two cores, busy): 6,000 sites of one
 * element in P1 take 8.9 s, of two elements 4.6 s, the 7,296-site Taylor phase (6.9 million) 0.7 s. Above this
 * bound a block is read without a detected space group, with a warning.
 */
export const MAX_SYMMETRY_SEARCH_WORK = 10_000_000;

/** The work bounded by MAX_SYMMETRY_SEARCH_WORK: sites × sites of the element with the fewest. */
export function symmetrySearchWork(sites: readonly { readonly element: string }[]): number {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(s.element, (counts.get(s.element) ?? 0) + 1);
  return sites.length * Math.min(...counts.values());
}

/**
 * Data blocks read from one CIF file. Multi-block files in practice (a paper's supplement, a database export)
 * hold up to a few thousand; a larger collection comes as a zip or a CSV. At a few ms a block this caps one file
 * at tens of seconds of reading, and its entries at a size the data table and IndexedDB handle.
 */
export const MAX_BLOCKS_PER_FILE = 10_000;

/** A count with thousands separators, the same in every locale (messages are compared in tests). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Products of two listed symmetry operations checked for closure (symmetry/closure.ts): every product of up to
 * 1,581 operations, which covers 48 rotations × 32 centring translations (a conventional cell needs at most 192;
 * supercell settings a few times more). Measured on the project machine: 192 operations (F m -3 m) 9 ms, 1,536
 * operations 0.36 s. Longer lists are sampled, linearly in their length.
 */
export const MAX_CLOSURE_PRODUCTS = 2_500_000;

/**
 * How deep CIF 2.0 lists and tables may nest. Dictionaries and real files nest two or three levels (a list of
 * matrices); the bound keeps the tokenizer's recursion far from the JavaScript stack's limit.
 */
export const MAX_CIF_NESTING_DEPTH = 64;
