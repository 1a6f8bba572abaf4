/**
 * The Tensor panel's zoom and the studio's atom numbering (issue 13), in the built studio: a small crystal's maps
 * open zoomed to the occupied block (12 header + 8 atom rows of rock salt), zoom out to the whole 64 × 64 and back,
 * the choice kept when the crystal changes; the hover and the axes name the same row and column either way, atoms
 * counted from 1. Then a generated crystal's site labels in the Reconstruct panel are the ones in its exported CIF.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { findRockSalt, open } from './studio-actions';

// The built studio (playwright.config.ts serves it beside the dev server), where the fixtures check its CSP.
test.use({ baseURL: 'http://127.0.0.1:4179' });

/** Points at cell (row, column) of a map showing `side` × `side` cells. */
async function hoverCell(page: Page, map: Locator, side: number, row: number, column: number): Promise<void> {
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + ((column + 0.5) * box.width) / side, box.y + ((row + 0.5) * box.height) / side);
}

/** The `_atom_site_label` column of a CIF the studio wrote. */
function cifLabels(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.slice(lines.indexOf('_atom_site_occupancy') + 1).map((line) => line.split(' ')[0]!);
}

test('the tensor maps zoom to the occupied block and back, naming atoms from 1 as the hover does', async ({ loadedStudio: { page } }) => {
  test.setTimeout(120_000);
  await findRockSalt(page);
  await page.getByTestId('crystal-table').locator('tbody tr').first().getByRole('button', { name: /^Tensor of/ }).click();
  await expect(page.getByTestId('tensor-panel')).toBeVisible();
  const zoomIn = page.getByTestId('tensor-zoom').getByRole('button', { name: /^Occupied block/ });
  const zoomOut = page.getByTestId('tensor-zoom').getByRole('button', { name: /^Whole tensor/ });
  const map = page.getByTestId('tensor-layer-0');
  const columns = page.getByTestId('tensor-axis-columns').first();
  const readout = page.getByTestId('tensor-readout');

  // Zoomed by default for 8 atoms: 20 columns, each named; column 12 is atom 1.
  await expect(zoomIn).toHaveAttribute('aria-pressed', 'true');
  await expect(zoomIn).toHaveText('Occupied block (20 × 20)');
  await expect(columns.locator('span')).toHaveCount(20);
  await expect(columns.locator('span').nth(12)).toHaveText('1');
  await expect(columns.locator('span').nth(4)).toHaveText('a');
  await hoverCell(page, map, 20, 4, 12);
  await expect(readout).toContainText(/^row 4 \(a\), column 12 \(atom 1, Na\), layer 0: a = 5\.\d+ Å/);
  // The last occupied row: slots hold the atoms by atomic number, Na 1–4 then Cl 5–8.
  await hoverCell(page, map, 20, 19, 0);
  await expect(readout).toContainText(/^row 19 \(atom 8, Cl\), column 0 \(Z\), layer 0: Z = 17\.000/);

  // The whole tensor: the axes name regions, and the same cell reads the same.
  await zoomOut.click();
  await expect(zoomOut).toHaveAttribute('aria-pressed', 'true');
  await expect(zoomIn).toHaveAttribute('aria-pressed', 'false');
  await expect(columns.locator('span')).toHaveText(['header', '1–8', 'empty']);
  await hoverCell(page, map, 64, 4, 12);
  await expect(readout).toContainText(/^row 4 \(a\), column 12 \(atom 1, Na\), layer 0: a = 5\.\d+ Å/);
  await hoverCell(page, map, 64, 40, 40);
  await expect(readout).toContainText('row 40 (empty slot 29), column 40 (empty slot 29), layer 0: empty slot (always 0)');

  // The choice stays with the next crystal, and zooming back in works there.
  await page.getByRole('button', { name: 'Next crystal' }).click();
  await expect(zoomOut).toHaveAttribute('aria-pressed', 'true');
  await zoomIn.click();
  await expect(zoomIn).toHaveAttribute('aria-pressed', 'true');
  const side = Number(/rows and columns 0–(\d+) of 64/.exec((await map.getAttribute('aria-label'))!)![1]) + 1;
  await hoverCell(page, map, side, 0, 12);
  await expect(readout).toContainText(/^row 0 \(Z\), column 12 \(atom 1, \w+\)/);
});

test("a generated crystal's site labels in Reconstruct are its exported CIF's", async ({ studio: { page } }, testInfo) => {
  test.setTimeout(240_000);
  // The released perov_5 GAN draws a batch in one pass: no training needed.
  await open(page, 'train');
  await page.getByTestId('pretrained-use-perov_5-gan').click();
  await expect(page.getByTestId('train-model')).toContainText(/GAN/, { timeout: 120_000 });
  await open(page, 'generate');
  await page.getByTestId('generate-count').fill('4');
  await page.getByTestId('generate-start').click();
  await expect(page.getByTestId('generate-run').locator('option').last()).toContainText('4 of 4 (done)', { timeout: 120_000 });

  const card = page.getByTestId('generate-sample').filter({ has: page.locator('.formula') }).first();
  const index = Number((await card.locator('strong').first().textContent())!.replace('#', ''));
  await card.getByRole('button', { name: 'Reconstruction' }).click();
  await expect(page.getByTestId('reconstruct-stepper')).toBeVisible();
  while (!(await page.getByTestId('reconstruct-next').isDisabled())) await page.getByTestId('reconstruct-next').click();
  const shown = await page.getByTestId('reconstruct-crystal').locator('tbody th[scope=row]').allTextContents();
  expect(shown.length).toBeGreaterThan(0);

  await open(page, 'export');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-cif-zip').click();
  const zipPath = testInfo.outputPath('generated.zip');
  await (await download).saveAs(zipPath);
  const files = unzipSync(readFileSync(zipPath));
  expect(cifLabels(strFromU8(files[`crystal_${index}.cif`]!))).toEqual(shown);
});
