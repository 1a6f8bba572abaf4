/**
 * Every panel at the two screens researchers use most (a 1440 × 900 laptop, a 1024 × 768 projector), attached to
 * the test results as full-page screenshots, with something in each panel: 116 perov_5 crystals, the pretrained
 * perov_5 diffusion model (public/models) and two runs from it (trained and its untrained baseline), so that
 * Compare draws runs side by side. Dev server (engine project). The Train panel's primary action must be in view at
 * 1440 × 900 without scrolling, before a model exists and after, and the backend's notices are listed once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { dropFiles, open, repoRoot } from './studio-actions';

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const LAPTOP = VIEWPORTS[0];
const PEROV = path.resolve(repoRoot, '../shared/data/cdvae/perov_5/train_head116_via_CosmosYou.csv');
const PRETRAINED = 'perov_5-diffusion';
const pretrainedShipped = existsSync(path.join(repoRoot, 'public/models', PRETRAINED, 'model.json'));

async function openStudio(page: Page): Promise<void> {
  await page.setViewportSize(LAPTOP);
  await page.goto('/');
  await expect(page.getByTestId('studio-status')).toContainText(/webgpu|webgl|wasm|cpu/, { timeout: 60_000 });
}

/** Whether `target` lies wholly inside the viewport with the page scrolled to its top. */
async function inFirstScreen(page: Page, target: Locator): Promise<boolean> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await target.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

/** A screenshot kept in the test's output folder and attached to its results under `name`. */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string, fullPage: boolean): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * What a panel computes after it opens, waited for before its screenshot: Compare draws its charts one a frame and
 * scores the runs in the crystal worker each time it mounts; the 3-D view draws once its scene has come back.
 */
async function settled(page: Page, panel: string): Promise<void> {
  if (panel === 'compare') {
    await expect(page.getByTestId('compare-distributions')).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('.compare-chart--pending')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('compare-scorecard').locator('[data-kind=run]')).toHaveCount(2, { timeout: 120_000 });
  }
  if (panel === 'structure') await expect(page.getByTestId('structure-canvas')).toBeVisible({ timeout: 60_000 });
}

/** Every tab the studio has, read from its tab bar, at each viewport. */
async function attachPanels(page: Page, testInfo: TestInfo): Promise<void> {
  const tabs = await page.getByRole('tab').evaluateAll((buttons) => buttons.map((b) => b.id.replace(/^tab-/, '')));
  expect(tabs.length).toBeGreaterThanOrEqual(8);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const panel of tabs) {
      await open(page, panel);
      await settled(page, panel);
      await page.evaluate(() => window.scrollTo(0, 0));
      await attachScreenshot(page, testInfo, `${panel}-${viewport.width}x${viewport.height}`, true);
    }
  }
}

test('the Train panel’s primary action is in view at 1440 × 900, before and after a model exists', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openStudio(page);
  await dropFiles(page, [PEROV]);
  await expect(page.getByTestId('ingest-summary')).toContainText(/^116 crystals/, { timeout: 60_000 });
  await open(page, 'train');
  await page.getByTestId('train-preset').selectOption('tiny');
  await expect(page.getByTestId('train-create')).toBeEnabled();
  expect(await inFirstScreen(page, page.getByTestId('train-create')), '"Create the model" without scrolling').toBe(true);
  await attachScreenshot(page, testInfo, 'train-before-a-model-1440x900', false);

  await page.getByTestId('train-create').click();
  await expect(page.getByTestId('train-model')).toContainText('step 0', { timeout: 120_000 });
  await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 60_000 });
  expect(await inFirstScreen(page, page.getByTestId('train-start')), 'Train without scrolling').toBe(true);
  await expect(page.getByTestId('train-estimate')).toBeVisible();
  expect(await inFirstScreen(page, page.getByTestId('train-estimate')), 'the time estimate beside Train').toBe(true);
  // Each notice once: the dev server's StrictMode starts the page's effects twice, which listed the backend's twice.
  const notices = await page.getByTestId('train-notices').locator('li').allTextContents();
  expect(notices.length).toBeGreaterThan(0);
  expect(notices, 'notices listed once each').toEqual([...new Set(notices)]);
  await attachScreenshot(page, testInfo, 'train-with-a-model-1440x900', false);
});

test('every panel at 1440 × 900 and 1024 × 768, with data, a pretrained model and two runs', async ({ page }, testInfo) => {
  test.skip(!pretrainedShipped, `public/models/${PRETRAINED} is not in this checkout`);
  test.setTimeout(480_000);
  await openStudio(page);
  await dropFiles(page, [PEROV]);
  await expect(page.getByTestId('ingest-summary')).toContainText(/^116 crystals/, { timeout: 60_000 });

  await open(page, 'train');
  await page.getByTestId(`pretrained-use-${PRETRAINED}`).click();
  await expect(page.getByTestId('train-model')).toContainText(/^Diffusion, small preset .* step \d+$/, { timeout: 120_000 });

  // Two short runs (8 crystals, DDIM 10 steps): the trained model and its untrained baseline.
  await open(page, 'generate');
  await page.getByTestId('generate-count').fill('8');
  await page.getByTestId('generate-steps').fill('10');
  for (const [untrained, runs] of [[false, 1], [true, 2]] as const) {
    await page.getByTestId('generate-untrained').setChecked(untrained);
    await page.getByTestId('generate-start').click();
    await expect(page.getByTestId('generate-run').locator('option')).toHaveCount(runs, { timeout: 60_000 });
    await expect(page.getByTestId('generate-run').locator('option').last()).toContainText('8 of 8 (done)', { timeout: 180_000 });
  }
  await page.getByTestId('generate-untrained').uncheck();
  // Both runs side by side in every chart, each with its K–S line.
  await open(page, 'compare');
  await settled(page, 'compare');
  await expect(page.getByTestId('compare-legend').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('compare-ks-a').locator('dd')).toHaveCount(3);

  await attachPanels(page, testInfo);

  // The distributions as a greyscale print shows them: real and runs must stay apart by pattern and lightness.
  await page.setViewportSize(LAPTOP);
  await open(page, 'compare');
  await settled(page, 'compare');
  await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
  await attachScreenshot(page, testInfo, 'compare-greyscale-1440x900', true);
});
