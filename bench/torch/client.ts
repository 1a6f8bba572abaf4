/**
 * The PyTorch twins (bench/torch/twins.py) from a benchmark: one Python process per network, asked for one
 * training step at a time so that its steps interleave with ours. Debian's python3-torch through /usr/bin/python3.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../src/core/testing/corpus';
import type { ModelConfig } from '../../src/ml/types';

const PYTHON = '/usr/bin/python3';
const TWINS = resolve(REPO_ROOT, 'bench/torch/twins.py');

export interface TorchStep {
  /** CPU time of the Python process during the step (all its threads). */
  readonly cpu_ms: number;
  /** Wall time; on CUDA after synchronising the device. */
  readonly wall_ms: number;
}

export class TorchTwin {
  private constructor(
    private readonly process: ChildProcessWithoutNullStreams,
    private readonly lines: Interface,
    /** PyTorch's version and its thread count. */
    readonly torch: string,
    readonly threads: number,
  ) {}

  /**
   * The twin of `config`'s network and training step at `config.batchSize`, on `device` ('cpu' with `threads`
   * threads, or 'cuda'). Throws if its parameter count is not `parameters` (ours): then the twin is not one.
   */
  static async start(config: ModelConfig, parameters: number, device = 'cpu', threads = 1): Promise<TorchTwin> {
    const child = spawn(PYTHON, [TWINS], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
    let stderr = '';
    child.stderr.on('data', (chunk) => void (stderr += String(chunk)));
    const lines = createInterface({ input: child.stdout });
    const twin = new TorchTwin(child, lines, '', 0);
    let built: { parameters: number; torch: string; threads: number };
    try {
      built = (await twin.ask({ cmd: 'build', kind: config.kind, hyper: config.hyper, batch: config.batchSize, device, threads })) as typeof built;
    } catch (e) {
      child.kill();
      throw new Error(`the PyTorch twin did not start: ${e instanceof Error ? e.message : String(e)} ${stderr}`, { cause: e });
    }
    if (built.parameters !== parameters) {
      child.kill();
      throw new Error(`the PyTorch twin of ${config.kind} ${config.preset} has ${built.parameters} parameters, ours ${parameters}`);
    }
    return new TorchTwin(child, lines, built.torch, built.threads);
  }

  step(): Promise<TorchStep> {
    return this.ask({ cmd: 'step' }) as Promise<TorchStep>;
  }

  close(): void {
    this.process.stdin.end();
  }

  private ask(request: object): Promise<unknown> {
    return new Promise((resolveReply, reject) => {
      const onExit = () => reject(new Error('the Python process ended'));
      this.process.once('exit', onExit);
      this.lines.once('line', (line) => {
        this.process.off('exit', onExit);
        const reply = JSON.parse(line) as { error?: string };
        if (reply.error) reject(new Error(reply.error));
        else resolveReply(reply);
      });
      this.process.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }
}
