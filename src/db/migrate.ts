// Versioned migrations, run at start and by `langnghe migrate`; the same list serves both engines.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './engine.ts';
import * as m001 from './migrations/001_foundation.ts';
import * as m002 from './migrations/002_user_sort_key.ts';
import * as m003 from './migrations/003_audit_append_only.ts';
import * as m004 from './migrations/004_surveys.ts';
import * as m005 from './migrations/005_paper.ts';
import * as m006 from './migrations/006_tokens.ts';
import * as m007 from './migrations/007_imports.ts';
import * as m008 from './migrations/008_feedback.ts';
import * as m009 from './migrations/009_conferences.ts';
import * as m010 from './migrations/010_documents.ts';
import * as m011 from './migrations/011_work_results.ts';
import * as m012 from './migrations/012_write_pages.ts';
import * as m013 from './migrations/013_sparse_indexes.ts';
import * as m014 from './migrations/014_received_order.ts';
import * as m015 from './migrations/015_open_due_order.ts';
import * as m016 from './migrations/016_search_in_order.ts';

type EngineMigration = { up: (db: never, engine: Db['engine']) => Promise<void> };

/** Ordered by name; never edit a migration that has shipped, add the next one. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '001_foundation': m001,
  '002_user_sort_key': m002,
  '003_audit_append_only': m003,
  '004_surveys': m004,
  '005_paper': m005,
  '006_tokens': m006,
  '007_imports': m007,
  '008_feedback': m008,
  '009_conferences': m009,
  '010_documents': m010,
  '011_work_results': m011,
  '012_write_pages': m012,
  '013_sparse_indexes': m013,
  '014_received_order': m014,
  '015_open_due_order': m015,
  '016_search_in_order': m016,
};

function provider(engine: Db['engine']): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db as never, engine) };
      return out;
    },
  };
}

/** Brings the schema up to date; returns the names of migrations applied now. */
export async function migrateToLatest(database: Db): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: provider(database.engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to one named migration (tests of an upgrade start from the schema before it). */
export async function migrateTo(database: Db, name: string): Promise<void> {
  if (!(name in MIGRATIONS)) throw new Error(`no migration named ${name}`);
  const migrator = new Migrator({ db: database.db, provider: provider(database.engine) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
