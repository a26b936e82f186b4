// Work results by hand: the indicator list, entering a unit's figures (one transaction, audited with before and
// after), the previous year's figures rolled up from the communes a new commune was formed from, per-field errors
// in both languages, scope (404 outside) and rights (403), and configuring indicators (root administrators only).
import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { readRevision } from '../../../src/db/repos/revisions.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { DEFAULT_INDICATORS } from '../../../src/core/work-results/indicators.ts';
import { workResultsComparison } from '../../../src/commands/work-results/read.ts';

interface Row { indicatorId: number; code: string; name: string; value: number | null; previous: number | null; change: number | null; changePct: number | null }

forEachEngine('work results: read and save', 'demo', (h) => {
  let clerk: Client;
  let leader: Client;
  let commune: number;
  let olds: number[];
  const ind = new Map<string, number>();
  const read = async (c: Client, unitId: number, period: string) => {
    const res = await c.get(`/api/work-results?unitId=${unitId}&period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { rows: Row[]; label: string; previousLabel: string; sources: { current: { id: number }[]; previous: { id: number; name: string }[] }; warnings: unknown[]; allowed: string[] };
  };
  const row = (rows: Row[], code: string) => rows.find((r) => r.code === code)!;
  let firstAudit = 0;

  beforeAll(async () => {
    // Start from no figures (the demo may seed some) and count only this file's audit events.
    await h.database.db.deleteFrom('work_results').execute();
    firstAudit = Number((await h.database.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    const graph = await loadUnitGraph(h.database.db);
    commune = graph.idOf(DEMO.thieuHoaCommune)!;
    olds = graph.historyOf(commune).filter((e) => e.toUnitId === commune && e.fromUnitId !== commune).map((e) => e.fromUnitId);
    clerk = await h.login('nhaplieu.thieuhoa');
    leader = await h.login('lanhdao.thieuhoa');
    const list = (await clerk.get('/api/work-results/indicators')).json() as { indicators: { id: number; code: string }[]; canEdit: boolean };
    for (const i of list.indicators) ind.set(i.code, i.id);
  });

  it('lists the default indicators to every role', async () => {
    const res = await (await h.login('dando.tinhuy')).get('/api/work-results/indicators');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { canEdit: boolean; indicators: { code: string; nameVi: string; measure: string; active: boolean }[] };
    expect(body.canEdit).toBe(false);
    expect(body.indicators.map((i) => i.code)).toEqual(DEFAULT_INDICATORS.map((d) => d.code));
    expect(body.indicators[0]).toMatchObject({ nameVi: 'Số vụ phạm pháp hình sự phát hiện', measure: 'vụ', active: true });
    expect(olds.length).toBeGreaterThan(1);
  });

  it('saves figures in one audited transaction and compares them with the predecessors\' figures a year before', async () => {
    const empty = await read(clerk, commune, '2026');
    expect(empty.label).toBe('Năm 2026');
    expect(empty.previousLabel).toBe('Năm 2025');
    expect(row(empty.rows, 'crime_detected')).toMatchObject({ value: null, previous: null, change: null, changePct: null });
    expect(empty.allowed).toEqual(['read', 'enter']);

    // 2025: the commune was formed on 1 July from older communes, whose figures the leader (whose scope reaches
    // them through lineage) enters for their part of the year.
    for (const [i, unitId] of olds.slice(0, 2).entries()) {
      const r = await leader.put('/api/work-results', { unitId, period: '2025', values: [{ indicatorId: ind.get('crime_detected')!, value: 10 + i * 6 }, { indicatorId: ind.get('crime_solved')!, value: 8 }] });
      expect(r.statusCode, r.body).toBe(200);
    }
    const save = await clerk.put('/api/work-results', {
      unitId: commune, period: '2026',
      values: [{ indicatorId: ind.get('crime_detected')!, value: 27 }, { indicatorId: ind.get('crime_solved')!, value: 20 }, { indicatorId: ind.get('traffic_deaths')!, value: 0 }],
    });
    expect(save.statusCode, save.body).toBe(200);
    expect(save.json()).toMatchObject({ changed: 3, warnings: [] });

    const now = await read(clerk, commune, '2026');
    expect(row(now.rows, 'crime_detected')).toMatchObject({ value: 27, previous: 26, change: 1, changePct: 3.8 });
    expect(row(now.rows, 'crime_solved')).toMatchObject({ value: 20, previous: 16, change: 4, changePct: 25 });
    expect(row(now.rows, 'traffic_deaths')).toMatchObject({ value: 0, previous: null, change: null });
    expect(now.sources.current.map((u) => u.id)).toEqual([commune]);
    expect(now.sources.previous.map((u) => u.id).sort()).toEqual(olds.slice(0, 2).sort());

    // The report's command answers the same rows.
    const u = await h.database.db.selectFrom('users').select(['id', 'username', 'full_name', 'unit_id']).where('username', '=', 'canbo.thieuhoa').executeTakeFirstOrThrow();
    const actor = await h.ctx.access.actor({ userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id }, await readRevision(h.database.db, 'access'));
    const rows = await workResultsComparison({ ...h.ctx, actor }, commune, '2026');
    expect(rows.find((r) => r.code === 'crime_detected')).toMatchObject({ value: 27, previous: 26, change: 1, changePct: 3.8, measure: 'vụ', name: 'Số vụ phạm pháp hình sự phát hiện' });
    expect(rows).toHaveLength(DEFAULT_INDICATORS.length);
    const dinhHoa = (await loadUnitGraph(h.database.db)).idOf(DEMO.dinhHoaCommune)!;
    await expect(workResultsComparison({ ...h.ctx, actor }, dinhHoa, '2026')).rejects.toMatchObject({ code: 'not_found' });

    // Once the commune has its own 2025 figure, that is what it is compared with (no double counting).
    await leader.put('/api/work-results', { unitId: commune, period: '2025', values: [{ indicatorId: ind.get('crime_detected')!, value: 30 }] });
    const own = await read(clerk, commune, '2026');
    expect(row(own.rows, 'crime_detected')).toMatchObject({ previous: 30, change: -3, changePct: -10 });
    expect(row(own.rows, 'crime_solved')).toMatchObject({ previous: 16 });

    const audit = await h.database.db.selectFrom('audit_events').select(['before_json', 'after_json', 'unit_id', 'actor_username', 'entity_id'])
      .where('action', '=', 'work_results.save').where('unit_id', '=', commune).where('id', '>', firstAudit).orderBy('id').execute();
    expect(audit[0]).toMatchObject({ actor_username: 'nhaplieu.thieuhoa', entity_id: `${commune}:2026` });
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ period: '2026', values: { crime_detected: null, crime_solved: null, traffic_deaths: null } });
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ period: '2026', values: { crime_detected: 27, crime_solved: 20, traffic_deaths: 0 } });
  });

  it('rewrites only what changed, removes an emptied figure and warns when solved exceeds detected', async () => {
    const auditCount = async () => (await h.database.db.selectFrom('audit_events').select('id').where('action', '=', 'work_results.save').where('id', '>', firstAudit).execute()).length;
    const before = await auditCount();
    const same = await clerk.put('/api/work-results', { unitId: commune, period: '2026', values: [{ indicatorId: ind.get('crime_detected')!, value: 27 }] });
    expect(same.json()).toMatchObject({ changed: 0 });
    expect(await auditCount()).toBe(before);
    const res = await clerk.put('/api/work-results', {
      unitId: commune, period: '2026', values: [{ indicatorId: ind.get('crime_solved')!, value: 29 }, { indicatorId: ind.get('traffic_deaths')!, value: null }],
    });
    expect(res.json()).toMatchObject({ changed: 2, warnings: [{ code: 'crime_solved', exceeds: 'crime_detected' }] });
    const after = await read(clerk, commune, '2026');
    expect(row(after.rows, 'traffic_deaths').value).toBeNull();
    expect(after.warnings).toEqual([{ code: 'crime_solved', exceeds: 'crime_detected' }]);
    const last = await h.database.db.selectFrom('audit_events').select(['before_json', 'after_json']).where('action', '=', 'work_results.save').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(last.before_json!).values).toEqual({ crime_solved: 20, traffic_deaths: 0 });
    expect(JSON.parse(last.after_json!).values).toEqual({ crime_solved: 29, traffic_deaths: null });
  });

  it('answers each bad field with a translated message, never a 500', async () => {
    const put = (body: unknown, lang = 'vi') => clerk.put(`/api/work-results?lang=${lang}`, body);
    const id = ind.get('crime_detected')!;
    const cases: [unknown, string, string][] = [
      [{ unitId: commune, period: '2026-H3', values: [] }, 'period', 'Kỳ báo cáo không hợp lệ: ghi năm (2026), 6 tháng (2026-H1), quý (2026-Q3) hoặc tháng (2026-11).'],
      [{ unitId: commune, period: '2026', values: [{ indicatorId: id, value: -1 }] }, 'values.0.value', 'Giá trị không được âm.'],
      [{ unitId: commune, period: '2026', values: [{ indicatorId: id, value: '5' }] }, 'values.0.value', expect.any(String) as unknown as string],
      [{ unitId: commune, period: '2026', values: [{ indicatorId: id, value: 1e13 }] }, 'values.0.value', 'Giá trị quá lớn.'],
      [{ unitId: commune, period: '2026', values: [{ indicatorId: 999999, value: 1 }] }, 'values.0.indicatorId', 'Không có chỉ tiêu 999999 (hoặc chỉ tiêu đã ngừng sử dụng).'],
      [{ unitId: commune, period: '2026', values: [{ indicatorId: id, value: 1 }, { indicatorId: id, value: 2 }] }, 'values.1.indicatorId', 'Chỉ tiêu này được nhập hai lần.'],
      [{ unitId: 'x', period: '2026', values: [] }, 'unitId', expect.any(String) as unknown as string],
      [{ unitId: commune, period: '2026', values: [], extra: 1 }, 'extra', expect.any(String) as unknown as string],
      [{ unitId: commune, period: '2026', values: Array.from({ length: 301 }, () => ({ indicatorId: id, value: 1 })) }, 'values', expect.any(String) as unknown as string],
      [{ unitId: commune, period: '2099', values: [] }, 'period', 'Kỳ báo cáo này chưa bắt đầu.'],
      [{ unitId: commune, period: '2024', values: [] }, 'period', 'Đơn vị không tồn tại trong kỳ báo cáo này.'],
    ];
    for (const [body, field, message] of cases) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().fields?.[field], field).toEqual(message);
    }
    const en = await put({ unitId: commune, period: 'x', values: [{ indicatorId: id, value: -2 }] }, 'en');
    expect(en.json().fields).toEqual({ period: expect.stringContaining('Invalid period'), 'values.0.value': 'The value cannot be negative.' });
    for (const bad of ['', '?unitId=abc&period=2026', `?unitId=${commune}`, `?unitId=${commune}&period=2026&x=1`, `?unitId=${2 ** 40}&period=2026`]) {
      expect((await clerk.get(`/api/work-results${bad}`)).statusCode, bad).toBe(400);
    }
    expect((await clerk.put('/api/work-results', '{not json', { 'content-type': 'application/json' })).statusCode).toBe(400);
  });

  it('never answers 500, whatever the body or query', async () => {
    const value = fc.oneof(fc.anything(), fc.double(), fc.string({ maxLength: 12 }), fc.constant(null));
    const body = fc.oneof(fc.anything(), fc.record({
      unitId: fc.oneof(fc.constant(commune), value), period: fc.oneof(fc.constantFrom('2026', '2026-H1', '2025-13'), value),
      values: fc.oneof(value, fc.array(fc.record({ indicatorId: fc.oneof(fc.constant(ind.get('drug_cases')!), value), value }, { requiredKeys: [] }), { maxLength: 4 })),
    }, { requiredKeys: [] }));
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const res = await clerk.put('/api/work-results', JSON.stringify(b) ?? 'null', { 'content-type': 'application/json' });
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 20 }), fc.string({ maxLength: 12 }), async (u, p) => {
      const res = await clerk.get(`/api/work-results?unitId=${encodeURIComponent(u)}&period=${encodeURIComponent(p)}`);
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 40 });
  });

  it('answers 404 outside the scope and 403 to a viewer', async () => {
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/work-results?unitId=${commune}&period=2026`)).statusCode).toBe(404);
    expect((await other.put('/api/work-results', { unitId: commune, period: '2026', values: [] })).statusCode).toBe(404);
    expect((await clerk.get('/api/work-results?unitId=999999&period=2026')).statusCode).toBe(404);
    const viewer = await h.login('dando.tinhuy');
    expect((await viewer.get(`/api/work-results?unitId=${commune}&period=2026`)).json().allowed).toEqual(['read']);
    expect((await viewer.put('/api/work-results', { unitId: commune, period: '2026', values: [] })).statusCode).toBe(403);
    expect((await h.anon.get(`/api/work-results?unitId=${commune}&period=2026`)).statusCode).toBe(401);
  });

  it('lets only a root administrator configure indicators, audited; a retired one leaves entry', async () => {
    const root = await h.login('quantri.bo');
    const body = { code: 'missing_persons_found', nameVi: 'Số người mất tích được tìm thấy', nameEn: 'Missing persons found', measure: 'người', group: 'crime' };
    expect((await (await h.login('quantri.tinh')).post('/api/work-results/indicators', body)).statusCode).toBe(403);
    const created = await root.post('/api/work-results/indicators', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ ...body, active: true });
    expect((await root.post('/api/work-results/indicators', body)).statusCode).toBe(409);
    const bad = await root.post('/api/work-results/indicators', { ...body, code: 'Bad Code', nameVi: '', group: 'other', measure: 'x'.repeat(41) });
    expect(Object.keys(bad.json().fields).sort()).toEqual(['code', 'group', 'measure', 'nameVi']);
    expect((await root.patch('/api/work-results/indicators/999999', { active: false })).statusCode).toBe(404);
    expect((await root.patch('/api/work-results/indicators/abc', { active: false })).statusCode).toBe(404);

    const retired = await root.patch(`/api/work-results/indicators/${id}`, { active: false, nameEn: 'Missing people found' });
    expect(retired.json()).toMatchObject({ active: false, nameEn: 'Missing people found' });
    expect((await clerk.get('/api/work-results/indicators')).json().indicators.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await clerk.get('/api/work-results/indicators?all=1')).json().indicators.map((i: { id: number }) => i.id)).toContain(id);
    const refused = await clerk.put('/api/work-results', { unitId: commune, period: '2026', values: [{ indicatorId: id, value: 1 }] });
    expect(refused.json().fields).toHaveProperty(['values.0.indicatorId']);
    const audit = await h.database.db.selectFrom('audit_events').select(['action', 'before_json', 'after_json']).where('entity_type', '=', 'work_indicator').where('id', '>', firstAudit).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['work_results.indicator_create', 'work_results.indicator_update']);
    expect(JSON.parse(audit[1]!.before_json!)).toEqual({ name_en: 'Missing persons found', active: 1 });
  });
});
