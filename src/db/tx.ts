// One transaction per use case; the audit event is written inside it.
import type { Kysely, Transaction } from 'kysely';
import type { Db, Engine } from './engine.ts';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;
export type Q = Kysely<DB> | Tx;

/** Runs fn in a transaction: everything it writes lands together or not at all. */
export function inTx<T>(database: Db, fn: (trx: Tx, engine: Engine) => Promise<T>): Promise<T> {
  return database.db.transaction().execute((trx) => fn(trx, database.engine));
}
