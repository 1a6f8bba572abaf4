/**
 * The backend plan in Node, on tfjs's real cpu and wasm backends: models really move between them with their
 * weights, optimiser state and step. What a browser adds is injected: a trial's figures where the test needs one
 * backend to win (no assertion depends on a measured time), and a lost device.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';
import type { TrainingBackend } from '../types';
import { type TrainingTrial, trialTrainingStep } from './backend-trial';
import { type BackendHost, BackendPlan, type StepTiming } from './backend-plan';
import { MemoryCheckpointStore } from './checkpoint-store';
import { createModel, modelConfig } from './factory';
import { readModelMetadata, saveModelFiles } from './model-files';
import { fallbackBackend, NODE_TRAINING_BACKENDS, useTrainingBackend } from './training-backend';
import { InMemoryTrials, trialKey } from './trial-memory';

let crystals: Crystal[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await initMoyoNode();
  crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 12).flatMap((e) => (e.ok ? [e.crystal] : []));
});

/** wasm timed faster than cpu, as bench:ml measures every preset. */
const WASM_FASTER: TrainingTrial = { fastest: 'wasm', ms: { wasm: 40, cpu: 157 }, summary: 'one training step: wasm 40 ms, cpu 157 ms' };
const MODEL = { kind: 'gan', preset: 'tiny', seed: 3, batchSize: 4 } as const;
const DEVICE = { userAgent: 'node', cores: 2 };

interface NodeHost extends BackendHost {
  /** Trials the plan asked for. */
  readonly measured: (readonly TrainingBackend[])[];
}

/**
 * Node's cpu and wasm backends, starting on `start` where nothing is asked; trials timed by `measure` (the real
 * in-process trial unless given), devices lost as `deviceLost` says.
 */
function nodeHost(start: TrainingBackend, overrides: Partial<Pick<BackendHost, 'measure' | 'deviceLost'>> = {}): NodeHost {
  const measured: (readonly TrainingBackend[])[] = [];
  const measure = overrides.measure ?? trialTrainingStep;
  return {
    measured,
    async choose(preferred) {
      const backend = await useTrainingBackend(preferred ?? start);
      return { backend, trials: {}, notices: [], available: [...NODE_TRAINING_BACKENDS] };
    },
    deviceLost: overrides.deviceLost ?? (() => undefined),
    fallback: (failed) => fallbackBackend(failed),
    measure: (config, batch, backends) => {
      measured.push(backends);
      return measure(config, batch, backends);
    },
    device: DEVICE,
  };
}

/** A plan over `host` with the crystals loaded, and what it tells the researcher. */
async function planOn(host: BackendHost, trials = new InMemoryTrials(), preferred?: TrainingBackend) {
  const checkpoints = new MemoryCheckpointStore();
  const plan = new BackendPlan({ host, checkpoints, trials });
  const notices: string[] = [];
  const timings: StepTiming[] = [];
  plan.watchNotices((m) => notices.push(m));
  plan.watchTiming((t) => timings.push(t));
  await plan.init(preferred);
  plan.setDataset(buildDataset(crystals));
  return { plan, checkpoints, notices, timings };
}

const noProgress = () => undefined;

