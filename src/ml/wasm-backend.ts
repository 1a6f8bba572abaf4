/**
 * Serving tfjs's wasm backend from a Vite-built worker: its .wasm binaries are imported as asset URLs (the package
 * would otherwise fetch them beside the worker's script, where the build does not put them). Call before anything
 * starts the wasm backend. In Node the package reads its binaries from node_modules and needs none of this.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export function serveWasmBackend(): void {
  // The threaded build starts its pthreads from a classic-script worker and hangs inside a module worker; the
  // flag must be set before the backend initialises, which reads it once.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // setWasmPaths wants all three names, though only the SIMD or the plain build is fetched.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
}
