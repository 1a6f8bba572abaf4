// Writes public/models/index.json (or DIR/index.json) from the model folders there: `npx tsx scripts/pretrained-index.ts [DIR]`.
import { writeManifest } from '../src/ml/engine/pretrained-folder';

const dir = process.argv[2] ?? new URL('../public/models', import.meta.url).pathname;
const manifest = writeManifest(dir);
console.log(`${dir}/index.json: ${manifest.models.map((m) => `${m.id} (${m.parameters} parameters, ${m.bytes} bytes, step ${m.steps})`).join(', ') || 'no models'}`);
