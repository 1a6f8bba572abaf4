/** A model's files downloaded as the zip the Export panel writes and imports (model.json + weights.bin). */
import type { ModelFiles } from '../../ml/engine/model-files';
import { Comlink, inCrystalWorker } from '../crystalClient';
import { download } from '../download';

export async function downloadModelZip(files: ModelFiles, fileName: string): Promise<void> {
  const zip = await inCrystalWorker((api) => api.modelZip(Comlink.transfer(files, [files.weights.buffer as ArrayBuffer])));
  download(fileName, zip, 'application/zip');
}
