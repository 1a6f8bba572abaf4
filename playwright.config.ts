import { defineConfig } from '@playwright/test';

/** The dev server, for the engine tests that import the page's modules directly. */
const DEV_PORT = 4178;
/** The built studio (what users get, with its Content-Security-Policy), for the whole-workflow test. */
const BUILD_PORT = 4179;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  globalTimeout: 45 * 60_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    launchOptions: {
      // Debian's chromium: `npx playwright install` cannot download a browser on these machines.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'engine', testIgnore: 'studio.spec.ts', use: { baseURL: `http://127.0.0.1:${DEV_PORT}` } },
    { name: 'studio', testMatch: 'studio.spec.ts', use: { baseURL: `http://127.0.0.1:${BUILD_PORT}` } },
  ],
  webServer: [
    {
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite build --logLevel error && npx vite preview --host 127.0.0.1 --port ${BUILD_PORT} --strictPort`,
      url: `http://127.0.0.1:${BUILD_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
