// Browser journeys: Debian's chromium driven by playwright-core against the real server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'e2e/helpers/build-console.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60000,
    hookTimeout: 180000,
    // expect.poll waits on the server and the console's rendering: 1 s (vitest's default) is short on a busy CI machine.
    expect: { poll: { timeout: 10000 } },
  },
});
