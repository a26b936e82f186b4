// Entry of the SQLite writer thread (src/db/writer.ts): loads the TypeScript job registry through tsx's
// loader, as bin/langnghe.mjs does for the process (a worker thread does not inherit a loader registered in code).
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
