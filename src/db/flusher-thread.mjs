// The SQLite flusher thread (src/db/writer.ts): makes the writer thread's commits durable and answers them.
//
// The writer's connection commits without syncing (synchronous = NORMAL: the frames are written at commit, not
// synced) and hands each transaction's answers here. This thread takes every answer handed over so far, syncs the
// WAL file once (fdatasync) and only then sends them to the main thread. So the writer goes on with the next
// transaction while the disk takes the last one, and one sync covers every transaction committed before it began.
//
// Why this is as durable as synchronous = FULL for what is acknowledged: the WAL is one file written in order, so a
// sync makes every frame written before it durable; after a power cut SQLite keeps the committed transactions whose
// frames are whole and drops the rest (frame checksums), and a dropped one was never answered. The checkpointer
// (synchronous = FULL) syncs the WAL before it copies pages and the database file before the WAL may start over.
//
// A failed sync is final: after an fsync error Linux may have dropped the unwritten pages, and a later sync may
// succeed without them. Every later answer is then an error marked fatal, and the main thread sends nothing more
// (PostgreSQL stops for the same reason); the service has to be restarted.
//
// Plain JavaScript: it needs nothing of the application, and a thread without the TypeScript loader starts at once.
import fs from 'node:fs';
import path from 'node:path';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

/** @type {{ wal: string, fromWriter: import('node:worker_threads').MessagePort, toMain: import('node:worker_threads').MessagePort }} */
const { wal, fromWriter, toMain } = workerData;

let fd = null;
let failed = null;

/**
 * The WAL is opened once: it is not removed or replaced while the writer's connection is open (SQLite deletes it
 * only when the last connection closes; cutting it back keeps the file). Its directory entry is synced once, as
 * SQLite does for a file it has just created.
 */
function open() {
  const file = fs.openSync(wal, 'r');
  const dir = fs.openSync(path.dirname(wal), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
  return file;
}

fromWriter.on('message', (first) => {
  // Everything handed over while the last sync ran is covered by this one.
  const messages = [first];
  for (let m = receiveMessageOnPort(fromWriter); m; m = receiveMessageOnPort(fromWriter)) messages.push(m.message);
  const answers = messages.flatMap((m) => m.answers ?? []);
  if (answers.length && !failed) {
    try {
      fd ??= open();
      fs.fdatasyncSync(fd);
    } catch (e) {
      failed = `the WAL could not be synced to disk: ${e?.message ?? e}`;
    }
  }
  for (const a of answers) toMain.postMessage(failed ? { id: a.id, error: { message: failed, fatal: true } } : a);
  if (messages.some((m) => m.close)) {
    if (fd !== null) fs.closeSync(fd);
    fromWriter.close();
    toMain.close();
  }
});
