// The audit trail refuses UPDATE and DELETE at the database level too. Someone with the power to drop
// these triggers can still tamper, and the hash chain (langnghe audit verify) then shows where.
import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER audit_events_no_${op.toLowerCase()} BEFORE ${op} ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`).execute(db);
  await sql.raw(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`).execute(db);
}
