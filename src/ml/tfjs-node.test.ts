import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';

it('runs on the ES2017 bundle in Node, with named exports', async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
  expect(tf.tensor([1, 2, 3]).sum().dataSync()[0]).toBe(6);
  // Only the wrapper of tools/tfjs-node has a default export; tfjs's own ES module entry has none.
  expect(Object.keys(tf)).toContain('default');
});
