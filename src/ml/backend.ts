/**
 * Choosing where tfjs trains in the browser: WebGPU, WebGL, wasm (XNNPACK, with the gradient kernels of
 * src/ml/kernels), then the plain JavaScript cpu backend. Where more than one of the first three works, a short
 * measured trial (a small convolution, forward and backward) picks the fastest; cpu only where none works (wasm
 * is 4–9× faster on every preset, bench:ml). Every skipped backend gets its reason. This is the browser's side of
 * the backend plan (engine/backend-plan.ts), which decides when a session moves.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
// Registers the wasm backend's training kernels (a worker serves its binaries first: wasm-backend.ts).
import './engine/training-backend';
import type { BackendChoice } from './engine/backend-plan';
import { TRAINING_BACKENDS, type TrainingBackend } from './types';

async function works(name: TrainingBackend): Promise<string | undefined> {
  if (name === 'webgpu' && !(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) return 'WebGPU is not available in this browser';
  try {
    if (!(await tf.setBackend(name))) return `the ${name} backend could not start`;
    await tf.ready();
    const sum = tf.tidy(() => tf.add(tf.ones([4]), tf.ones([4])).sum());
    const value = (await sum.data())[0];
    sum.dispose();
    return value === 8 ? undefined : `the ${name} backend computed 1 + 1 wrong`;
  } catch (e) {
    return `the ${name} backend failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Milliseconds per step of a small conv layer's forward and backward pass at batch 8 (after a warm-up). */
async function trial(): Promise<number> {
  const x = tf.randomNormal([8, 64, 64, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.variable(tf.randomNormal([3, 3, 4, 16], 0, 0.1, 'float32', 2));
  const step = async () => {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.conv2d(x, w as tf.Tensor4D, 2, 'same'))) as tf.Scalar, [w]);
    await grads[w.name]!.data();
    tf.dispose([value, ...Object.values(grads)]);
  };
  await step();
  const started = performance.now();
  for (let i = 0; i < 3; i++) await step();
  const ms = (performance.now() - started) / 3;
  tf.dispose([x, w]);
  return ms;
}

export async function chooseTrainingBackend(preferred?: TrainingBackend): Promise<BackendChoice> {
  const notices: string[] = [];
  const available: TrainingBackend[] = [];
  for (const name of preferred ? [preferred, ...TRAINING_BACKENDS.filter((b) => b !== preferred)] : TRAINING_BACKENDS) {
    const problem = await works(name);
    if (problem) notices.push(problem);
    else available.push(name);
  }
  if (available.length === 0) throw new Error(`no tfjs backend can train here: ${notices.join('; ')}`);
  const fast = available.filter((b) => b !== 'cpu');
  const trials: Partial<Record<TrainingBackend, number>> = {};
  let backend = available[0]!;
  if (!preferred && fast.length > 1) {
    for (const name of fast) {
      await tf.setBackend(name);
      trials[name] = await trial();
    }
    backend = fast.reduce((best, b) => (trials[b]! < trials[best]! ? b : best));
    for (const b of fast) if (b !== backend) notices.push(`${b} measured ${trials[b]!.toFixed(0)} ms per trial step against ${backend}'s ${trials[backend]!.toFixed(0)} ms`);
  }
  await tf.setBackend(backend);
  return { backend, trials, notices, available };
}

/** Resolves with a message if the WebGPU device is lost while it is in use. */
export function webgpuDeviceLost(): Promise<string> | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  return device?.lost?.then((info) => `the WebGPU device was lost (${info.reason ?? 'unknown reason'}${info.message ? `: ${info.message}` : ''})`);
}
