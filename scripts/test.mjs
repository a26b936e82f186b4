#!/usr/bin/env node
// npm test: type check, lint, unit and integration tests (SQLite + PostgreSQL), browser journeys.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['i18n, unit and integration tests', 'npx', ['vitest', 'run']],
];
if (fs.existsSync(CHROMIUM)) steps.push(['browser journeys', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']]);
else if (process.env.CI) {
  console.error(`[test] ${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
  process.exit(1);
} else {
  console.warn(`\n[test] SKIPPED browser journeys: ${CHROMIUM} not found (apt-get install -y chromium)\n`);
}

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
