// Writes public/models/index.json (or DIR/index.json) from the model folders there:
// `npx tsx scripts/pretrained-index.ts [--strip-optimizer] [DIR]` (--strip-optimizer rewrites each released folder
// without its optimiser state first).
import { writeManifest } from '../src/ml/engine/pretrained-folder';

const args = process.argv.slice(2);
const stripOptimizer = args.includes('--strip-optimizer');
const dir = args.find((a) => !a.startsWith('--')) ?? new URL('../public/models', import.meta.url).pathname;
const manifest = writeManifest(dir, { stripOptimizer });
console.log(`${dir}/index.json: ${manifest.models.map((m) => `${m.id} (${m.parameters} parameters, ${m.bytes} bytes, step ${m.steps})`).join(', ') || 'no models'}`);
