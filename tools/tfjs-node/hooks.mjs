/** Node module hooks: '@tensorflow/tfjs' → the ES2017 bundle, re-exported as an ES module (see wrapper.mjs). */
import { wrapperSource } from './wrapper.mjs';

const URL_ID = 'crystens:tfjs-es2017';

export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs') return { url: URL_ID, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url === URL_ID) return { format: 'module', source: wrapperSource(), shortCircuit: true };
  return next(url, context);
}
