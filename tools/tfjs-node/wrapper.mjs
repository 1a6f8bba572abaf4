/**
 * In Node, '@tensorflow/tfjs' resolves to its ES5 bundle (tf.node.js), 3–4× slower than the ES2017 one on the
 * cpu backend (measured here: 8.4 s against 2.4 s for one conv-net step). The ES2017 bundle is UMD, so Node's
 * ESM interop would give it no named exports; this module writes an ES module that re-exports its names.
 * Used by the Node loader hook (benchmarks), the CLI's bundle (tools/cli-bundle) and the vitest plugin; the browser
 * build is not affected.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const BUNDLE_PATH = require.resolve('@tensorflow/tfjs/dist/tf.es2017.min.js');

let source;

export function wrapperSource() {
  if (source) return source;
  const names = Object.keys(require(BUNDLE_PATH)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
  source = [
    "import { createRequire } from 'node:module';",
    `const tf = createRequire(${JSON.stringify(BUNDLE_PATH)})(${JSON.stringify(BUNDLE_PATH)});`,
    'export default tf;',
    `export const { ${names.join(', ')} } = tf;`,
  ].join('\n');
  return source;
}
