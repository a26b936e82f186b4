// The SQLite checkpointer thread (src/db/checkpointer.ts): copies committed WAL pages back into the database file
// on a connection of its own, so that neither the writer thread's commits nor the event loop wait for it.
// Plain JavaScript: it needs nothing of the application, and a thread without the TypeScript loader starts at once.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string, activeMs: number, idleMaxMs: number }} */
const { file, activeMs, idleMaxMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 1000');
// The database file is fsynced before pages count as copied: a power cut loses nothing that was committed.
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');

let timer = null;
let lastFrames = -1;
let delay = activeMs;

function pass() {
  try {
    // PASSIVE copies what no reader still needs, without waiting for the writer or the readers and without
    // blocking them. When the copy is complete, the writer's next transaction starts the WAL from its beginning.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    const frames = row?.log ?? 0;
    const settled = frames === lastFrames && row?.checkpointed === frames;
    lastFrames = frames;
    // While commits arrive, a pass every activeMs; when nothing changes, slower and slower (the WAL is quiet).
    delay = settled ? Math.min(delay * 2, idleMaxMs) : activeMs;
  } catch {
    delay = idleMaxMs;
  }
  timer = setTimeout(pass, delay);
}
timer = setTimeout(pass, activeMs);

parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearTimeout(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    parentPort.close();
  }
});
