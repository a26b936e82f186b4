// The demo register as seeded: the dates the citizens were told are the dates the items were handled on. The seed
// runs the console's commands today and then moves each item to the days it was handled; what the commands told
// the citizen (the deadline at acceptance) must move with it.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { todayVN } from '../../../src/core/dates.ts';

const DATE = /(\d{2})\/(\d{2})\/(\d{4})/;
const iso = (m: RegExpMatchArray) => `${m[3]}-${m[2]}-${m[1]}`;

forEachEngine('feedback: demo seed', 'demo', (h) => {
  it("tells each accepted item's deadline as counted from the day it was accepted", async () => {
    const rows = await h.database.db.selectFrom('feedback_events as e').innerJoin('feedback_items as i', 'i.id', 'e.item_id')
      .select(['e.item_id', 'e.at', 'e.public_message', 'i.due_on', 'i.state', 'i.acked_on'])
      .where('e.action', '=', 'accept').execute();
    expect(rows.length).toBeGreaterThan(50);
    const reopened = new Set((await h.database.db.selectFrom('feedback_events').select('item_id').where('action', '=', 'reopen').execute()).map((r) => r.item_id));
    let matched = 0;
    for (const r of rows) {
      const m = r.public_message?.match(DATE);
      if (!m) continue;
      const told = iso(m);
      const day = String(r.at).slice(0, 10);
      // A working-day deadline lies after the acceptance, and within a few months of it.
      expect(told > day, `item ${r.item_id}: ${told} after ${day}`).toBe(true);
      expect(Date.parse(told) - Date.parse(day), `item ${r.item_id}`).toBeLessThan(120 * 86_400_000);
      expect(r.acked_on).toBe(day);
      if (r.state !== 'received' && r.due_on && !reopened.has(r.item_id)) {
        expect(told, `item ${r.item_id}`).toBe(r.due_on);
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(20);
  });

  it('dates each person and their consent on the day their item came in', async () => {
    const rows = await h.database.db.selectFrom('feedback_items as i').innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .leftJoin('feedback_consents as c', 'c.submitter_id', 's.id').select(['i.id', 'i.received_on', 's.created_at', 'c.given_at']).execute();
    expect(rows.filter((r) => r.given_at).length).toBeGreaterThan(50);
    for (const r of rows) {
      expect(String(r.created_at).slice(0, 10), `item ${r.id}`).toBe(r.received_on);
      if (r.given_at) expect(String(r.given_at).slice(0, 10), `item ${r.id}`).toBe(r.received_on);
    }
  });

  it('dates an opinion heard at a conference on the conference day, in the register and in its history, and publishes after it', async () => {
    const rows = await h.database.db.selectFrom('feedback_items as i')
      .innerJoin('feedback_events as e', (j) => j.onRef('e.item_id', '=', 'i.id').on('e.action', '=', 'receive'))
      .select(['i.id', 'i.received_on', 'i.received_at', 'e.at']).where('i.channel', '=', 'conference').execute();
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(String(r.at).slice(0, 10), `item ${r.id}`).toBe(r.received_on);
      // Answered in the room or not, the item was received on that day, not when the demo was made.
      expect(String(r.received_at).slice(0, 10), `item ${r.id}`).toBe(r.received_on);
    }
    const heard = await h.database.db.selectFrom('conference_opinions as o').innerJoin('conferences as c', 'c.id', 'o.conference_id')
      .select(['o.item_id', 'o.created_at', 'c.held_on']).execute();
    expect(heard.length).toBeGreaterThan(20);
    for (const o of heard) expect(String(o.created_at).slice(0, 10), `opinion of item ${o.item_id}`).toBe(o.held_on);
    // Its summary was published within days of the conference, not when the demo was made.
    const published = await h.database.db.selectFrom('conferences').select(['id', 'held_on', 'published_at']).where('published_at', 'is not', null).execute();
    expect(published.length).toBeGreaterThan(5);
    for (const c of published) {
      const day = String(c.published_at).slice(0, 10);
      const days = (Date.parse(day) - Date.parse(c.held_on)) / 86_400_000;
      expect(day <= todayVN() && days >= 0 && days <= 14, `conference ${c.id}: published ${day}, held ${c.held_on}`).toBe(true);
    }
  });

  it("gives a commune's officer data-subject requests to answer and answered ones, made through the citizen's steps", async () => {
    const officer = await h.login('canbo.thieuhoa');
    const list = async (state: string) => (await officer.get(`/api/feedback-data-requests?state=${state}`)).json().requests as { id: number; kind: string; dueOn: string | null; details: string | null }[];
    const open = await list('open');
    expect(open.map((r) => r.kind).sort()).toEqual(['correct', 'see']);
    for (const r of open) expect(r.dueOn! > todayVN()).toBe(true);
    expect((await list('done')).map((r) => r.kind).sort()).toEqual(['delete', 'see']);
    // Each went through the verification by code; the deletion anonymised the person.
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'data_request').execute();
    const count = (a: string) => audit.filter((e) => e.action === a).length;
    expect([count('data_request.create'), count('data_request.verify')]).toEqual([4, 4]);
    const deleted = await h.database.db.selectFrom('data_requests as d').innerJoin('feedback_items as i', 'i.id', 'd.item_id')
      .innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id').select(['s.anonymised_at', 's.phone', 's.email'])
      .where('d.kind', '=', 'delete').executeTakeFirstOrThrow();
    expect(deleted).toMatchObject({ phone: null, email: null });
    expect(deleted.anonymised_at).not.toBeNull();
    // No code or notice is left for the fictional people.
    expect(await h.database.db.selectFrom('notification_outbox').select('id').execute()).toEqual([]);
  });

  it("offers a commune's officer the demo's templates, its own first for its topic, each filling every placeholder and pointing out what is left to write", async () => {
    const officer = await h.login('canbo.thieuhoa');
    const commune = (await h.ctx.access.unitGraph()).idOf(DEMO.thieuHoaCommune)!;
    const item = await h.database.db.selectFrom('feedback_items').select('id').where('unit_id', '=', commune).where('topic_code', '=', 'traffic')
      .where('state', 'in', ['accepted', 'assigned', 'in_progress']).orderBy('id').executeTakeFirstOrThrow();
    const offered = (await officer.get(`/api/feedback/${item.id}/templates`)).json() as { templates: { id: number; unitId: number; match: string; title: string }[] };
    expect(offered.templates.length).toBeGreaterThanOrEqual(8);
    expect(offered.templates.slice(0, 2).map((t) => [t.match, t.unitId === commune])).toEqual([['topic', true], ['topic', false]]);
    let gaps = 0;
    for (const t of offered.templates) {
      const r = (await officer.get(`/api/feedback/${item.id}/templates/${t.id}/render`)).json() as { text: string; unknown: string[]; missing: string[]; gaps: string[] };
      expect(r.unknown, t.title).toEqual([]);
      expect(r.missing, t.title).toEqual([]);
      expect(r.text, t.title).not.toMatch(/\{[a-z_]+\}/);
      // Every bracket left in the text is a gap the officer is told about.
      expect(r.gaps, t.title).toEqual([...new Set(r.text.match(/\[[^\]\n]+\]/g) ?? [])]);
      gaps += r.gaps.length;
    }
    expect(gaps).toBeGreaterThan(5);
  });

  it("shows the province the minutes and the report one commune issued after this year's conference", async () => {
    const leader = await h.login('lanhdao.tinh');
    const list = (await leader.get('/api/documents')).json() as { total: number; documents: { id: number; type: string; symbol: string; files: { pdf: string } }[] };
    expect(list.documents.map((d) => d.type).sort()).toEqual(['BB', 'BC']);
    for (const d of list.documents) {
      const pdf = await leader.get(d.files.pdf);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
