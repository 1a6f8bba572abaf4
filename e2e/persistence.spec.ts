/**
 * Honest persistence (issue 12): a save the browser refuses is told to the researcher with what is not kept, while
 * the loaded crystals stay on screen; two tabs loading files at once both find their crystals in a third; an
 * imported model survives a reload; a reload mid-ingest or mid-training says what it could not restore; a model one
 * tab trains cannot be trained in another.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { openExampleOnTrain, repoRoot, trainTinyGan } from './studio-actions';

const corpus = path.resolve(repoRoot, '../shared/data/cif-corpus');
const LI2O = path.join(corpus, 'pymatgen__Li2O.cif');
const LIFEPO4 = path.join(corpus, 'pymatgen__LiFePO4.cif');

test.describe('persistence', () => {
  test.setTimeout(120_000);

  test('a storage quota that refuses every write is reported, naming what is not kept', async ({ page }) => {
    // The browser's answer when a site's quota is spent, for every write to the studio's state.
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = function quotaSpent() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto('/');
    await page.getByLabel('Choose files').setInputFiles([LI2O]);
    const table = page.getByRole('table', { name: 'Crystals' });
    await expect(table.locator('tbody tr')).toHaveCount(1, { timeout: 60_000 });
    const notice = page.getByTestId('save-problems');
    await expect(notice).toContainText("the loaded crystals (not all kept across a reload): the browser's storage for this site is full");
    await expect(table.locator('tbody tr')).toHaveCount(1);
  });

  test('two tabs loading at once both keep their crystals: a third tab finds both', async ({ context }) => {
    const [first, second] = [await context.newPage(), await context.newPage()];
    await Promise.all([first.goto('/'), second.goto('/')]);
    await Promise.all([
      first.getByLabel('Choose files').setInputFiles([LI2O]),
      second.getByLabel('Choose files').setInputFiles([LIFEPO4]),
    ]);
    for (const page of [first, second]) {
      await expect(page.getByRole('table', { name: 'Crystals' }).locator('tbody tr')).toHaveCount(1, { timeout: 60_000 });
    }
    const third = await context.newPage();
    await third.goto('/');
    const rows = third.getByRole('table', { name: 'Crystals' }).locator('tbody tr');
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    await expect(rows.filter({ hasText: 'pymatgen__Li2O.cif' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'pymatgen__LiFePO4.cif' })).toHaveCount(1);
    await expect(third.getByTestId('save-problems')).toHaveCount(0);
  });

  test('an imported model is the checkpoint a reload resumes from', async ({ page }) => {
    const model = path.join(repoRoot, 'public/models/perov_5-gan');
    const zip = path.join(mkdtempSync(path.join(tmpdir(), 'import-')), 'perov_5-gan.zip');
    writeFileSync(zip, zipSync({ 'model.json': readFileSync(path.join(model, 'model.json')), 'weights.bin': readFileSync(path.join(model, 'weights.bin')) }));
    await page.goto('/');
    await page.getByTestId('tab-export').click();
    await page.getByTestId('export-import-model').setInputFiles(zip);
    const status = page.getByTestId('studio-status');
    await expect(status).toContainText(/at step \d+/, { timeout: 90_000 });
    const before = (await status.textContent())!.match(/\S+ at step \d+/)![0];
    await page.reload();
    await expect(status).toContainText(before, { timeout: 90_000 });
  });

  test('a reload while files are being read says the batch was cut short', async ({ page }) => {
    // A P1 cell of 3,100 carbon atoms on a 2 Å mesh: its space-group search takes seconds, holding the batch open.
    const n = 15;
    const lines = ['data_slow', ...['a', 'b', 'c'].map((x) => `_cell_length_${x} ${2 * n}`), 'loop_', '_atom_site_label', '_atom_site_fract_x', '_atom_site_fract_y', '_atom_site_fract_z'];
    for (let i = 0; i < 3100; i++) lines.push(`C${i} ${(i % n) / n} ${Math.floor(i / n) % n / n} ${Math.floor(i / n / n) / n}`);
    const slow = path.join(mkdtempSync(path.join(tmpdir(), 'slow-')), 'slow.cif');
    writeFileSync(slow, `${lines.join('\n')}\n`);
    await page.goto('/');
    await page.getByLabel('Choose files').setInputFiles([LI2O, slow, LIFEPO4]);
    await expect(page.getByTestId('ingest-progress')).toContainText('Ingesting: 1 of 3 files', { timeout: 60_000 });
    await page.reload();
    await expect(page.getByTestId('save-problems')).toContainText(
      'the 3 files being read when the page was closed: reading them was cut short; the crystals already read are back, so load those files again for the rest',
      { timeout: 60_000 },
    );
  });

  test('a reload mid-training says which steps since the last checkpoint were lost', async ({ page }) => {
    await openExampleOnTrain(page);
    await trainTinyGan(page, 100_000, { finish: false });
    await page.reload();
    await page.getByTestId('tab-train').click();
    await expect(page.getByTestId('train-notices')).toContainText(
      /steps \d+–\d+ trained before the page was closed were not kept: the model resumes from its last checkpoint, step \d+/,
      { timeout: 120_000 },
    );
  });

  test('a second tab cannot train the model the first trains (a Web Lock per model)', async ({ context }) => {
    // Two studios at once on a shared 2-core machine: the second's backend choice runs beside the first's training.
    test.setTimeout(300_000);
    const first = await context.newPage();
    await openExampleOnTrain(first);
    await trainTinyGan(first, 100_000, { finish: false });
    // The second tab finds the first's crystals and opens the same model (the open model is saved with the studio's state).
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.getByTestId('studio-status')).toContainText(/^[1-9]\d* crystals.*(webgpu|webgl|wasm|cpu)/, { timeout: 180_000 });
    await second.getByTestId('tab-train').click();
    await expect(second.getByTestId('train-model')).toContainText(/tiny preset .* step \d+/, { timeout: 120_000 });
    await expect(second.getByTestId('train-start')).toBeEnabled({ timeout: 120_000 }); // once its worker has the crystals
    await second.getByTestId('train-start').click();
    await expect(second.getByTestId('train-notices')).toContainText('another tab of the studio is training Vanilla GAN tiny: one tab at a time trains a model', { timeout: 60_000 });
    await expect(first.getByTestId('train-progress')).toContainText(/step [1-9]\d* of 100000/);
  });
});
