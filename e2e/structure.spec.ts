/**
 * The 3-D view of a large disordered crystal (issue 11): codtools__1004001-disorder.cif, 1,504 sites of which 976
 * partly occupied, once blocked the page for 19 s. Its geometry is now built in the crystal worker; the view is
 * simplified (no bonds, no face image atoms) with a notice, partly occupied sites are translucent with a legend
 * entry and their occupancy on hover. The long animation frames of opening it (PerformanceObserver
 * 'long-animation-frame') are reported with the scripts in them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { distinctColours, repoRoot } from './studio-actions';

const corpus = path.resolve(repoRoot, '../shared/data/cif-corpus');
const LARGE = 'codtools__1004001-disorder.cif';

test.describe.configure({ timeout: 240_000 });
// The built studio (playwright.config.ts serves it beside the dev server): what users get, without the development
// build's extra work (React's checks, strict mode's second mount) in the frames measured.
test.use({ baseURL: 'http://127.0.0.1:4179' });

interface LongFrame {
  readonly start: number;
  readonly duration: number;
  readonly scripts: string[];
}

declare global {
  interface Window {
    structureFrames: LongFrame[];
  }
}

async function dropFile(page: Page, name: string): Promise<void> {
  const base64 = readFileSync(path.join(corpus, name)).toString('base64');
  await page.evaluate(({ name, base64 }) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    const init = { dataTransfer: data, bubbles: true, cancelable: true };
    document.body.dispatchEvent(new DragEvent('dragenter', init));
    document.body.dispatchEvent(new DragEvent('dragover', init));
    document.body.dispatchEvent(new DragEvent('drop', init));
  }, { name, base64 });
}

test('the 1,504-site disordered crystal opens in 3-D simplified, and its long animation frames are reported', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(`console: ${m.text()}`)));
  await page.addInitScript(() => {
    window.structureFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[] })[]) {
        // As e2e/studio.spec.ts counts them: a frame that held up input (a task in it over 50 ms), not one that
        // only took long to present several short tasks.
        if (e.blockingDuration === 0) continue;
        const scripts = e.scripts.map((x) => `${x.invoker} ${x.sourceFunctionName} ${x.sourceURL.split('/').pop()} ${Math.round(x.duration)} ms`);
        window.structureFrames.push({ start: e.startTime, duration: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await page.goto('/');
  // Start-up is over (first render, restore, the training worker's backend trial) before anything is measured.
  await expect(page.getByTestId('studio-status')).toContainText(/webgpu|webgl|wasm|cpu/, { timeout: 120_000 });
  await dropFile(page, LARGE);
  await expect(page.getByTestId('ingest-summary')).toContainText(/^1 crystal/, { timeout: 120_000 });
  // Let the table's own work settle, so that the frames measured below are the 3-D view's.
  await page.waitForTimeout(1_000);

  const from = await page.evaluate(() => performance.now());
  await page.getByTestId('tab-structure').click();
  await expect(page.getByTestId('structure-panel')).toBeVisible();
  await expect(page.getByTestId('structure-simplified')).toContainText('Simplified view: 1,504 sites in the box', { timeout: 60_000 });
  await expect(page.getByTestId('structure-building')).toHaveCount(0);
  await expect(page.getByTestId('structure-partial')).toContainText('partly occupied');
  await expect(page.getByTestId('structure-legend')).toContainText('W');
  // The shaders compile in the background; the first frame follows. Wait for a picture that is not blank.
  await expect.poll(() => distinctColours(page), { timeout: 60_000 }).toBeGreaterThan(8);
  await page.waitForTimeout(500); // a long frame is reported after it ends
  const frames = await page.evaluate((from) => window.structureFrames.filter((f) => f.start >= from), from);
  // Reported, not asserted (as studio.spec.ts and `npm run bench:responsiveness`): on software WebGL, creating the
  // context and the first resize of its buffer take 30–120 ms each on a loaded 2-core machine, whatever the page does.
  const report = frames.map((f) => `${Math.round(f.duration)} ms: ${f.scripts.join('; ')}`).join('\n') || 'none';
  console.log(`structure view: ${frames.length} long animation frame(s) over 50 ms\n${report}`);
  await testInfo.attach('long-animation-frames', { body: report, contentType: 'text/plain' });

  // Hovering an atom names its site; the crystal's partly occupied sites give their occupancy.
  const box = (await page.getByTestId('structure-canvas').boundingBox())!;
  const said = new Set<string>();
  for (let i = 1; i < 12 && ![...said].some((t) => t.includes('occupancy')); i++) {
    for (let j = 1; j < 12; j++) {
      await page.mouse.move(box.x + (box.width * i) / 12, box.y + (box.height * j) / 12);
      const hover = page.getByTestId('structure-hover');
      if ((await hover.count()) > 0) said.add((await hover.textContent()) ?? '');
    }
  }
  expect([...said].some((t) => /^\S+ (C|H|P|S|W), occupancy 0\.\d+/.test(t)), [...said].join('\n')).toBe(true);
  expect(errors).toEqual([]);
});