describe('the backend plan', () => {
  it('starts a new model at once, times it aside, and moves it to the faster backend before its first step', async () => {
    const host = nodeHost('cpu', { measure: async () => WASM_FASTER });
    const trials = new InMemoryTrials();
    const { plan, notices, timings } = await planOn(host, trials);
    const status = await plan.newModel(MODEL);
    expect(plan.backend!.backend).toBe('cpu'); // where it was created, while the trial runs
    expect(timings.at(-1)).toMatchObject({ measuring: true, choice: { backend: 'cpu' } });
    await plan.settled();

    expect(host.measured).toEqual([['wasm', 'cpu']]);
    expect(plan.backend!.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(plan.session.status).toMatchObject({ step: 0, config: status.config });
    expect(notices).toEqual([`${WASM_FASTER.summary}: training moved to wasm`]);
    expect(timings.at(-1)).toMatchObject({ measuring: false, msPerStep: 40, choice: { backend: 'wasm' } });
    expect(await trials.recall(trialKey({ ...DEVICE, backends: [...NODE_TRAINING_BACKENDS] }, status.config))).toEqual(WASM_FASTER);

    // The next model of that shape, in a fresh plan on this device, moves at once and is not timed again.
    const again = await planOn(host, trials);
    await again.plan.newModel(MODEL);
    expect(again.plan.backend!.backend).toBe('wasm');
    expect(again.notices).toEqual([`${WASM_FASTER.summary} (remembered): training moved to wasm`]);
    await again.plan.settled();
    expect(host.measured).toHaveLength(1);
    plan.session.dispose();
    again.plan.session.dispose();
  });

  it('ends on the backend its real trial found fastest, whichever that is', async () => {
    const host = nodeHost('cpu');
    const trials = new InMemoryTrials();
    const { plan, notices } = await planOn(host, trials);
    const status = await plan.newModel(MODEL);
    await plan.settled();
    const trial = (await trials.recall(trialKey({ ...DEVICE, backends: [...NODE_TRAINING_BACKENDS] }, status.config)))!;
    expect(Object.keys(trial.ms).sort()).toEqual(['cpu', 'wasm']);
    expect(plan.backend!.backend).toBe(trial.fastest);
    expect(tf.getBackend()).toBe(trial.fastest);
    expect(notices).toEqual([trial.fastest === 'cpu' ? `${trial.summary}: training stays on cpu` : `${trial.summary}: training moved to wasm`]);
    plan.session.dispose();
  });

  it('never moves a backend the researcher chose, and still times its step there', async () => {
    const host = nodeHost('wasm', { measure: async () => WASM_FASTER });
    const { plan, notices, timings } = await planOn(host, new InMemoryTrials(), 'cpu');
    await plan.newModel(MODEL);
    await plan.settled();
    expect(host.measured).toEqual([['cpu']]);
    expect(plan.backend!.backend).toBe('cpu');
    expect(notices).toEqual([`${WASM_FASTER.summary}: training stays on cpu`]);
    expect(timings.at(-1)).toMatchObject({ measuring: false, msPerStep: 157 });
    plan.session.dispose();
  });

  it('leaves a model that took a step where its run began', async () => {
    let timed!: (trial: TrainingTrial) => void;
    const host = nodeHost('cpu', { measure: () => new Promise((resolve) => (timed = resolve)) });
    const { plan, notices } = await planOn(host);
    await plan.newModel(MODEL);
    await plan.request((session) => session.stepOnce(noProgress));
    timed(WASM_FASTER);
    await plan.settled();
    expect(plan.backend!.backend).toBe('cpu');
    expect(plan.session.status!.step).toBe(1);
    expect(notices).toEqual([`${WASM_FASTER.summary}: training stays on cpu, where the run began (the backend picker moves it to wasm)`]);
    plan.session.dispose();
  });

  it('moves a model with its weights, optimiser state and step where the researcher asks, and trains on there', async () => {
    const { plan, checkpoints } = await planOn(nodeHost('cpu', { measure: async () => WASM_FASTER }), new InMemoryTrials(), 'cpu');
    await plan.newModel(MODEL, 'library-id'); // a library model checkpoints under its own key, wherever it moves
    await plan.settled();
    await plan.request((session) => session.train(3, noProgress));
    const before = await plan.request((session) => session.exportModel());

    expect((await plan.useBackend('wasm')).backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const after = await plan.request((session) => session.exportModel());
    expect(after.weights).toEqual(before.weights); // the optimiser's moments and iteration count too
    expect(JSON.parse(after.modelJson).userDefinedMetadata).toEqual(JSON.parse(before.modelJson).userDefinedMetadata);
    await plan.request((session) => session.train(4, noProgress));
    expect(plan.session.status!.step).toBe(4);
    expect(readModelMetadata((await checkpoints.load('library-id'))!.modelJson).step).toBe(4);
    expect(await checkpoints.load('current')).toBeUndefined();
    plan.session.dispose();
  });

  it('rebuilds the session on the next backend from the last checkpoint when the device is lost', async () => {
    let lose!: (message: string) => void;
    const lost = new Promise<string>((resolve) => (lose = resolve));
    const host = nodeHost('wasm', { measure: async () => WASM_FASTER, deviceLost: (backend) => (backend === 'wasm' ? lost : undefined) });
    const { plan, checkpoints, notices } = await planOn(host);
    await checkpoints.save('another-model', await saveModelFiles(createModel(modelConfig({ ...MODEL, normalization: { lengthBound: 9 } })), 7));
    await plan.newModel(MODEL, 'library-id');
    await plan.settled();
    await plan.request((session) => session.train(2, noProgress)); // a finished run checkpoints at step 2
    await plan.request((session) => session.stepOnce(noProgress)); // and a single step at step 3
    const checkpoint = (await checkpoints.load('library-id'))!;
    expect(readModelMetadata(checkpoint.modelJson).step).toBe(3);

    lose('the wasm device was lost (simulated)');
    await lost;
    await plan.settled();
    expect(plan.backend!.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(plan.session.status!.step).toBe(3);
    expect((await plan.request((session) => session.exportModel())).weights).toEqual(checkpoint.weights);
    expect(notices.at(-1)).toBe('the wasm device was lost (simulated); training moved to cpu from the last checkpoint');
    await plan.request((session) => session.stepOnce(noProgress));
    expect(plan.session.status!.step).toBe(4);
    plan.session.dispose();
  });
});
