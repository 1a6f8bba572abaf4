/**
 * What a researcher does in the built studio, as the studio e2e tests do it: open it, drop the standard files,
 * move between panels, train a tiny model and generate from it. Each action waits for its visible result, so a
 * test that calls one has also checked it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/data/cif-corpus');
const screenshots = path.join(repoRoot, 'test-results/screenshots');
/** Two good CIFs and one without a cell, which the studio refuses with its name. */
const STANDARD_FILES = ['pymatgen__LiFePO4.cif', 'pymatgen__Li2O.cif', 'codtools__1001012-no-cell.cif'];

/** Runs a long step as a named phase of the test's long-task report (see watchers.ts) and returns its result. */
export type During = <T>(phase: string, action: () => Promise<T>) => Promise<T>;

/** The page a test drives, with the phases its long tasks are reported under. */
export interface Studio {
  readonly page: Page;
  readonly during: During;
}

/** Opens the built studio and waits until start-up (first render, restore, the backend trial) is over. */
export async function openStudio(page: Page): Promise<void> {
  await page.goto('/');
  // The built studio carries its Content-Security-Policy; each test checks the page broke none of it.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self' 'wasm-unsafe-eval'/);
  await expect(page.getByTestId('studio-status')).toContainText(/webgpu|webgl|wasm|cpu/, { timeout: 60_000 });
}

/** Opens the studio with the example dataset loaded and the Train panel shown. */
export async function openExampleOnTrain(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('load-example').click();
  await expect(page.getByTestId('studio-status')).toContainText(/^[1-9]\d* crystals.*(webgpu|webgl|wasm|cpu)/, { timeout: 60_000 });
  await page.getByTestId('tab-train').click();
}

/**
 * Creates a tiny GAN (batch 4, the seed given or the form's) and starts training it to `steps`; waits for its first
 * step, or with `finish` for its last.
 */
export async function trainTinyGan(page: Page, steps: number, { seed, finish }: { seed?: number; finish: boolean }): Promise<void> {
  await page.getByTestId('train-kind').selectOption('gan');
  await page.getByTestId('train-preset').selectOption('tiny');
  if (seed !== undefined) await page.getByLabel('Seed').fill(String(seed));
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Train to step').fill(String(steps));
  await page.getByTestId('train-create').click();
  await expect(page.getByTestId('train-model')).toContainText(`${seed === undefined ? '' : `seed ${seed}: `}step 0`, { timeout: 120_000 });
  await page.getByTestId('train-start').click();
  const progress = finish ? `step ${steps} of ${steps} · finished` : new RegExp(`step [1-9]\\d* of ${steps}`);
  await expect(page.getByTestId('train-progress')).toContainText(progress, { timeout: 120_000 });
}

/** Drops the standard files (one broken) on the page, then loads the example dataset; returns the crystal count. */
export async function loadStandardFiles(page: Page): Promise<number> {
  await dropFiles(page, STANDARD_FILES.map((name) => path.join(corpus, name)));
  await expect(page.getByTestId('ingest-summary')).toHaveText('2 crystals, 1 refused entry from 3 files', { timeout: 60_000 });
  await page.getByTestId('load-example').click();
  await expect(page.getByTestId('example-note')).toBeVisible({ timeout: 60_000 });
  return Number((await page.getByTestId('ingest-summary').textContent())!.match(/^(\d+) crystals/)![1]);
}

/** Drops the files at `paths` on the page, as a researcher drags them in from the desktop. */
export async function dropFiles(page: Page, paths: readonly string[]): Promise<void> {
  const files = paths.map((file) => ({ name: path.basename(file), base64: readFileSync(file).toString('base64') }));
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const { name, base64 } of files) data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    const init = { dataTransfer: data, bubbles: true, cancelable: true };
    document.body.dispatchEvent(new DragEvent('dragenter', init));
    document.body.dispatchEvent(new DragEvent('dragover', init));
    document.body.dispatchEvent(new DragEvent('drop', init));
  }, files);
}

/** Narrows the Data panel's table to the example's rock-salt NaCl (Cl4 Na4), one row. */
export async function findRockSalt(page: Page): Promise<void> {
  await page.getByTestId('crystal-filter').fill('rock salt NaCl');
  await expect(page.getByTestId('crystal-table').locator('tbody tr')).toHaveCount(1);
}

export async function open(page: Page, panel: string): Promise<void> {
  await page.getByTestId(`tab-${panel}`).click();
  await expect(page.getByTestId(`${panel}-panel`)).toBeVisible({ timeout: 60_000 });
}

/** Saves a screenshot of a panel to test-results/screenshots/. */
export async function snap(page: Page, panel: string): Promise<void> {
  await page.getByTestId(`${panel}-panel`).screenshot({ path: path.join(screenshots, `${panel}.png`) });
}

/** Creates a tiny model of `kind` (batch 4), trains it to `steps` and generates `count` crystals from it. */
export async function trainAndGenerate({ page, during }: Studio, kind: string, steps: number, count: number): Promise<void> {
  await open(page, 'train');
  await page.getByTestId('train-kind').selectOption(kind);
  await page.getByTestId('train-preset').selectOption('tiny');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Train to step').fill(String(steps));
  await page.getByTestId('train-create').click(); // a new entry in the model library: the model open before is kept
  await expect(page.getByTestId('train-model')).toContainText('step 0', { timeout: 120_000 });
  await during(`training ${kind}`, async () => {
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-progress')).toContainText(`step ${steps} of ${steps} · finished`, { timeout: 240_000 });
  });
  await expect(page.getByTestId('train-loss-chart')).toBeVisible();
  // One panel per loss family, each on its own axis: GAN discriminator and generator; WGAN critic, W, generator, penalty.
  await expect(page.getByTestId('train-loss-panel')).toHaveCount(({ gan: 2, wgan: 4, diffusion: 1 } as Record<string, number>)[kind]!);
  await open(page, 'generate');
  await page.getByTestId('generate-count').fill(String(count));
  if (kind === 'diffusion') await page.getByTestId('generate-steps').fill('5');
  const runs = await page.getByTestId('generate-run').locator('option').count().catch(() => 0);
  await during(`sampling ${kind}`, async () => {
    await page.getByTestId('generate-start').click();
    await expect(page.getByTestId('generate-run').locator('option')).toHaveCount(runs + 1, { timeout: 60_000 });
    await expect(page.getByTestId('generate-run').locator('option').last()).toContainText(`${count} of ${count} (done)`, { timeout: 240_000 });
  });
  await expect(page.getByTestId('generate-sample')).toHaveCount(count);
}

/** Colours in the 3-D canvas (a blank one has one). */
export function distinctColours(page: Page): Promise<number> {
  return page.getByTestId('structure-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = 64;
    copy.height = 64;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0, 64, 64);
    const data = context.getImageData(0, 0, 64, 64).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  });
}
