import { useState } from 'react';
import { formula, type Crystal, wholeAtomsRefusal } from '../../core/crystal';
import { STRUCTURE_FILE_TYPES, STRUCTURE_FORMATS, type StructureFormat } from '../../core/export/structure-file';
import { inCrystalWorker } from '../crystalClient';
import { download } from '../download';

/**
 * Downloads of the crystal in the view (its unit cell, whatever supercell is drawn) as CIF, POSCAR or extended
 * XYZ, written in the crystal worker. A format that cannot hold the crystal (a disordered one in POSCAR) is
 * disabled, its button saying why.
 */
export function StructureDownloads({ crystal, disabled }: { crystal: Crystal; disabled: boolean }) {
  const [failure, setFailure] = useState<string>();
  const stem = formula(crystal).replace(/\s+/g, '') || 'structure';
  const save = (format: StructureFormat) => {
    setFailure(undefined);
    const type = STRUCTURE_FILE_TYPES[format];
    inCrystalWorker((api) => api.structureFile(crystal, format)).then(
      (text) => download(`${stem}.${type.extension}`, new Blob([text], { type: 'text/plain' })),
      (error: unknown) => setFailure(`The ${type.name} could not be written: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <span className="structure-view__downloads" role="group" aria-label="Download the crystal">
      {STRUCTURE_FORMATS.map((format) => {
        const type = STRUCTURE_FILE_TYPES[format];
        const refusal = type.disorder ? undefined : wholeAtomsRefusal(crystal, type.name);
        return (
          <button
            key={format}
            type="button"
            className="button button--quiet"
            onClick={() => save(format)}
            disabled={disabled || refusal !== undefined}
            title={refusal ?? `Download the unit cell as ${type.name} (.${type.extension})`}
            data-testid={`structure-download-${format}`}
          >
            {type.name}
          </button>
        );
      })}
      {failure && (
        <span className="failure" role="alert">
          {failure}
        </span>
      )}
    </span>
  );
}
