// Demo data-subject requests in one commune, made through the citizen's and the staff's own commands: two waiting
// for an answer (see my data; correct my address), one answered (see), one done (delete: the person is
// anonymised). The citizen proves they hold the contact on file with the code sent there; the seed reads that
// code from the outbox, as the person would read it from their phone.
import type { CommandContext } from '../commands/context.ts';
import { auditContextOf } from '../commands/context.ts';
import { completeDataRequest } from '../commands/feedback/data-request-answers.ts';
import { startDataRequest, verifyDataRequest } from '../commands/feedback/data-requests.ts';
import type { Actor } from '../core/roles.ts';
import type { DataRequestKind } from '../db/schema.ts';
import { findItem } from '../db/repos/feedback.ts';

const CITIZEN_AUDIT = { actor: null, ip: null, userAgent: 'langnghe-seed' };

const REQUESTS: { kind: DataRequestKind; details: string | null; answer?: string }[] = [
  { kind: 'see', details: 'Tôi muốn biết đơn vị đang lưu những thông tin gì về tôi.' },
  { kind: 'correct', details: 'Địa chỉ của tôi đã thay đổi: nay ở số 12, thôn Đông. Số điện thoại giữ nguyên.' },
  { kind: 'see', details: null, answer: 'Đơn vị gửi Ông/Bà toàn bộ thông tin cá nhân đang lưu giữ kèm theo ý kiến.' },
  { kind: 'delete', details: 'Vụ việc đã giải quyết xong, đề nghị xóa thông tin cá nhân của tôi.' },
];

export async function seedDataRequests(ctx: CommandContext, unitId: number, officer: Actor): Promise<void> {
  const db = ctx.database.db;
  // Closed items of people who left a contact, one request per person.
  const rows = await db.selectFrom('feedback_items as i').innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
    .select(['i.id', 'i.submitter_id']).where('i.unit_id', '=', unitId).where('i.state', '=', 'closed').where('s.anonymised_at', 'is', null)
    .where((eb) => eb.or([eb('s.email', 'is not', null), eb('s.phone', 'is not', null)])).orderBy('i.id').execute();
  const people = [...new Map(rows.map((r) => [r.submitter_id, r.id])).values()];
  const citizen = { ...ctx, audit: CITIZEN_AUDIT };
  const staff = { ...ctx, actor: officer, audit: auditContextOf(officer, null, 'langnghe-seed') };
  for (const [k, r] of REQUESTS.entries()) {
    const id = people[k * 3];
    const item = id === undefined ? undefined : await findItem(db, id);
    if (!item) continue;
    const started = await startDataRequest(citizen, item, { kind: r.kind, details: r.details });
    if (!started.ok) continue;
    const sent = await db.selectFrom('notification_outbox').select('body').where('item_id', '=', item.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const code = /: (\d{6})\n/.exec(sent.body)?.[1];
    if (!code) throw new Error(`seed: no verification code in the notice for item ${item.id}`);
    const verified = await verifyDataRequest(citizen, item, started.requestId, code);
    if (!verified.ok) throw new Error(`seed: the data request for item ${item.id} was not verified (${verified.reason})`);
    if (k >= 2) await completeDataRequest(staff, started.requestId, { answer: r.answer ?? null });
  }
}
