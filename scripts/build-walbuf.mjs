// Builds native/walbuf.c (the SQLite WAL write-combining VFS, src/db/walbuf.ts) into build/walbuf.so against the
// SQLite headers better-sqlite3 ships with. Run by `npm ci` (postinstall) and, when the library is missing or older
// than its source, by the first SQLite file database the app opens. Optional: without a C compiler it says so and
// SQLite writes its WAL as before (slower intake under load, nothing else changes). Exits 0 either way.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'native', 'walbuf.c');
const target = path.join(root, 'build', 'walbuf.so');
/** Where the built library is (git-ignored). */
export const WALBUF_LIBRARY = target;

export function walbufIsCurrent() {
  try {
    return fs.statSync(target).mtimeMs >= fs.statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

/** Compiles the library (to a temporary name, then renamed: parallel builds never see half a file); true if built. */
export function buildWalbuf({ quiet = false } = {}) {
  let headers;
  try {
    headers = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  } catch {
    if (!quiet) console.warn('walbuf: better-sqlite3 is not installed yet; not built');
    return false;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    execFileSync(process.env.CC || 'cc', ['-O2', '-fPIC', '-shared', '-Wall', '-I', headers, '-o', tmp, source, '-lpthread'], { stdio: quiet ? 'ignore' : 'inherit' });
    fs.renameSync(tmp, target);
    return true;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (!quiet) console.warn(`walbuf: not built (${e.message.split('\n')[0]}); SQLite writes its WAL without it`);
    return false;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (walbufIsCurrent()) console.log('walbuf: build/walbuf.so is up to date');
  else if (buildWalbuf()) console.log('walbuf: built build/walbuf.so');
}
