// walbuf: a SQLite VFS shim that writes a transaction's WAL frames in a few system calls instead of two per frame
// (native/walbuf.c says how, and why it is exactly as safe as SQLite's own VFS). `npm ci` builds it
// (scripts/build-walbuf.mjs) into build/walbuf.so; where no C compiler is found SQLite runs on its own VFS, as
// before, only slower under a flood of public intakes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const LIBRARY = fileURLToPath(new URL('../../build/walbuf.so', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../native/walbuf.c', import.meta.url));
const BUILD = fileURLToPath(new URL('../../scripts/build-walbuf.mjs', import.meta.url));

let state: 'on' | 'off' | null = null;

const current = () => {
  try {
    return fs.statSync(LIBRARY).mtimeMs >= fs.statSync(SOURCE).mtimeMs;
  } catch {
    return false;
  }
};

/**
 * Registers walbuf as the process's default SQLite VFS, once, before the first file database is opened: every
 * connection opened afterwards (the main one, the writer thread's, the checkpointer's) writes its WAL through it.
 * A library missing or older than its source (a checkout updated without `npm ci`) is rebuilt first.
 * LANGNGHE_WALBUF=0 leaves SQLite's own VFS.
 */
export function enableWalBuffer(): 'on' | 'off' {
  if (state) return state;
  state = 'off';
  if (process.env.LANGNGHE_WALBUF === '0') return state;
  if (!current()) {
    try {
      execFileSync(process.execPath, [BUILD], { stdio: 'ignore' });
    } catch {
      // The build script reports its own failures and exits 0; this is only its process failing to start.
    }
    if (!current()) return state;
  }
  const probe = new Database(':memory:');
  try {
    probe.loadExtension(LIBRARY);
    state = 'on';
  } finally {
    probe.close();
  }
  return state;
}

/** Whether this process writes its SQLite WALs through walbuf (after the first file database was opened). */
export const walBufferState = () => state ?? 'off';
