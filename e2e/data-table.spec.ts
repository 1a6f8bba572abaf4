/**
 * The Data panel's table at thousands of rows (perov_5's test and val splits, 7,572 crystals): only the rows in
 * view are drawn, the end is reached by scrolling, sorting and filtering answer, and the filter and the order
 * are still there after a visit to another panel. The long animation frames of each phase are reported, not
 * asserted (their length depends on what else the machine runs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { repoRoot } from './studio-actions';
import { pageClock, type Phase, reportLongTasks, watchPage } from './watchers';

const perov = path.resolve(repoRoot, '../shared/data/cdvae/perov_5');
const SPLITS = ['test.csv', 'val.csv'].map((name) => path.join(perov, name));

/** What the table should show, read from the CSVs themselves (their formula column and the CIFs' cell lengths). */
function expected() {
  const texts = SPLITS.map((file) => readFileSync(file, 'utf8'));
  const lengths = texts.flatMap((text) => [...text.matchAll(/_cell_length_a\s+([\d.]+)/g)].map((m) => Number(m[1])));
  // The formula column (e.g. TiOsOFN) follows the CIF's closing quote: rows holding titanium.
  const titanium = texts.flatMap((text) => [...text.matchAll(/"\s*,([A-Za-z0-9]+),/g)]).filter((m) => /Ti(?![a-z])/.test(m[1]!)).length;
  return { crystals: lengths.length, longest: Math.max(...lengths).toFixed(3), shortest: Math.min(...lengths).toFixed(3), titanium };
}

const bodyRows = (page: Page) => page.getByTestId('crystal-table').locator('tbody tr:not(.spacer)');
const firstRow = (page: Page) => bodyRows(page).first();
const cell = (row: Locator, column: number) => row.getByRole('cell').nth(column);

/** The row's action button lies within the table's scroll box (its text columns did not push it out of view). */
async function expectActionShown(row: Locator, scroller: Locator): Promise<void> {
  const button = (await row.getByRole('button', { name: /^Cell of / }).boundingBox())!;
  const box = (await scroller.boundingBox())!;
  expect(button.x).toBeGreaterThanOrEqual(box.x);
  expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
  expect(button.y).toBeGreaterThanOrEqual(box.y);
  expect(button.y + button.height).toBeLessThanOrEqual(box.y + box.height);
}

test('the crystal table scrolls, sorts and filters 7,572 rows, and keeps its filter across panels', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const reference = expected();
  expect(reference.crystals).toBe(3785 + 3787); // CDVAE's perov_5 test and val splits

  const errors = await watchPage(page);
  // Narrower than the table: the row's actions must stay in view.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto('/');
  const phases: Phase[] = [];
  const during = async (name: string, action: () => Promise<void>) => {
    const from = await pageClock(page);
    await action();
    phases.push({ name, from, to: await pageClock(page) });
  };
  const from = await pageClock(page);

  await during('ingesting', async () => {
    await page.getByLabel('Choose files').setInputFiles(SPLITS);
    await expect(page.getByTestId('ingest-summary')).toHaveText(`${reference.crystals} crystals, 0 refused entries from 2 files`, { timeout: 240_000 });
  });
  const scroller = page.getByTestId('crystal-scroll');
  const drawn = await bodyRows(page).count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(100);
  await expectActionShown(firstRow(page), scroller);

  await during('scrolling', async () => {
    await scroller.hover();
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 2000);
    await scroller.evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
    await expect(bodyRows(page).last()).toContainText('val.csv:3787');
  });
  expect(await bodyRows(page).count()).toBeLessThan(100);
  await expectActionShown(bodyRows(page).last(), scroller);

  const aHeader = page.getByRole('button', { name: /^a \(Å\)/ });
  await during('sorting', async () => {
    await aHeader.click();
    await expect(cell(firstRow(page), 3)).toHaveText(reference.shortest);
    await aHeader.click();
    await expect(cell(firstRow(page), 3)).toHaveText(reference.longest);
  });
  await expect(page.getByRole('columnheader', { name: /^a \(Å\)/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(scroller).toHaveJSProperty('scrollTop', 0);

  await during('filtering', async () => {
    await page.getByTestId('crystal-filter').fill('ti');
    await expect(page.getByTestId('crystal-count')).toHaveText(`${reference.titanium} of ${reference.crystals} crystals`);
  });
  await expect(cell(firstRow(page), 1)).toContainText('Ti');
  await page.getByTestId('data-panel').screenshot({ path: path.join(repoRoot, 'test-results/screenshots/data-table.png') });

  await during('switching panels', async () => {
    await page.getByTestId('tab-tensor').click();
    await expect(page.getByTestId('crystal-table')).toHaveCount(0);
    await page.getByTestId('tab-data').click();
    await expect(page.getByTestId('crystal-filter')).toHaveValue('ti');
    await expect(page.getByTestId('crystal-count')).toHaveText(`${reference.titanium} of ${reference.crystals} crystals`);
  });
  await expect(page.getByRole('columnheader', { name: /^a \(Å\)/ })).toHaveAttribute('aria-sort', 'descending');

  await reportLongTasks(page, testInfo, phases, from, await pageClock(page));
  expect(errors).toEqual([]);
});
