/**
 * Everything tfjs 4.22's wasm backend needs to train this project's models, registered in one call: the two
 * convolution gradients (wasm-conv-gradients.ts) and a matrix product at XNNPACK's speed (wasm-matmul.ts).
 * Every other kernel of a GAN, WGAN-GP (with its second-order penalty) or diffusion training step exists on wasm
 * (kernels.test.ts runs each).
 */
import { registerWasmConvGradients } from './wasm-conv-gradients';
import { registerWasmMatMul } from './wasm-matmul';

export function registerWasmTrainingKernels(): void {
  registerWasmConvGradients();
  registerWasmMatMul();
}
