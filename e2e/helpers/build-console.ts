// Builds the staff console once before the browser journeys (skipped when it is up to date).
import path from 'node:path';
import { ensureConsoleBuilt } from '../../src/cli/serve.ts';

export default async function setup() {
  await ensureConsoleBuilt(path.resolve('web/dist'));
}
