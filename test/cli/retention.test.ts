// `langnghe retention run` as a real process: people whose items all closed long ago are anonymised (consents
// withdrawn, photos and notices addressed to them gone, items kept); anyone with something still open, recent or
// pending is left alone; old sent notices are purged; a dry run changes nothing; a second run has nothing to do.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/commands/audit/verify.ts';
import { receiveFeedback, type IntakeInput } from '../../src/commands/feedback/intake.ts';
import { todayVN } from '../../src/core/dates.ts';
import { AccessCache } from '../../src/db/access.ts';
import { openDatabase, type Db } from '../../src/db/engine.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { loadUnitGraph } from '../../src/db/repos/units.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { freshDatabase, testEngines } from '../helpers/engines.ts';
import { dumpAll, runCli } from './cli.ts';

const PHOTO = { bytes: Buffer.from('not really a jpeg'), mime: 'image/jpeg', sha256: '' };
const DAY_MS = 86_400_000;
/** Each step spawns the CLI (tsx compiles on start): seconds each on a busy machine. */
const SLOW = 180_000;

for (const engine of testEngines()) {
  describe(`langnghe retention run [${engine}]`, () => {
    let url: string;
    let drop: () => Promise<void>;
    let database: Db;
    let ctx: CommandContext;
    let unitId: number;

    beforeAll(async () => {
      ({ url, drop } = await freshDatabase(engine, 'demo'));
      database = openDatabase(url, { poolSize: 2 });
      ctx = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
      unitId = (await loadUnitGraph(database.db)).idOf(DEMO.thieuHoaCommune)!;
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    async function receive(input: Partial<IntakeInput>) {
      return receiveFeedback(ctx, { unitId, channel: 'web', kind: 'suggestion', content: 'Đề nghị tăng cường tuần tra ban đêm.', ...input });
    }
    /** Closed (or refused...) on a day long past, received a little before. */
    async function closeOn(id: number, closedOn: string, state: 'closed' | 'refused' = 'closed') {
      await database.db.updateTable('feedback_items')
        .set({ state, outcome: state === 'closed' ? 'resolved' : null, closed_on: closedOn, received_on: '2021-01-05', received_at: '2021-01-05T02:00:00.000Z', due_on: null })
        .where('id', '=', id).execute();
    }
    const submitterOf = async (itemId: number) => database.db.selectFrom('feedback_items as i').innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['s.id', 's.full_name', 's.phone', 's.email', 's.address', 's.role_title', 's.organisation', 's.anonymised_at'])
      .where('i.id', '=', itemId).executeTakeFirstOrThrow();
    const photosOf = async (itemId: number) => (await database.db.selectFrom('feedback_attachments').select('id').where('item_id', '=', itemId).where('role', '=', 'photo').execute()).length;
    const parse = (stdout: string) => JSON.parse(stdout.trim()) as Record<string, number | string | boolean>;

    it('anonymises only people whose every item closed past retention; dry run first, then for real, then again', async () => {
      // Past retention: an old person with a photo and a notice (one sent long ago).
      const old = await receive({ submitter: { fullName: 'Nguyễn Văn Cũ', phone: '0911000111', email: 'cu@example.vn', address: 'Thôn 2', organisation: 'Hội Cựu chiến binh' }, consents: ['contact_updates', 'followup_survey'], photos: [PHOTO] });
      await closeOn(old.id, '2021-02-01');
      const oldSecond = await receive({ submitterId: (await submitterOf(old.id)).id, content: 'Ý kiến thứ hai, đã bị từ chối.' });
      await closeOn(oldSecond.id, '2021-01-20', 'refused');
      await database.db.updateTable('notification_outbox').set({ state: 'sent', sent_at: '2021-01-05T03:00:00.000Z' }).where('item_id', '=', old.id).where('adapter', '=', 'email').execute();
      // Kept: one old item and one open; open only; closed recently; a duplicate of an open item; an open data request.
      const mixedOld = await receive({ submitter: { fullName: 'Trần Thị Mới', phone: '0922000222' }, consents: ['contact_updates'] });
      await closeOn(mixedOld.id, '2021-02-01');
      const mixedOpen = await receive({ submitterId: (await submitterOf(mixedOld.id)).id, content: 'Vẫn chưa có ai trả lời.' });
      const open = await receive({ submitter: { fullName: 'Lê Văn Mở', email: 'mo@example.vn' }, consents: ['contact_updates'], photos: [PHOTO] });
      const recent = await receive({ submitter: { fullName: 'Phạm Thị Gần', phone: '0933000333' } });
      await closeOn(recent.id, todayVN());
      const duplicate = await receive({ submitter: { fullName: 'Đỗ Văn Trùng', phone: '0944000444' } });
      await closeOn(duplicate.id, '2021-02-01');
      await database.db.updateTable('feedback_items').set({ duplicate_of: mixedOpen.id, outcome: 'duplicate' }).where('id', '=', duplicate.id).execute();
      const requested = await receive({ submitter: { fullName: 'Vũ Thị Hỏi', email: 'hoi@example.vn' } });
      await closeOn(requested.id, '2021-02-01');
      await database.db.insertInto('data_requests').values({ item_id: requested.id, unit_id: unitId, kind: 'see', details: null, state: 'open', code_hash: null, attempts: 0, received_at: new Date().toISOString(), due_on: null, answered_at: null, answer: null }).execute();
      // Anonymous and closed long ago: nobody to anonymise, its photo stays.
      const anonymous = await receive({ photos: [PHOTO] });
      await closeOn(anonymous.id, '2021-02-01');
      // Sent notices: one 100 days ago (purged), one 10 days ago (kept).
      const sentRows = await database.db.selectFrom('notification_outbox').select('id').where('item_id', '=', open.id).orderBy('id').execute();
      expect(sentRows.length).toBeGreaterThanOrEqual(1);
      await database.db.updateTable('notification_outbox').set({ state: 'sent', sent_at: new Date(Date.now() - 100 * DAY_MS).toISOString() }).where('id', '=', sentRows[0]!.id).execute();
      const recentNotice = await database.db.selectFrom('notification_outbox').select('id').where('item_id', '=', mixedOpen.id).executeTakeFirstOrThrow();
      await database.db.updateTable('notification_outbox').set({ state: 'sent', sent_at: new Date(Date.now() - 10 * DAY_MS).toISOString() }).where('id', '=', recentNotice.id).execute();
      const oldNotices = (await database.db.selectFrom('notification_outbox').select('id').where('item_id', 'in', [old.id, oldSecond.id]).execute()).length;
      // Email and SMS for each of the two items.
      expect(oldNotices).toBe(4);

      // A conference held long ago: its delegates go; this year's (the demo's) stay.
      const conf = await database.db.insertInto('conferences').values({
        unit_id: unitId, campaign_id: null, title: 'Hội nghị năm 2020', period: '2020', starts_at: '2021-03-01T01:00:00.000Z', ends_at: '2021-03-01T04:00:00.000Z',
        held_on: '2021-03-01', venue: 'Hội trường cũ', venue_key: 'hoi truong cu', co_organisers: '[]', agenda: '[]', state: 'held', public_code: 'RETENT01', checkin_open: 0, extra_attendance: 0,
        created_at: '2021-02-01T00:00:00.000Z', updated_at: '2021-03-01T00:00:00.000Z',
      }).returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('conference_delegates').values({
        conference_id: conf.id, full_name: 'Hoàng Văn Đại', title: 'Trưởng thôn', organisation: null, village: 'thôn 4', phone: '0955000555', email: null,
        category: 'village_head', checkin_token: 'RETENTIONTOKEN000001', checked_in_at: '2021-03-01T00:50:00.000Z', checkin_method: 'staff', walk_in: 0, created_at: '2021-02-01T00:00:00.000Z',
      }).execute();
      const demoDelegates = (await database.db.selectFrom('conference_delegates').select('id').where('anonymised_at', 'is', null).execute()).length;

      const before = await dumpAll(url);
      const dry = await runCli(['retention', 'run', '--dry-run'], url);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      const expected = { retentionDays: 730, submitters: 1, items: 2, consents: 2, photos: 1, notifications: oldNotices + 1, delegates: 1 };
      expect(parse(dry.stdout)).toMatchObject({ dryRun: true, ...expected });
      expect(await dumpAll(url)).toEqual(before);

      const run = await runCli(['retention', 'run'], url);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const summary = parse(run.stdout);
      expect(summary).toMatchObject({ dryRun: false, ...expected });

      const gone = await submitterOf(old.id);
      expect(gone).toMatchObject({ full_name: null, phone: null, email: null, address: null, role_title: null, organisation: null });
      expect(gone.anonymised_at).not.toBeNull();
      const consents = await database.db.selectFrom('feedback_consents').select('withdrawn_at').where('submitter_id', '=', gone.id).execute();
      expect(consents).toHaveLength(2);
      expect(consents.every((c) => c.withdrawn_at !== null)).toBe(true);
      expect(await photosOf(old.id)).toBe(0);
      expect(await photosOf(anonymous.id)).toBe(1);
      expect(await photosOf(open.id)).toBe(1);
      // The items and their history stay as they were.
      const kept = await database.db.selectFrom('feedback_items').select(['content', 'state', 'tracking_code']).where('id', '=', old.id).executeTakeFirstOrThrow();
      expect(kept).toMatchObject({ content: 'Đề nghị tăng cường tuần tra ban đêm.', state: 'closed' });
      expect(await database.db.selectFrom('feedback_events').select('id').where('item_id', '=', old.id).execute()).not.toHaveLength(0);

      const delegate = await database.db.selectFrom('conference_delegates').selectAll().where('conference_id', '=', conf.id).executeTakeFirstOrThrow();
      expect(delegate).toMatchObject({ full_name: 'Đại biểu (đã ẩn danh)', village: null, phone: null, title: 'Trưởng thôn', category: 'village_head' });
      expect((await database.db.selectFrom('conference_delegates').select('id').where('anonymised_at', 'is', null).execute()).length).toBe(demoDelegates - 1);

      for (const [itemId, name] of [[mixedOld.id, 'Trần Thị Mới'], [open.id, 'Lê Văn Mở'], [recent.id, 'Phạm Thị Gần'], [duplicate.id, 'Đỗ Văn Trùng'], [requested.id, 'Vũ Thị Hỏi']] as const) {
        expect(await submitterOf(itemId)).toMatchObject({ full_name: name, anonymised_at: null });
      }
      const outbox = await database.db.selectFrom('notification_outbox').select(['id', 'item_id']).execute();
      expect(outbox.some((o) => o.item_id === old.id || o.item_id === oldSecond.id)).toBe(false);
      expect(outbox.some((o) => o.id === sentRows[0]!.id)).toBe(false);
      expect(outbox.some((o) => o.id === recentNotice.id)).toBe(true);

      const audit = await database.db.selectFrom('audit_events').select(['after_json', 'actor_user_id', 'unit_id']).where('action', '=', 'feedback.retention').execute();
      expect(audit).toHaveLength(1);
      const after = JSON.parse(audit[0]!.after_json!) as Record<string, unknown>;
      expect(after).toMatchObject(expected);
      expect(audit[0]!.after_json).not.toMatch(/Nguyễn|0911|cu@example|Thôn 2|Hoàng Văn Đại|0955/);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);

      const settled = await dumpAll(url);
      const again = await runCli(['retention', 'run'], url);
      expect(again.code).toBe(0);
      expect(parse(again.stdout)).toMatchObject({ submitters: 0, items: 0, consents: 0, photos: 0, notifications: 0, delegates: 0 });
      expect(await dumpAll(url)).toEqual(settled);
    }, SLOW);

    it('follows the retention setting and refuses unknown arguments', async () => {
      const item = await receive({ submitter: { fullName: 'Hoàng Văn Năm', phone: '0955000555' } });
      await closeOn(item.id, new Date(Date.now() - 800 * DAY_MS).toISOString().slice(0, 10));
      // Ten years: 800 days ago is within retention.
      await sql`insert into settings (key, value, updated_at) values ('feedback.retention_days', '3650', ${new Date().toISOString()})`.execute(database.db);
      expect(parse((await runCli(['retention', 'run'], url)).stdout)).toMatchObject({ retentionDays: 3650, submitters: 0 });
      expect((await submitterOf(item.id)).full_name).toBe('Hoàng Văn Năm');
      // Back to the default two years: past it.
      await database.db.deleteFrom('settings').where('key', '=', 'feedback.retention_days').execute();
      expect(parse((await runCli(['retention', 'run'], url)).stdout)).toMatchObject({ retentionDays: 730, submitters: 1, items: 1 });
      expect((await submitterOf(item.id)).full_name).toBeNull();
      const bad = await runCli(['retention', 'run', '--force'], url);
      expect(bad.code).toBe(2);
    }, SLOW);
  });
}
