// The few places where the two engines' DDL differ, in one spot.
import type { CreateTableBuilder } from 'kysely';

export type MigrationEngine = 'sqlite' | 'postgres';

/** Adds an auto-incrementing integer primary key `id` in each engine's own idiom. */
export function idColumn<T extends string>(tb: CreateTableBuilder<T, never>, engine: MigrationEngine) {
  return engine === 'postgres'
    ? tb.addColumn('id', 'serial', (c) => c.primaryKey())
    : tb.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Binary content: BLOB in SQLite, bytea in PostgreSQL. */
export function blobType(engine: MigrationEngine): 'blob' | 'bytea' {
  return engine === 'postgres' ? 'bytea' : 'blob';
}
