/**
 * Live samples (issue 13): while a model trains, the Train panel draws a few crystals every N steps from the same
 * noise, each as its heatmap and the crystal decoded from it, with what the draws cost; switched off, none come.
 */
import { expect, test } from '@playwright/test';
import { openExampleOnTrain, trainTinyGan } from './studio-actions';

test('a training GAN draws live samples every 10 steps, decoded, with their cost; off, it draws none', async ({ page }) => {
  test.setTimeout(300_000);
  await openExampleOnTrain(page);
  const live = page.getByTestId('live-samples');
  await expect(live).toContainText('Off.');
  await live.getByLabel('draw while training').check();
  await live.getByLabel('every').fill('10');
  await live.getByLabel('crystals per draw').fill('2');

  await trainTinyGan(page, 20, { finish: true });

  await expect(page.getByTestId('live-samples-cost')).toContainText(/^Step 20: drawn in \d[\d,]* ms, \d+\.\d % of the training time/);
  const samples = live.getByTestId('live-sample');
  await expect(samples).toHaveCount(2);
  // Each is decoded by the crystal worker: a formula, or the reason there is no crystal.
  for (const sample of await samples.all()) await expect(sample).not.toContainText('decoding', { timeout: 60_000 });

  await live.getByLabel('draw while training').uncheck();
  await expect(samples).toHaveCount(0);
  await page.getByLabel('Train to step').fill('40');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-progress')).toContainText('step 40 of 40 · finished', { timeout: 120_000 });
  await expect(samples).toHaveCount(0);
});
