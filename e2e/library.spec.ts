/**
 * The model library (issue 13): every model created is kept; the researcher opens, renames, duplicates and deletes
 * them (deleting asks first), overlays their loss curves, and finds the library as it was after a reload; the one
 * model of before the library migrates into it; two tabs train two models at once (a Web Lock per model).
 */
import { expect, test } from '@playwright/test';
import { openExampleOnTrain, trainTinyGan } from './studio-actions';

test('two tiny models: opened, renamed, duplicated, overlaid, one deleted after asking; the library survives a reload', async ({ page }) => {
  test.setTimeout(360_000);
  await openExampleOnTrain(page);
  const models = page.getByTestId('library-model');

  // A second model is a new entry: the first is kept at its step, nothing asked, nothing discarded.
  await trainTinyGan(page, 3, { seed: 1, finish: true });
  await trainTinyGan(page, 2, { seed: 2, finish: true });
  await expect(models).toHaveCount(2);
  await expect(models.nth(0)).toHaveAttribute('data-name', 'Vanilla GAN tiny');
  await expect(models.nth(0)).toContainText('step 3');
  await expect(models.nth(1)).toHaveAttribute('data-name', 'Vanilla GAN tiny 2');
  await expect(models.nth(1)).toHaveAttribute('data-open', 'true');

  // Switch back to the first, with its step and its curves.
  await models.nth(0).getByTestId('library-open').click();
  await expect(page.getByTestId('train-model')).toContainText('seed 1: step 3', { timeout: 60_000 });
  await expect(models.nth(0)).toHaveAttribute('data-open', 'true');
  const legend = page.getByTestId('train-loss-panel').first().locator('li');
  await expect(legend).toHaveCount(1);
  await expect(legend).toContainText('at step 3');

  // The other model's curves beside the open one's, named.
  await page.getByTestId('train-loss-overlays').getByLabel('Vanilla GAN tiny 2').check();
  await expect(legend).toHaveCount(2);
  await expect(legend.nth(1)).toContainText(/^Vanilla GAN tiny 2, .* at step 2$/);

  // Rename the open model.
  await models.nth(0).getByTestId('library-rename').click();
  await models.nth(0).getByTestId('library-name-input').fill('NaCl GAN');
  await models.nth(0).getByTestId('library-name-save').click();
  await expect(models.nth(0)).toHaveAttribute('data-name', 'NaCl GAN');

  // Duplicate it: the copy opens at the same step, to be fine-tuned apart.
  await models.nth(0).getByTestId('library-duplicate').click();
  await expect(models).toHaveCount(3);
  await expect(models.nth(2)).toHaveAttribute('data-name', 'NaCl GAN copy');
  await expect(models.nth(2)).toHaveAttribute('data-open', 'true');
  await expect(models.nth(2)).toContainText('copy of NaCl GAN at step 3');
  await expect(page.getByTestId('train-model')).toContainText('seed 1: step 3');

  // Export a model that is not open: its last checkpoint, as the Export panel's model zip.
  const download = page.waitForEvent('download');
  await models.nth(1).getByTestId('library-export').click();
  expect((await download).suggestedFilename()).toBe('vanilla-gan-tiny-2-step-2.zip');

  // Delete asks first; keeping it keeps it.
  await models.nth(1).getByTestId('library-delete').click();
  await expect(models.nth(1).getByTestId('library-delete-confirm')).toContainText('Delete Vanilla GAN tiny 2 (step 2), its checkpoint and its curves?');
  await models.nth(1).getByTestId('library-delete-keep').click();
  await expect(models).toHaveCount(3);
  await models.nth(1).getByTestId('library-delete').click();
  await models.nth(1).getByTestId('library-delete-yes').click();
  await expect(models).toHaveCount(2);
  await expect(legend).toHaveCount(1); // its overlaid curves went with it

  // A reload finds the library, the open model and its curves.
  await page.reload();
  await page.getByTestId('tab-train').click();
  await expect(models).toHaveCount(2, { timeout: 60_000 });
  await expect(models.nth(0)).toHaveAttribute('data-name', 'NaCl GAN');
  await expect(models.nth(1)).toHaveAttribute('data-name', 'NaCl GAN copy');
  await expect(models.nth(1)).toHaveAttribute('data-open', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('train-model')).toContainText('seed 1: step 3', { timeout: 120_000 });
  await expect(legend).toContainText('at step 3');
});

