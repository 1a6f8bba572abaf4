/**
 * What the studio e2e tests watch on a page besides its content: page and console errors, Content-Security-Policy
 * violations, and the main thread's long tasks (PerformanceObserver 'longtask', over 50 ms) with the long
 * animation frames that say which scripts ran in them. Long tasks are measured and reported per test, by phase,
 * not asserted (b810cc6: their length depends on what else the machine runs); `npm run bench:responsiveness`
 * prints them.
 */
import type { Page, TestInfo } from '@playwright/test';

/** A main-thread task over 50 ms; `start` is on the wall clock (ms since the epoch), so it survives a reload. */
interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** A long animation frame with the scripts that ran in it, to say what a long task was. */
interface LongFrame extends LongTask {
  readonly scripts: readonly string[];
}

/** A named stretch of a test (ingesting, training gan, …) that its long tasks are reported under. */
export interface Phase {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

declare global {
  interface Window {
    longTasks: LongTask[];
    longFrames: LongFrame[];
    cspViolations: string[];
  }
}

/**
 * Installs the watchers before the page's first script runs (and again after every reload) and returns the list
 * that page and console errors are appended to.
 */
export async function watchPage(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(`console: ${m.text()}`)));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.longFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; duration: number }[] })[]) {
        if (e.blockingDuration === 0) continue;
        const scripts = e.scripts.map((x) => `${x.invoker} ${x.sourceFunctionName} ${x.sourceURL.split('/').pop()} ${Math.round(x.duration)} ms`);
        window.longFrames.push({ start: performance.timeOrigin + e.startTime, duration: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  return errors;
}

/** The page's wall clock, the one long tasks are stamped with. */
export function pageClock(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin + performance.now());
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations);
}

/**
 * Prints the long tasks between `from` and `to`, the longest of each phase (those outside every phase as "other
 * steps"), and attaches them with the long animation frames to the test's report.
 */
export async function reportLongTasks(page: Page, testInfo: TestInfo, phases: readonly Phase[], from: number, to: number): Promise<void> {
  const within = <T extends LongTask>(list: readonly T[]) => list.filter((t) => t.start >= from && t.start <= to);
  const { tasks, frames } = await page.evaluate(() => ({ tasks: window.longTasks, frames: window.longFrames }));
  const byPhase = new Map<string, LongTask[]>();
  for (const task of within(tasks)) {
    const phase = phases.find((p) => task.start >= p.from && task.start <= p.to)?.name ?? 'other steps';
    byPhase.set(phase, [...(byPhase.get(phase) ?? []), task]);
  }
  const lines = [...byPhase].map(([phase, list]) => `${phase.padEnd(20)} ${list.length} long tasks, longest ${Math.round(Math.max(...list.map((t) => t.duration)))} ms`);
  console.log(`main-thread long tasks (over 50 ms) in "${testInfo.title}", by phase:\n${lines.join('\n') || 'none'}`);
  const body = JSON.stringify({ phases, tasks: within(tasks), frames: within(frames) }, null, 1);
  await testInfo.attach('long-tasks.json', { body, contentType: 'application/json' });
}
