/**
 * Playwright fixtures for the studio e2e tests (the built app, `--project studio`). Every test gets the studio
 * open, past start-up, with the watchers of watchers.ts; when it ends, its long tasks are reported by phase and it
 * fails if the page logged an error or broke the Content-Security-Policy meanwhile.
 *
 * - `studio`: a fresh page (its own browser context, so an empty IndexedDB).
 * - `loadedStudio`: the same with the standard files dropped and the example dataset loaded.
 * - `sharedStudio`: one page per worker (worker-scoped, so built once), loaded once, that keeps what each test
 *   leaves (models, runs, the current panel) for the next. Use it from one serial describe, whose order its tests
 *   depend on; another file using it in the same worker would find that describe's state.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { type During, loadStandardFiles, openStudio, type Studio } from './studio-actions';
import { cspViolations, pageClock, type Phase, reportLongTasks, watchPage } from './watchers';

export { expect };

export interface LoadedStudio extends Studio {
  /** Crystals in the Data panel after loading the standard files and the example dataset. */
  readonly crystalCount: number;
}

/** A page open on the studio, with the errors its watchers have collected and no test has yet been failed by. */
interface WatchedPage {
  readonly page: Page;
  readonly errors: string[];
}

async function launch(page: Page): Promise<WatchedPage> {
  const errors = await watchPage(page);
  await openStudio(page);
  return { page, errors };
}

/**
 * Runs one test on `watched`: its long tasks reported at the end, and failing it, the CSP violations of the page
 * and every error not yet reported (start-up's, and on a shared page those between tests, included).
 */
async function watchTest(watched: WatchedPage, testInfo: TestInfo, use: (studio: Studio) => Promise<void>): Promise<void> {
  const { page, errors } = watched;
  const phases: Phase[] = [];
  const during: During = async (name, action) => {
    const from = await pageClock(page);
    const result = await action();
    phases.push({ name, from, to: await pageClock(page) });
    return result;
  };
  const from = await pageClock(page);
  await use({ page, during });
  await reportLongTasks(page, testInfo, phases, from, await pageClock(page));
  expect(await cspViolations(page), 'Content-Security-Policy violations').toEqual([]);
  expect(errors.splice(0), 'page and console errors').toEqual([]);
}

export const test = base.extend<{ studio: Studio; loadedStudio: LoadedStudio; sharedStudio: LoadedStudio }, { studioSession: WatchedPage & { crystalCount: number } }>({
  studio: async ({ page }, use, testInfo) => {
    await watchTest(await launch(page), testInfo, use);
  },

  loadedStudio: async ({ studio }, use) => {
    const crystalCount = await studio.during('ingesting', () => loadStandardFiles(studio.page));
    await use({ ...studio, crystalCount });
  },

  sharedStudio: async ({ studioSession }, use, testInfo) => {
    await watchTest(studioSession, testInfo, (studio) => use({ ...studio, crystalCount: studioSession.crystalCount }));
  },

  studioSession: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const watched = await launch(await context.newPage());
      const crystalCount = await loadStandardFiles(watched.page);
      await use({ ...watched, crystalCount });
      await context.close();
    },
    // Start-up and ingest, which take under 10 s on a quiet machine.
    { scope: 'worker', timeout: 120_000 },
  ],
});
