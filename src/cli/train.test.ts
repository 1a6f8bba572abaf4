/**
 * `crystens train` over the studio's TrainingSession with its checkpoints in the --out folder: a model the studio
 * exported (model.json + weights.bin) resumes where it stopped and trains on exactly as an uninterrupted run, and
 * --minutes ends the run at the checkpoint that follows the deadline, on a clock the test drives.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../core/crystens/dataset';
import type { Crystal } from '../core/crystal';
import { ingestFile } from '../core/ingest/ingest';
import { initMoyoNode } from '../core/symmetry/moyo-node';
import { CIF_CORPUS } from '../core/testing/corpus';
import { MemoryCheckpointStore } from '../ml/engine/checkpoint-store';
import { writeModelDir } from '../ml/engine/model-folder';
import { readModelMetadata } from '../ml/engine/model-files';
import { TrainingSession } from '../ml/engine/session';
import type { ProgressEvent } from '../ml/engine/trainer';
import { type Clock, runTrain } from './commands/train';

const CSV = resolve(CIF_CORPUS, '../cdvae/perov_5/train_head116_via_CosmosYou.csv');
let crystals: Crystal[] = [];

beforeAll(async () => {
  await initMoyoNode();
  crystals = ingestFile({ name: CSV, bytes: readFileSync(CSV) }).flatMap((e) => (e.ok ? [e.crystal] : []));
});

/** The step of the model saved in `dir`. */
const savedStep = (dir: string) => readModelMetadata(readFileSync(join(dir, 'model.json'), 'utf8')).step;

async function train(argv: string[], now?: Clock): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await runTrain(argv, (s) => lines.push(s), now);
  return { status, lines };
}

/** The losses of each step of a studio session trained from scratch to `steps`. */
async function studioRun(steps: number, session: TrainingSession): Promise<ProgressEvent['losses'][]> {
  session.setDataset(buildDataset(crystals));
  await session.newModel({ kind: 'gan', preset: 'tiny', seed: 5, batchSize: 4 });
  const losses: ProgressEvent['losses'][] = [];
  await session.train(steps, (e) => void (e.state === 'running' && losses.push(e.losses)));
  return losses;
}

describe('crystens train resumes a folder checkpoint', () => {
  it("continues the studio's exported model from its step, with the losses of an uninterrupted run", async () => {
    await tf.setBackend('cpu');
    const exported = new TrainingSession(new MemoryCheckpointStore(), 1000);
    await studioRun(3, exported);
    const dir = join(mkdtempSync(join(tmpdir(), 'crystens-train-resume-')), 'model');
    writeModelDir(dir, await exported.exportModel());
    exported.dispose();

    const { status, lines } = await train(['--data', CSV, '--steps', '2', '--backend', 'cpu', '--json', '--out', dir]);
    expect(status).toBe(0);
    const [header, ...rest] = lines.map((l) => JSON.parse(l));
    expect(header).toMatchObject({ kind: 'gan', preset: 'tiny', crystals: 116, batch: 4, startStep: 3, totalSteps: 5, backend: 'cpu' });
    expect(rest.map((l) => l.step)).toEqual([4, 5, 5]);
    expect(rest.at(-1)).toEqual({ saved: join(dir, 'model.json'), step: 5 });
    expect(savedStep(dir)).toBe(5);

    const straight = new TrainingSession(new MemoryCheckpointStore(), 1000);
    const straightLosses = await studioRun(5, straight);
    straight.dispose();
    expect(rest.slice(0, 2).map((l) => l.losses)).toEqual(straightLosses.slice(3));
  });

  it('refuses a model of another kind than --model asks for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-kind-'));
    expect((await train(['--model', 'gan', '--preset', 'tiny', '--batch', '2', '--data', CSV, '--steps', '1', '--backend', 'cpu', '--out', dir])).status).toBe(0);
    await expect(train(['--model', 'wgan', '--data', CSV, '--steps', '1', '--backend', 'cpu', '--out', dir])).rejects.toThrow(`${dir} holds a gan model, not wgan`);
  });
});

describe('crystens train --minutes', () => {
  it('ends at the checkpoint after the first step that finds the deadline passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-minutes-'));
    // Each step takes 20 s on this clock (20 s per progress line printed): the run starts at 0 and step 3 ends at
    // the one-minute deadline.
    const lines: string[] = [];
    const now = () => 20_000 * lines.filter((l) => l.startsWith('step ')).length;
    const argv = ['--model', 'gan', '--preset', 'tiny', '--batch', '2', '--data', CSV, '--steps', '50', '--minutes', '1', '--backend', 'cpu', '--out', dir];
    const status = await runTrain(argv, (line) => lines.push(line), now);
    expect(status).toBe(0);
    expect(lines.filter((l) => l.startsWith('step ')).map((l) => l.split(' ')[1])).toEqual(['1/50', '2/50', '3/50']);
    expect(lines.at(-1)).toBe(`saved ${join(dir, 'model.json')} at step 3`);
    expect(savedStep(dir)).toBe(3);
  });
});

describe('crystens train --hyper', () => {
  it("gives a new model the values asked for, and refuses a value no model takes or a resumed model's change", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-train-hyper-'));
    const run = (hyper: string, out = mkdtempSync(join(tmpdir(), 'crystens-train-hyper-'))) =>
      train(['--model', 'diffusion', '--preset', 'tiny', '--batch', '2', '--data', CSV, '--steps', '1', '--backend', 'cpu', '--hyper', hyper, '--out', out]);
    expect((await run('learningRate=0.002, decaySteps=10,prediction=v,positionEmbedding=false', dir)).status).toBe(0);
    const { hyper } = readModelMetadata(readFileSync(join(dir, 'model.json'), 'utf8')).config;
    expect(hyper).toMatchObject({ learningRate: 0.002, decaySteps: 10, prediction: 'v', positionEmbedding: false });
    await expect(run('decaySteps=-1')).rejects.toThrow('--hyper: the hyper-parameter decaySteps is -1; a diffusion model takes an integer from 0 to 1000000000');
    await expect(run('criticSteps=5')).rejects.toThrow('--hyper: the hyper-parameter criticSteps is not one a diffusion model takes');
    await expect(run('learningRate')).rejects.toThrow('--hyper takes NAME=VALUE pairs separated by commas');
    await expect(run('decaySteps=5', dir)).rejects.toThrow(`${dir} holds a model, which keeps its hyper-parameters: --hyper is for a new one`);
  });
});
