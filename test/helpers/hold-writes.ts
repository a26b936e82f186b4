// Holds back every write of the public intakes and survey answers while fn runs, as a long import holding the write
// lock would: on SQLite another connection takes the write lock (the app's reads go on), on PostgreSQL a transaction
// locks their tables. What the app submits meanwhile waits, and lands once fn is done.
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { sqlitePath, type Db } from '../../src/db/engine.ts';
import { inTx } from '../../src/db/tx.ts';

export async function holdingWrites(database: Db, fn: () => Promise<void>) {
  if (database.engine === 'postgres') {
    await inTx(database, async (trx) => {
      await sql`lock table feedback_counters, responses in exclusive mode`.execute(trx);
      await fn();
    });
    return;
  }
  const other = new Database(sqlitePath(database.url));
  try {
    other.exec('begin immediate');
    await fn();
  } finally {
    other.exec('rollback');
    other.close();
  }
}
