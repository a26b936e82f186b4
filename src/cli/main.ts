// langnghe <command>: start, serve, migrate, seed-demo, create-admin, units import|export,
// backup FILE, restore FILE, audit verify, retention run, reminders run.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openForCli } from './open.ts';
import { serve } from './serve.ts';
import { isEmpty, seedDemo } from '../seed/index.ts';
import { createUser } from '../commands/users/manage.ts';
import { applyUnitBatch } from '../commands/units/write.ts';
import { verifyAuditChain } from '../commands/audit/verify.ts';
import { runRetention } from '../commands/feedback/retention.ts';
import { queueDeadlineReminders } from '../commands/feedback/reminders.ts';
import { parseUnitsCsv, unitCsvRows, writeUnitsCsv } from '../core/units/csv.ts';
import { AppError } from '../core/errors.ts';
import { t } from '../i18n/index.ts';
import { errorBody } from '../http/plugins/errors.ts';
import { backup, restore } from '../db/backup.ts';
import { engineOf } from '../db/engine.ts';
import { loadConfig } from '../config.ts';
import { isIsoDate, todayVN } from '../core/dates.ts';
import { loadUnitGraph } from '../db/repos/units.ts';

const HELP = `langnghe <lệnh / command>
  start                  migrate, seed the demo if the database is empty, serve
  serve                  migrate and serve (no demo data)
  migrate                apply database migrations
  seed-demo              seed the demo province into an empty database
  create-admin --username U --full-name "Họ tên" --unit CODE   (password from LANGNGHE_PASSWORD or stdin)
  units import FILE.csv  import units (all or nothing)
  units export [FILE]    export units as CSV
  backup FILE            online backup (SQLite) or pg_dump (PostgreSQL)
  restore FILE           replace the database with a backup (stop the server first)
  audit verify           check the audit hash chain
  retention run [--dry-run]  anonymise people whose items closed past the retention period (JSON summary)
  reminders run [--date YYYY-MM-DD]  queue the day's deadline reminders to officers and leaders (once a day; the
                         server does it itself every working day from 07:00)
Environment: DATABASE_URL (default sqlite:./data/langnghe.sqlite), PORT (3000), HOST (127.0.0.1)`;

async function readPassword(): Promise<string> {
  if (process.env.LANGNGHE_PASSWORD) return process.env.LANGNGHE_PASSWORD;
  process.stderr.write('Mật khẩu / password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

function printError(err: unknown): number {
  if (err instanceof AppError) {
    const body = errorBody(err, 'vi');
    console.error(`Lỗi: ${body.message as string}`);
    for (const [k, v] of Object.entries((body.fields as Record<string, string>) ?? {})) console.error(`  ${k}: ${v}`);
    for (const r of (body.rows as { line: number; field: string; message: string }[]) ?? []) console.error(`  dòng ${r.line}, ${r.field || '-'}: ${r.message}`);
    return 2;
  }
  console.error(err instanceof Error ? err.message : String(err));
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  try {
    switch (cmd) {
      case 'start': return await serve({ seed: true });
      case 'serve': return await serve({ seed: false });
      case 'migrate': {
        const { database, applied } = await openForCli();
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
        await database.close();
        return 0;
      }
      case 'seed-demo': {
        const { database, ctx } = await openForCli();
        try {
          if (!(await isEmpty(ctx))) { console.error('Cơ sở dữ liệu đã có dữ liệu / the database is not empty'); return 2; }
          await seedDemo(ctx);
          console.log('ok');
          return 0;
        } finally { await database.close(); }
      }
      case 'create-admin': {
        const { values } = parseArgs({ args: [sub ?? '', ...rest].filter(Boolean), options: { username: { type: 'string' }, 'full-name': { type: 'string' }, unit: { type: 'string' } } });
        if (!values.username || !values['full-name'] || !values.unit) { console.error(HELP); return 2; }
        const { database, ctx } = await openForCli();
        try {
          const graph = await loadUnitGraph(database.db);
          const unitId = graph.idOf(values.unit.toUpperCase());
          if (unitId === undefined) { console.error(t('vi', 'unit.parent_unknown', { code: values.unit })); return 2; }
          const user = await createUser(ctx, { username: values.username, password: await readPassword(), fullName: values['full-name'], phone: null, email: null, unitId }, { grants: [{ unitId, role: 'admin' }] });
          console.log(`Đã tạo tài khoản quản trị / admin created: ${user.username}`);
          return 0;
        } finally { await database.close(); }
      }
      case 'units': {
        const { database, ctx } = await openForCli();
        try {
          if (sub === 'import' && rest[0]) {
            const { lines, issues } = parseUnitsCsv(fs.readFileSync(rest[0], 'utf8'));
            if (issues.length) throw new AppError('csv_invalid', { rows: issues });
            const r = await applyUnitBatch(ctx, lines, 'csv');
            console.log(`created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}`);
            return 0;
          }
          if (sub === 'export') {
            const graph = await loadUnitGraph(database.db);
            const rows = unitCsvRows(graph, graph.units.keys(), todayVN());
            const csv = writeUnitsCsv(rows);
            if (rest[0]) fs.writeFileSync(rest[0], csv); else process.stdout.write(csv);
            return 0;
          }
          console.error(HELP);
          return 2;
        } finally { await database.close(); }
      }
      case 'backup': {
        if (!sub) { console.error(HELP); return 2; }
        const { database } = await openForCli({ migrate: false });
        try { await backup(database, sub); console.log(`backup written: ${sub}`); return 0; } finally { await database.close(); }
      }
      case 'restore': {
        if (!sub) { console.error(HELP); return 2; }
        const url = loadConfig().databaseUrl;
        await restore(url, engineOf(url), sub);
        console.log(`restored from ${sub}`);
        return 0;
      }
      case 'audit': {
        if (sub !== 'verify') { console.error(HELP); return 2; }
        const { database } = await openForCli({ migrate: false });
        try {
          const r = await verifyAuditChain(database.db);
          if (r.ok) { console.log(`Chuỗi nhật ký toàn vẹn / audit chain intact: ${r.count} events`); return 0; }
          console.error(`Chuỗi nhật ký bị phá vỡ tại sự kiện #${r.broken.id} (${r.broken.reason}) / audit chain broken at event #${r.broken.id}; ${r.count} events before it verify`);
          return 3;
        } finally { await database.close(); }
      }
      case 'retention': {
        if (sub !== 'run' || rest.some((a) => a !== '--dry-run')) { console.error(HELP); return 2; }
        const { database, ctx } = await openForCli();
        try { console.log(JSON.stringify(await runRetention(ctx, { dryRun: rest.includes('--dry-run') }))); return 0; } finally { await database.close(); }
      }
      case 'reminders': {
        const date = rest[0] === '--date' && isIsoDate(rest[1] ?? '') && rest.length === 2 ? rest[1] : rest.length === 0 ? undefined : null;
        if (sub !== 'run' || date === null) { console.error(HELP); return 2; }
        const { config, database, ctx } = await openForCli();
        try { console.log(JSON.stringify(await queueDeadlineReminders(ctx, { day: date, publicUrl: config.publicUrl }))); return 0; } finally { await database.close(); }
      }
      default:
        console.log(HELP);
        return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
    }
  } catch (err) {
    return printError(err);
  }
}
