/**
 * Effective ionic radii (Å) of the ions the example dataset uses, by coordination number: R. D. Shannon,
 * "Revised effective ionic radii and systematic studies of interatomic distances in halides and chalcogenides",
 * Acta Cryst. A32 (1976) 751–767, Table 1 ("IR" column; high-spin values for Mn²⁺, Fe²⁺, Fe³⁺ and Co²⁺).
 * Only the coordinations the prototypes need are written here; every value agrees with pymatgen's copy of the table
 * (`Species.get_shannon_radius`, pymatgen 2022.11.7).
 */
const RADII: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  'Li+': { 4: 0.59, 6: 0.76 },
  'Na+': { 4: 0.99, 6: 1.02 },
  'K+': { 4: 1.37, 6: 1.38 },
  'Rb+': { 6: 1.52 },
  'Cs+': { 8: 1.74 },
  'Ag+': { 6: 1.15 },
  'Tl+': { 8: 1.59 },
  'Mg2+': { 4: 0.57, 6: 0.72 },
  'Ca2+': { 6: 1.0, 8: 1.12 },
  'Sr2+': { 6: 1.18, 8: 1.26 },
  'Ba2+': { 6: 1.35, 8: 1.42 },
  'Mn2+': { 4: 0.66, 6: 0.83 },
  'Fe2+': { 4: 0.63, 6: 0.78 },
  'Co2+': { 4: 0.58, 6: 0.745 },
  'Ni2+': { 4: 0.55, 6: 0.69 },
  'Zn2+': { 4: 0.6, 6: 0.74 },
  'Cd2+': { 4: 0.78, 6: 0.95, 8: 1.1 },
  'Pb2+': { 6: 1.19, 8: 1.29 },
  'Al3+': { 6: 0.535 },
  'Ga3+': { 6: 0.62 },
  'Cr3+': { 6: 0.615 },
  'Fe3+': { 6: 0.645 },
  'Si4+': { 6: 0.4 },
  'Ge4+': { 6: 0.53 },
  'Sn4+': { 6: 0.69 },
  'Pb4+': { 6: 0.775 },
  'Ti4+': { 6: 0.605 },
  'Mn4+': { 6: 0.53 },
  'Ru4+': { 6: 0.62 },
  'Ir4+': { 6: 0.625 },
  'Zr4+': { 6: 0.72, 8: 0.84 },
  'Hf4+': { 6: 0.71, 8: 0.83 },
  'Ce4+': { 8: 0.97 },
  'Th4+': { 8: 1.05 },
  'Nb5+': { 6: 0.64 },
  'Ta5+': { 6: 0.64 },
  'F-': { 3: 1.3, 4: 1.31, 6: 1.33 },
  'O2-': { 3: 1.36, 4: 1.38, 6: 1.4, 8: 1.42 },
  'S2-': { 6: 1.84 },
  'Cl-': { 6: 1.81 },
  'Br-': { 6: 1.96 },
  'I-': { 6: 2.2 },
};

/**
 * Shannon's radius of an ion (`Ti4+`, `O2-`) at a coordination number. Shannon lists the heavier anions (S²⁻,
 * Cl⁻, Br⁻, I⁻) at coordination 6 only; that value stands for every coordination, as is usual. Throws for an ion
 * or coordination the table lacks: the catalogue of prototypes is fixed, and its tests build every entry.
 */
export function ionicRadius(ion: string, coordination: number): number {
  const byCoordination = RADII[ion];
  if (!byCoordination) throw new RangeError(`no ionic radius for ${ion}`);
  const listed = Object.values(byCoordination);
  const radius = byCoordination[coordination] ?? (ion.endsWith('-') && listed.length === 1 ? listed[0] : undefined);
  if (radius === undefined) throw new RangeError(`no ionic radius for ${ion} in coordination ${coordination}`);
  return radius;
}
