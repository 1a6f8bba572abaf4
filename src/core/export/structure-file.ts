/**
 * The files one crystal can be saved as (the 3-D view's downloads, `crystens convert --format`): CIF (P1, every
 * site, occupancies), POSCAR (VASP 5) and extended XYZ. The last two hold one whole atom per position, so their
 * writers refuse a disordered crystal with the reason (wholeAtomsRefusal).
 */
import { writeCif } from '../cif/write';
import type { Crystal } from '../crystal';
import { writeExtxyz } from './extxyz';
import { writePoscar } from './poscar';

export type StructureFormat = 'cif' | 'poscar' | 'extxyz';

export interface StructureFileType {
  /** What the researcher reads on the button and in messages; also the name the writer's refusal uses. */
  readonly name: string;
  /** `.vasp` rather than POSCAR, so that several fit in one folder; pymatgen and ASE both recognise it. */
  readonly extension: string;
  readonly write: (crystal: Crystal) => string;
  /** Whether the format holds partly occupied sites. */
  readonly disorder: boolean;
}

export const STRUCTURE_FILE_TYPES: Readonly<Record<StructureFormat, StructureFileType>> = {
  cif: { name: 'CIF', extension: 'cif', write: (c) => writeCif(c), disorder: true },
  poscar: { name: 'POSCAR', extension: 'vasp', write: writePoscar, disorder: false },
  extxyz: { name: 'Extended XYZ', extension: 'extxyz', write: writeExtxyz, disorder: false },
};

export const STRUCTURE_FORMATS = Object.keys(STRUCTURE_FILE_TYPES) as StructureFormat[];
