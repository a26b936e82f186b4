// The group committer of each batched write, one per database and job; on a SQLite file its batches run in the
// writer thread, which starts at src/cli/writer-thread.mjs (db/writer.ts).
import type { Db } from '../db/engine.ts';
import { GroupCommit, type GroupCommitOptions } from '../db/group-commit.ts';
import { writerOf, type WriteJob } from '../db/writer.ts';

export const WRITER_ENTRY = new URL('../cli/writer-thread.mjs', import.meta.url);

const committers = new WeakMap<Db, Map<string, GroupCommit<never, unknown>>>();

export function groupCommitFor<I, R>(database: Db, job: WriteJob<I, R>, opts?: GroupCommitOptions): GroupCommit<I, R> {
  let byJob = committers.get(database);
  if (!byJob) committers.set(database, (byJob = new Map()));
  let c = byJob.get(job.name) as GroupCommit<I, R> | undefined;
  if (!c) {
    c = new GroupCommit(database, job, writerOf(database, WRITER_ENTRY), opts);
    byJob.set(job.name, c as unknown as GroupCommit<never, unknown>);
  }
  return c;
}
