/**
 * Named trainable variables, created on first use with a seeded initialiser. Models are plain functions over a
 * store (no tfjs Layers): second-order gradients (WGAN-GP), EMA copies, snapshots and weight files all need
 * direct access to the variables.
 */
import * as tf from '@tensorflow/tfjs';

export type Initializer = 'he' | 'glorot' | 'zeros' | 'ones' | { readonly normal: number };

export class ParameterStore {
  private readonly variables = new Map<string, tf.Variable>();
  private seed: number;

  constructor(
    seed: number,
    /** Names of variables this store trains (false: statistics such as batch-norm moving averages). */
    private readonly untrainable = new Set<string>(),
  ) {
    this.seed = seed;
  }

  /** The variable `name`, created with `init` when it does not exist yet. */
  get(name: string, shape: number[], init: Initializer, trainable = true): tf.Variable {
    const existing = this.variables.get(name);
    if (existing) return existing;
    const fanIn = shape.length > 1 ? shape.slice(0, -1).reduce((p, d) => p * d, 1) : shape[0]!;
    const fanOut = shape[shape.length - 1]!;
    const seed = this.seed++;
    const value = tf.tidy(() => {
      if (init === 'zeros') return tf.zeros(shape);
      if (init === 'ones') return tf.ones(shape);
      if (init === 'he') return tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed);
      if (init === 'glorot') {
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        return tf.randomUniform(shape, -limit, limit, 'float32', seed);
      }
      return tf.randomNormal(shape, 0, init.normal, 'float32', seed);
    });
    const variable = tf.variable(value, trainable);
    value.dispose();
    if (!trainable) this.untrainable.add(name);
    this.variables.set(name, variable);
    return variable;
  }

  /** Trainable variables, in creation order (the order optimisers and weight files use). */
  trainable(): tf.Variable[] {
    return [...this.variables].filter(([name]) => !this.untrainable.has(name)).map(([, v]) => v);
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.trainable().reduce((n, v) => n + v.size, 0);
  }

  names(): string[] {
    return [...this.variables.keys()];
  }

  variable(name: string): tf.Variable | undefined {
    return this.variables.get(name);
  }

  /** Copies of every variable, e.g. the last good weights before a step. */
  snapshot(): Map<string, tf.Tensor> {
    return new Map([...this.variables].map(([name, v]) => [name, tf.keep(v.clone())]));
  }

  restore(values: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, value] of values) {
      const v = this.variables.get(name);
      if (!v) throw new Error(`no variable ${name} to restore`);
      v.assign(value);
    }
  }

  /** Every variable's value as a typed array, for weight files and checkpoints. */
  async toArrays(): Promise<{ name: string; shape: number[]; data: Float32Array }[]> {
    return Promise.all(
      [...this.variables].map(async ([name, v]) => ({ name, shape: v.shape, data: (await v.data()) as Float32Array })),
    );
  }

  /** Sets the variables from arrays; names and shapes must match what the model creates. */
  fromArrays(arrays: readonly { name: string; shape: readonly number[]; data: Float32Array }[]): void {
    for (const { name, shape, data } of arrays) {
      const v = this.variables.get(name);
      if (!v) throw new Error(`the weights hold ${name}, which this model does not have`);
      if (v.shape.join() !== shape.join()) throw new Error(`${name}: shape ${shape.join('×')} in the weights, ${v.shape.join('×')} in the model`);
      tf.tidy(() => v.assign(tf.tensor(data, [...shape])));
    }
    const missing = this.names().filter((n) => !arrays.some((a) => a.name === n));
    if (missing.length > 0) throw new Error(`the weights lack ${missing.slice(0, 5).join(', ')}`);
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}

/** Disposes a snapshot made by ParameterStore.snapshot. */
export function disposeSnapshot(snapshot: Map<string, tf.Tensor>): void {
  for (const t of snapshot.values()) t.dispose();
}
