// walbuf: a SQLite VFS shim that writes a transaction's WAL frames in a few system calls instead of two per frame
// (native/walbuf.c says how, and why it is exactly as safe as SQLite's own VFS). `npm ci` builds it
// (scripts/build-walbuf.mjs) into build/walbuf.so; where no C compiler is found SQLite runs on its own VFS, as
// before, only slower under a flood of public intakes.
import Database from 'better-sqlite3';
import { buildWalbuf, walbufIsCurrent, WALBUF_LIBRARY } from '../../scripts/build-walbuf.mjs';

let state: 'on' | 'off' | null = null;

/**
 * Registers walbuf as the process's default SQLite VFS, once, before the first file database is opened: every
 * connection opened afterwards (the main one, the writer thread's, the checkpointer's) writes its WAL through it.
 * A library missing or older than its source (a checkout updated without `npm ci`) is rebuilt first; one that
 * cannot be built or loaded leaves SQLite's own VFS, with a warning. LANGNGHE_WALBUF=0 leaves it too.
 */
export function enableWalBuffer(): 'on' | 'off' {
  if (state) return state;
  state = 'off';
  if (process.env.LANGNGHE_WALBUF === '0') return state;
  if (!walbufIsCurrent() && !buildWalbuf({ quiet: true })) return state;
  const failure = loadWalBuffer(WALBUF_LIBRARY);
  if (failure) console.warn(`walbuf: not loaded (${failure}); SQLite writes its WAL without it`);
  else state = 'on';
  return state;
}

/** Loads the library into the process (its VFS becomes the default); the reason when it cannot, else null. */
export function loadWalBuffer(library: string): string | null {
  const probe = new Database(':memory:');
  try {
    probe.loadExtension(library);
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0]!;
  } finally {
    probe.close();
  }
}

/** Whether this process writes its SQLite WALs through walbuf (after the first file database was opened). */
export const walBufferState = () => state ?? 'off';
