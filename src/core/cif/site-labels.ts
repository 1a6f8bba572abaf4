/**
 * Site labels as the studio's CIFs write them, in a module of its own (no symmetry library behind it) so that
 * the reconstruction, the page and the writer share one labelling.
 */
import type { Site } from '../crystal';

/**
 * The `_atom_site_label` a P1 CIF gives each site: its element and its place among that element's sites, counted
 * from 1 (`Zn1`, `Zn2`, `O1`). The 3-D view and the reconstruction name atoms with these, so that a label read
 * there is found in the file.
 */
export function cifSiteLabels(sites: readonly Pick<Site, 'element'>[]): string[] {
  const counters = new Map<string, number>();
  return sites.map((site) => {
    const n = (counters.get(site.element) ?? 0) + 1;
    counters.set(site.element, n);
    return `${site.element}${n}`;
  });
}
