import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CI runs in a fresh clone with shared/ beside it, as on the development machines.
const corpus = path.resolve(repoRoot, '../shared/data/cif-corpus');
const screenshot = path.join(repoRoot, 'test-results/screenshots/data.png');

/**
 * Sites and cell formulas from cif-corpus/manifest.json (`expected_from_source`: pymatgen's own tests), shown
 * reduced first in pymatgen's order (src/ui/formula-text.ts). Space groups
 * as pymatgen's get_space_group_info() gives them at its default 0.01 Å: LiFePO4.cif is a slightly distorted
 * olivine (γ = 89.5°) declared P1, so it is P2_1/c (14) at 0.01 Å and Pnma (62) only from about 0.1 Å.
 */
const GOOD = [
  { file: 'pymatgen__LiFePO4.cif', formula: 'LiFePO4 (cell Li4 Fe4 P4 O16)', sites: '28', spaceGroup: '14', declared: '(declared 1)' },
  { file: 'pymatgen__Li2O.cif', formula: 'Li2O (cell Li8 O4)', sites: '12', spaceGroup: '225' },
] as const;
/** One data block, no cell: cod-tools expects "no structure can be built". */
const BROKEN = 'codtools__1001012-no-cell.cif';
const FILES = [...GOOD.map((g) => g.file), BROKEN];

function corpusFile(name: string): string {
  return path.join(corpus, name);
}

/** Fails the test on any uncaught page error or console error (a worker that fails to load logs one). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function expectIngested(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: 'Crystals' });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  for (const good of GOOD) {
    const row = table.getByRole('row').filter({ hasText: good.file });
    await expect(row).toHaveCount(1);
    const cells = row.getByRole('cell');
    await expect(cells.nth(1)).toHaveText(good.formula);
    await expect(cells.nth(2)).toHaveText(good.sites);
    await expect(cells.nth(9)).toContainText(good.spaceGroup);
    if ('declared' in good) await expect(cells.nth(9)).toContainText(good.declared);
  }
  const refused = page.getByTestId('ingest-errors').getByRole('listitem');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(BROKEN);
  await expect(refused).toContainText('no cell');
  await expect(page.getByTestId('ingest-errors').getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('ingest-summary')).toHaveText('2 crystals, 1 refused entry from 3 files');
  await expect(page.getByTestId('ingest-failure')).toHaveCount(0);
  await expect(page.getByTestId('ingest-progress')).toHaveCount(0);
}

test.describe('Data panel ingest', () => {
  test('files dropped on the page are listed, with the broken one refused', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Data' })).toBeVisible();

    const files = FILES.map((name) => ({ name, base64: readFileSync(corpusFile(name)).toString('base64') }));
    await page.evaluate((files) => {
      const data = new DataTransfer();
      for (const { name, base64 } of files) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], name));
      }
      // Dropped on the body, not on the drop zone: the whole page is the target.
      const init = { dataTransfer: data, bubbles: true, cancelable: true };
      document.body.dispatchEvent(new DragEvent('dragenter', init));
      document.body.dispatchEvent(new DragEvent('dragover', init));
      document.body.dispatchEvent(new DragEvent('drop', init));
    }, files);

    await expectIngested(page);
    await page.getByTestId('data-panel').screenshot({ path: screenshot });
    expect(errors).toEqual([]);
  });

  test('files picked with the file input are listed, with the broken one refused', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByLabel('Choose files').setInputFiles(FILES.map(corpusFile));
    await expectIngested(page);
    expect(errors).toEqual([]);
  });

  test('a folder picked with the folder input is read recursively, named by relative paths', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    const folder = testInfo.outputPath('structures');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(path.join(folder, 'olivine'), { recursive: true });
    copyFileSync(corpusFile('pymatgen__Li2O.cif'), path.join(folder, 'pymatgen__Li2O.cif'));
    copyFileSync(corpusFile('pymatgen__LiFePO4.cif'), path.join(folder, 'olivine', 'pymatgen__LiFePO4.cif'));

    await page.goto('/');
    await page.getByLabel('Choose folder').setInputFiles(folder);
    const table = page.getByRole('table', { name: 'Crystals' });
    await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
    await expect(table.getByRole('cell', { name: 'structures/pymatgen__Li2O.cif#22402-ICSD' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'structures/olivine/pymatgen__LiFePO4.cif#VESTA_phase_1' })).toBeVisible();
    await expect(page.getByTestId('ingest-errors')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('each load is a source: shown alone, kept out of training, removed after asking, and kept across a reload', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByLabel('Choose files').setInputFiles(FILES.map(corpusFile));
    await expectIngested(page);
    await page.getByTestId('load-example').click();
    await expect(page.getByTestId('example-note')).toBeVisible({ timeout: 60_000 });

    // Newest first: the example, then the three files with their refused entry and its reason.
    const sources = page.getByTestId('source');
    await expect(sources).toHaveCount(2);
    const example = sources.nth(0);
    const files = sources.nth(1);
    await expect(example).toHaveAttribute('data-name', 'Structure prototypes (example)');
    await expect(files).toHaveAttribute('data-name', `3 files: ${FILES.join(', ')}`);
    await expect(files.getByTestId('source-counts')).toContainText('2 crystals, 1 refused entry');
    await files.locator('summary').click();
    await expect(files.locator('details li')).toHaveText(`${BROKEN}#1001012 no cell: _cell_length_a is missing`);
    const exampleCrystals = Number((await example.getByTestId('source-counts').textContent())!.match(/(\d+) crystals/)![1]);

    // Shown alone: the table holds the files' two rows, and all of them again after.
    const table = page.getByRole('table', { name: 'Crystals' });
    await files.getByTestId('source-show').click();
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await files.getByTestId('source-show').click();
    await expect(page.getByTestId('ingest-summary')).toContainText(`${exampleCrystals + 2} crystals`);

    // Kept out of training: the Train panel trains on the other source's crystals only, or says none are left.
    await example.getByTestId('source-train').uncheck();
    await page.getByTestId('tab-train').click();
    await expect(page.getByText('2 crystals to train on')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('tab-data').click();
    await files.getByTestId('source-train').uncheck();
    await page.getByTestId('tab-train').click();
    await expect(page.getByTestId('train-all-excluded')).toBeVisible();
    await page.getByTestId('tab-data').click();
    await files.getByTestId('source-train').check();

    // Removed after asking; keeping it keeps it.
    await files.getByTestId('source-remove').click();
    await files.getByTestId('source-remove-keep').click();
    await expect(sources).toHaveCount(2);
    await files.getByTestId('source-remove').click();
    await expect(files.getByTestId('source-remove-confirm')).toContainText(`Remove 3 files: ${FILES.join(', ')}: its 2 crystals leave`);
    await files.getByTestId('source-remove-yes').click();
    await expect(sources).toHaveCount(1);
    await expect(page.getByTestId('ingest-summary')).toHaveText(`${exampleCrystals} crystals, 0 refused entries`);
    await expect(page.getByTestId('ingest-errors')).toHaveCount(0);

    // A reload finds the example alone, still kept out of training.
    await page.reload();
    await expect(sources).toHaveCount(1, { timeout: 60_000 });
    await expect(sources.nth(0).getByTestId('source-train')).not.toBeChecked();
    await expect(page.getByTestId('ingest-summary')).toHaveText(`${exampleCrystals} crystals, 0 refused entries`);
    expect(errors).toEqual([]);
  });
});
