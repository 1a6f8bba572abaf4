/**
 * The first minute of a researcher's visit: a cold load of the built studio (a fresh browser profile: nothing
 * cached, no IndexedDB), the pretrained perov_5 diffusion model picked in the Train panel, Generate pressed with
 * 16 crystals and the other defaults. Prints the seconds to the page, to the current model and to the 16 decoded
 * crystals in the gallery, per run; writes bench/results/cold-start.json. Issue 10's target: 16 crystals within
 * 60 s of the cold load.
 *
 *   npm run bench:cold-start [-- --runs 3] [-- --model perov_5-diffusion]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { REPO_ROOT } from '../src/core/testing/corpus';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const runs = Number(arg('runs', '3'));
const model = arg('model', 'perov_5-diffusion');
const PORT = 4191;
const MINUTES = 60_000;

await build({ root: REPO_ROOT, logLevel: 'error' });
const server = await preview({ root: REPO_ROOT, logLevel: 'error', preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function open(page: Page, panel: string): Promise<void> {
  await page.getByTestId(`tab-${panel}`).click();
  await expect(page.getByTestId(`${panel}-panel`)).toBeVisible({ timeout: MINUTES });
}

const rows = [];
for (let run = 1; run <= runs; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = Date.now();
  const seconds = () => (Date.now() - start) / 1000;
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await open(page, 'train');
  const loaded = seconds();
  await page.getByTestId(`pretrained-use-${model}`).click({ timeout: MINUTES });
  await expect(page.getByTestId('train-model')).toContainText(/step \d+$/, { timeout: 5 * MINUTES });
  const current = seconds();
  await open(page, 'generate');
  await page.getByTestId('generate-count').fill('16');
  await page.getByTestId('generate-start').click();
  await expect(page.getByTestId('generate-sample')).toHaveCount(16, { timeout: 10 * MINUTES });
  const crystals = seconds();
  const backend = (await page.getByTestId('generate-backend').textContent({ timeout: MINUTES })) ?? '';
  rows.push({ run, loaded, current, crystals, backend });
  console.log(`run ${run}: studio ${loaded.toFixed(1)} s, model current ${current.toFixed(1)} s, 16 crystals ${crystals.toFixed(1)} s (${backend})`);
  await context.close();
}
await browser.close();
await new Promise<void>((done) => server.httpServer.close(() => done()));

const out = resolve(REPO_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'cold-start.json'), `${JSON.stringify({ model, date: new Date().toISOString(), rows }, null, 1)}\n`);
