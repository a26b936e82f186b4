// The register's workflow through the staff API: entry, acceptance, assignment, answer, approval, closing; the
// events, audit and notices each step writes; scope, rights and the state machine at the edge.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { todayVN } from '../../../src/core/dates.ts';
import { formatTrackingCode } from '../../../src/core/feedback/tracking.ts';

forEachEngine('feedback workflow', 'demo', (h) => {
  async function unitId(code: string) {
    return (await loadUnitGraph(h.database.db)).idOf(code)!;
  }

  async function enter(who: string, body: Record<string, unknown>) {
    const c = await h.login(who);
    return c.post('/api/feedback', { unitId: await unitId(DEMO.thieuHoaCommune), channel: 'hotline', kind: 'request', content: 'Đề nghị lắp đèn đường ở thôn 3 vì hay mất trộm xe máy ban đêm.', ...body });
  }

  it('takes an item from entry to closing, recording each step, what the citizen is told and the notices', async () => {
    const res = await enter('nhaplieu.thieuhoa', { submitter: { fullName: 'Lê Văn Tám', email: 'tam@example.vn', phone: '0912 345 678' }, consents: ['contact_updates'] });
    expect(res.statusCode).toBe(201);
    const { id, trackingCode, registerNo } = res.json();
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(registerNo).toBeGreaterThan(0);

    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    const me = (await officer.get('/api/auth/me')).json();
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'approve' })).statusCode).toBe(403);
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'start' })).statusCode).toBe(409);
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'accept' })).json()).toMatchObject({ state: 'accepted' });
    const detail = (await officer.get(`/api/feedback/${id}`)).json();
    expect(detail.candidates.map((c: { id: number }) => c.id)).toContain(me.user?.id ?? me.id);
    const officerId = me.user?.id ?? me.id;
    expect((await leader.post(`/api/feedback/${id}/actions`, { action: 'assign', assigneeId: officerId })).json().state).toBe('assigned');
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'start' })).json().state).toBe('in_progress');
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'draft', answer: '' })).statusCode).toBe(400);
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'draft', answer: 'Đã phối hợp UBND xã lắp 4 đèn đường <b>trong tháng</b>.' })).json().state).toBe('answer_drafted');
    expect((await leader.post(`/api/feedback/${id}/actions`, { action: 'return' })).statusCode).toBe(400);
    expect((await leader.post(`/api/feedback/${id}/actions`, { action: 'approve' })).json().state).toBe('approved');
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'close', outcome: 'resolved' })).json().state).toBe('closed');

    const after = (await leader.get(`/api/feedback/${id}`)).json();
    expect(after.publicAnswer).toContain('<b>trong tháng</b>');
    expect(after.events.map((e: { action: string }) => e.action)).toEqual(['receive', 'accept', 'assign', 'start', 'draft', 'approve', 'close']);
    expect(after.events.filter((e: { publicMessage: string | null }) => e.publicMessage).map((e: { action: string }) => e.action)).toEqual(['receive', 'accept', 'approve', 'close']);
    const outbox = await h.database.db.selectFrom('notification_outbox').selectAll().where('item_id', '=', id).orderBy('id').execute();
    // Four public steps, each by email and by the SMS gateway.
    expect(outbox.map((o) => o.adapter)).toEqual(['email', 'webhook', 'email', 'webhook', 'email', 'webhook', 'email', 'webhook']);
    expect(outbox[0]!.body).toContain(trackingCode.slice(0, 5));
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'feedback_item').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.receive', 'feedback.accept', 'feedback.assign', 'feedback.start', 'feedback.draft', 'feedback.approve', 'feedback.close']);
  });

  it('answers 404 outside the scope and 403 to a viewer; contact details only to handlers, each view logged', async () => {
    const { id } = (await enter('nhaplieu.thieuhoa', { submitter: { fullName: 'Nguyễn Thị Hoa', phone: '0987654321' } })).json();
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/feedback/${id}/actions`, { action: 'accept' })).statusCode).toBe(404);
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.get(`/api/feedback/${id}/contact`)).statusCode).toBe(403);
    expect((await clerk.post(`/api/feedback/${id}/actions`, { action: 'accept' })).statusCode).toBe(403);
    const officer = await h.login('canbo.thieuhoa');
    const list = (await officer.get('/api/feedback')).json();
    expect(JSON.stringify(list)).not.toContain('0987654321');
    expect(JSON.stringify((await officer.get(`/api/feedback/${id}`)).json())).not.toContain('0987654321');
    const contact = (await officer.get(`/api/feedback/${id}/contact`)).json();
    expect(contact.submitter.phone).toBe('0987654321');
    const views = await h.database.db.selectFrom('audit_events').select('action').where('action', '=', 'feedback.contact_view').where('entity_id', '=', String(id)).execute();
    expect(views).toHaveLength(1);
  });

  it('flags a complaint out of the workflow, merges duplicates so all submitters hear, forwards and splits', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const a = (await enter('canbo.thieuhoa', { kind: 'complaint', content: 'Tôi khiếu nại quyết định xử phạt hành chính số 12.' })).json();
    expect((await officer.post(`/api/feedback/${a.id}/actions`, { action: 'accept' })).statusCode).toBe(409);
    expect((await officer.post(`/api/feedback/${a.id}/actions`, { action: 'transfer' })).json().state).toBe('transferred');
    const ev = (await officer.get(`/api/feedback/${a.id}`)).json().events.at(-1);
    expect(ev.publicMessage).toContain('Luật Khiếu nại');

    const first = (await enter('canbo.thieuhoa', { submitter: { email: 'mot@example.vn' }, consents: ['contact_updates'] })).json();
    const second = (await enter('canbo.thieuhoa', { content: 'De nghi lap den duong o thon 3 vi hay mat trom xe may', submitter: { email: 'hai@example.vn' }, consents: ['contact_updates'] })).json();
    const sugg = (await officer.get(`/api/feedback/${second.id}/suggestions`)).json();
    expect(sugg.duplicates.map((d: { id: number }) => d.id)).toContain(first.id);
    expect(sugg.kinds[0].kind).toBe('request');
    expect((await officer.post(`/api/feedback/${second.id}/actions`, { action: 'duplicate', duplicateOf: first.id })).json().state).toBe('closed');
    await officer.post(`/api/feedback/${first.id}/actions`, { action: 'accept' });
    const last = await h.database.db.selectFrom('notification_outbox').select(['recipient', 'body']).orderBy('id', 'desc').limit(2).execute();
    expect(last.map((r) => r.recipient).sort()).toEqual(['hai@example.vn', 'mot@example.vn']);

    const dinhHoa = await unitId(DEMO.dinhHoaCommune);
    const fwd = (await enter('canbo.thieuhoa', { content: 'Phản ánh tụ tập đánh bạc ở xã Định Hòa.' })).json();
    expect((await officer.post(`/api/feedback/${fwd.id}/actions`, { action: 'forward', targetUnitId: dinhHoa })).statusCode).toBe(400);
    const moved = (await officer.post(`/api/feedback/${fwd.id}/actions`, { action: 'forward', targetUnitId: dinhHoa, reason: 'Địa bàn thuộc xã Định Hòa.' })).json();
    expect(moved.state).toBe('forwarded');
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/feedback/${moved.forwardedItemId}`)).json().source).toEqual({ type: 'forwarded', ref: String(fwd.id) });

    const mixed = (await enter('canbo.thieuhoa', { kind: 'suggestion', content: 'Khen anh Tuấn. Đề nghị xử lý xe tải chạy quá tốc độ.' })).json();
    const split = await officer.post(`/api/feedback/${mixed.id}/split`, { parts: [
      { content: 'Khen anh Tuấn nhiệt tình.', kind: 'praise' }, { content: 'Đề nghị xử lý xe tải chạy quá tốc độ.', kind: 'request', topicCode: 'traffic' },
    ] });
    expect(split.statusCode).toBe(201);
    const parts = (await officer.get(`/api/feedback/${mixed.id}`)).json();
    expect(parts.kind).toBe('praise');
    expect(parts.splitInto).toHaveLength(1);
  });

  it('lists by due date with the overdue filter and per-unit figures', async () => {
    const { id } = (await enter('canbo.thieuhoa', {})).json();
    await h.database.db.updateTable('feedback_items').set({ due_on: '2020-01-02' }).where('id', '=', id).execute();
    const leader = await h.login('lanhdao.tinh');
    const list = (await leader.get('/api/feedback?overdue=1&limit=5')).json();
    expect(list.items[0].id).toBe(id);
    expect(list.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect((await leader.get('/api/feedback?state=nonsense')).statusCode).toBe(400);
    // Each page says the order it is in: due date where everything listed is still owed, newest first otherwise,
    // and whatever was asked for.
    const order = async (q: string) => (await leader.get(`/api/feedback?limit=1${q}`)).json().sort;
    expect(await order('&overdue=1')).toBe('due');
    expect(await order('&state=in_progress&state=accepted')).toBe('due');
    expect(await order('')).toBe('received');
    expect(await order('&state=closed&state=accepted')).toBe('received');
    expect(await order('&sort=register')).toBe('register');
    expect(await order('&open=1&sort=received')).toBe('received');
    const stats = (await leader.get(`/api/feedback-stats?unitId=${await unitId(DEMO.province)}`)).json();
    const th = stats.units.find((u: { unitName: string }) => u.unitName.includes('Thiệu Hóa'));
    expect(th.overdue).toBeGreaterThanOrEqual(1);
  });

  it('lists the open items of the province by due date, undated ones last, with who has each', async () => {
    // Three items of the commune with due dates set apart from the demo's, and one whose date is cleared.
    const ids: number[] = [];
    for (const content of ['Đèn đường thôn 1 hỏng.', 'Đèn đường thôn 2 hỏng.', 'Đèn đường thôn 3 hỏng.']) ids.push((await enter('canbo.thieuhoa', { content })).json().id);
    const [soonest, later, undated] = ids as [number, number, number];
    const officer = await h.login('canbo.thieuhoa');
    const me = (await officer.get('/api/auth/me')).json();
    await officer.post(`/api/feedback/${later}/actions`, { action: 'accept' });
    await officer.post(`/api/feedback/${later}/actions`, { action: 'assign', assigneeId: me.user.id });
    await h.database.db.updateTable('feedback_items').set({ due_on: '2001-01-03' }).where('id', '=', soonest).execute();
    await h.database.db.updateTable('feedback_items').set({ due_on: '2001-01-05' }).where('id', '=', later).execute();
    await h.database.db.updateTable('feedback_items').set({ due_on: null }).where('id', '=', undated).execute();

    const leader = await h.login('lanhdao.tinh');
    const province = await unitId(DEMO.province);
    const all: { id: number; dueOn: string | null; state: string; assignee: { fullName: string } | null }[] = [];
    for (let offset = 0, more = true; more; offset += 200) {
      const page = (await leader.get(`/api/feedback?unitId=${province}&open=1&limit=200&offset=${offset}`)).json();
      expect(page.sort).toBe('due');
      all.push(...page.items);
      more = page.hasMore;
    }
    expect(all.slice(0, 2).map((i) => i.id)).toEqual([soonest, later]);
    expect(all[1]!.assignee).toEqual({ id: me.user.id, fullName: me.user.fullName });
    expect(all[0]!.assignee).toBeNull();
    // Dated items in order, then the undated ones (the engines' own NULL orders differ; the list's does not).
    const firstUndated = all.findIndex((i) => i.dueOn === null);
    expect(all.map((i) => i.id)).toContain(undated);
    expect(all.slice(firstUndated).every((i) => i.dueOn === null)).toBe(true);
    const dues = all.slice(0, firstUndated).map((i) => i.dueOn!);
    expect(dues).toEqual([...dues].sort());
    // A commune's open list, sorted from its own few items, is in the same order.
    const commune = (await officer.get(`/api/feedback?unitId=${await unitId(DEMO.thieuHoaCommune)}&open=1&limit=200`)).json();
    expect(commune.items.slice(0, 2).map((i: { id: number }) => i.id)).toEqual([soonest, later]);
    const communeDues = commune.items.map((i: { dueOn: string | null }) => i.dueOn);
    expect(communeDues.indexOf(null)).toBeGreaterThan(1);
    expect(communeDues.slice(communeDues.indexOf(null)).every((d: string | null) => d === null)).toBe(true);
    // The same order filtered by states, over the same index.
    const accepted = (await leader.get(`/api/feedback?unitId=${province}&state=received&state=assigned&limit=2`)).json();
    expect(accepted.items.map((i: { id: number }) => i.id)).toEqual([soonest, later]);
  });

  it('finds items by their words, with or without diacritics, and by tracking code, within the reader\'s scope', async () => {
    const lamp = (await enter('canbo.thieuhoa', { content: 'Xe máy điện đỗ chắn lối vào trạm y tế thôn Quyết Thắng.' })).json();
    const other = (await enter('canbo.thieuhoa', { content: 'Tiếng ồn karaoke sau 22 giờ ở thôn Đông.' })).json();
    const search = async (who: string, q: string, unit: string = DEMO.province) =>
      (await (await h.login(who)).get(`/api/feedback?unitId=${await unitId(unit)}&q=${encodeURIComponent(q)}&limit=200`)).json();
    const ids = (page: { items: { id: number }[] }) => page.items.map((i) => i.id);
    const leader = 'lanhdao.tinh';
    // Words in any order, with or without their marks, each somewhere in the text.
    expect(ids(await search(leader, 'trạm y tế xe máy điện'))).toEqual([lamp.id]);
    expect(ids(await search(leader, 'QUYET THANG xe dien'))).toEqual([lamp.id]);
    expect(ids(await search(leader, 'karaoke'))).toContain(other.id);
    expect(ids(await search(leader, 'karaoke trạm'))).not.toContain(other.id);
    // The code as printed on the receipt, with its dashes, or as typed.
    const code = lamp.trackingCode as string;
    const printed = formatTrackingCode(code);
    expect(printed).toContain('-');
    expect(ids(await search(leader, printed))).toEqual([lamp.id]);
    expect(ids(await search(leader, code.toLowerCase()))).toEqual([lamp.id]);
    // Another commune's officer finds neither by words nor by code.
    expect(ids(await search('canbo.dinhhoa', 'xe máy điện trạm y tế', DEMO.dinhHoaCommune))).not.toContain(lamp.id);
    expect(ids(await search('canbo.dinhhoa', printed, DEMO.dinhHoaCommune))).toEqual([]);
  });

  it('lists newest first by the day received, not by when the item was entered', async () => {
    // A letter that arrived a week ago is entered after today's call and yesterday's walk-in.
    const today = todayVN();
    const back = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const call = (await enter('canbo.thieuhoa', { receivedOn: today, content: 'Cuộc gọi hôm nay về trật tự ở chợ.' })).json();
    const walkIn = (await enter('canbo.thieuhoa', { channel: 'walk_in', receivedOn: back(1), content: 'Đến trực tiếp hôm qua về tiếng ồn.' })).json();
    const letter = (await enter('canbo.thieuhoa', { channel: 'letter', receivedOn: back(7), content: 'Thư gửi tuần trước về đèn đường.' })).json();
    const officer = await h.login('canbo.thieuhoa');
    const list = (await officer.get(`/api/feedback?unitId=${await unitId(DEMO.thieuHoaCommune)}&limit=200`)).json();
    expect(list.sort).toBe('received');
    const pos = (id: number) => list.items.findIndex((i: { id: number }) => i.id === id);
    expect(pos(call.id)).toBeGreaterThanOrEqual(0);
    expect(pos(call.id)).toBeLessThan(pos(walkIn.id));
    expect(pos(walkIn.id)).toBeLessThan(pos(letter.id));
    const dates = list.items.map((i: { receivedOn: string }) => i.receivedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('offers each person only the steps they may take, and every unit of today to forward to', async () => {
    const { id } = (await enter('canbo.thieuhoa', {})).json();
    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    await officer.post(`/api/feedback/${id}/actions`, { action: 'accept' });
    const me = (await officer.get('/api/auth/me')).json();
    await officer.post(`/api/feedback/${id}/actions`, { action: 'assign', assigneeId: me.user.id });
    await officer.post(`/api/feedback/${id}/actions`, { action: 'start' });
    await officer.post(`/api/feedback/${id}/actions`, { action: 'draft', answer: 'Đã xử lý.' });
    expect((await officer.get(`/api/feedback/${id}`)).json().actions).not.toContain('approve');
    expect((await leader.get(`/api/feedback/${id}`)).json().actions).toEqual(expect.arrayContaining(['approve', 'return', 'draft']));
    const targets = (await officer.get('/api/feedback-forward-targets')).json();
    const names: string[] = [];
    const walk = (nodes: { name: string; children: unknown[] }[]) => nodes.forEach((n) => { names.push(n.name); walk(n.children as never); });
    walk(targets.roots);
    expect(names).toContain('Công an xã Định Hòa');
    expect(names).not.toContain('Công an huyện Thiệu Hóa');
  });
});