test("the studio's one model of before the library, and its curves, become the library's first entry on the first load", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByTestId('studio-status')).toContainText(/webgpu|webgl|wasm|cpu/, { timeout: 60_000 });
  // What the studio saved before the library: the model checkpointed under `current` (a released GAN at step
  // 1641), and the Train slice with its settings and loss history.
  await page.evaluate(async () => {
    const [modelJson, weights] = await Promise.all([
      fetch('/models/perov_5-gan/model.json').then((r) => r.text()),
      fetch('/models/perov_5-gan/weights.bin').then(async (r) => new Uint8Array(await r.arrayBuffer())),
    ]);
    const put = (database: string, store: string, value: unknown, key: string) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database, 1);
        open.onupgradeneeded = () => void open.result.createObjectStore(store);
        open.onerror = () => reject(new Error(`${database}: ${String(open.error)}`));
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(value, key);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(new Error(`${database}: ${String(tx.error)}`));
        };
      });
    await put('crystens-studio', 'checkpoints', { modelJson, weights, savedAt: Date.now() }, 'current');
    const settings = { kind: 'gan', preset: 'small', seed: 1, batchSize: 8, hyper: {}, totalSteps: 2000 };
    const history = [1600, 1620, 1640].map((step, i) => ({ step, losses: { discriminator: 1.3 - i / 10, generator: 0.9 + i / 10 } }));
    await put('crystens-studio-state', 'state', { settings, history }, 'train');
  });
  await page.reload();
  await page.getByTestId('tab-train').click();
  const models = page.getByTestId('library-model');
  await expect(models).toHaveCount(1, { timeout: 60_000 });
  await expect(models.first()).toHaveAttribute('data-name', 'Model from an earlier visit');
  await expect(models.first()).toHaveAttribute('data-open', 'true', { timeout: 60_000 });
  await expect(models.first()).toContainText('step 1641');
  await expect(page.getByTestId('train-model')).toContainText('step 1641', { timeout: 120_000 });
  await expect(page.getByTestId('train-notices')).toContainText('your model from an earlier visit is kept in the model library as "Model from an earlier visit"');
  await expect(page.getByTestId('train-loss-panel').first().locator('li')).toContainText('at step 1640');

  // Once: another load finds the same one entry, its curves still there.
  await page.reload();
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('train-model')).toContainText('step 1641', { timeout: 120_000 });
  await expect(models).toHaveCount(1);
  await expect(page.getByTestId('train-loss-panel').first().locator('li')).toContainText('at step 1640');
});

test('two tabs train two library models at once, each under its own lock and checkpoint', async ({ context }) => {
  // Two studios at once on a shared 2-core machine: the second starts up beside the first's training.
  test.setTimeout(400_000);
  const first = await context.newPage();
  await openExampleOnTrain(first);
  await trainTinyGan(first, 100_000, { finish: false });

  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('studio-status')).toContainText(/^[1-9]\d* crystals.*(webgpu|webgl|wasm|cpu)/, { timeout: 180_000 });
  await second.getByTestId('tab-train').click();
  // Create is enabled once start-up has opened the model of the last visit (the first tab's), whose settings fill
  // the form: fill it after that.
  await expect(second.getByTestId('train-create')).toBeEnabled({ timeout: 120_000 });
  await second.getByTestId('train-kind').selectOption('gan');
  await second.getByTestId('train-preset').selectOption('tiny');
  await second.getByLabel('Seed').fill('2');
  await second.getByLabel('Batch size').fill('4');
  await second.getByLabel('Train to step').fill('3');
  await second.getByTestId('train-create').click();
  await expect(second.getByTestId('train-model')).toContainText('seed 2: step 0', { timeout: 120_000 });
  await expect(second.getByTestId('train-start')).toBeEnabled({ timeout: 120_000 });
  await second.getByTestId('train-start').click();
  await expect(second.getByTestId('train-progress')).toContainText('step 3 of 3 · finished', { timeout: 180_000 });

  // The first run went on meanwhile, and each model keeps its own steps.
  await expect(first.getByTestId('train-progress')).toContainText(/step [1-9]\d* of 100000 · running/);
  const models = second.getByTestId('library-model');
  await expect(models).toHaveCount(2);
  await expect(models.nth(1)).toContainText('step 3');
  await first.bringToFront(); // a background tab's frames are throttled: a click there waits on them
  await first.getByTestId('train-start').click(); // the run control pauses a running run
  await expect(first.getByTestId('train-progress')).toContainText('paused', { timeout: 60_000 });

  // The first tab's library follows what the second does there (told by a broadcast, not by its own training).
  await models.nth(1).getByTestId('library-rename').click();
  await models.nth(1).getByTestId('library-name-input').fill('second tab GAN');
  await models.nth(1).getByTestId('library-name-save').click();
  await expect(first.getByTestId('library-model').nth(1)).toHaveAttribute('data-name', 'second tab GAN', { timeout: 30_000 });
});
