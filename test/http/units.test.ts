// Units through the API: history as of a date, lineage queries, CSV in and out (all or nothing), events, audit.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client } from '../helpers/harness.ts';
import { DEMO } from '../../src/seed/demo.ts';

const HEADER = 'code,name,short_name,level,parent_code,valid_from,valid_to,place';
type Node = { id: number; code: string; name: string; children: Node[] };
const find = (nodes: Node[], code: string): Node | undefined => {
  for (const n of nodes) {
    if (n.code === code) return n;
    const inner = find(n.children, code);
    if (inner) return inner;
  }
  return undefined;
};

forEachEngine('units API', 'demo', (h) => {
  let admin: Client;
  const count = async (table: 'units' | 'audit_events' | 'unit_versions') =>
    Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    admin = await h.login('quantri.tinh');
  });

  it('shows the province as it stood on a date: districts before 01/03/2025, 166 communes after 01/07/2025', async () => {
    const before = (await admin.get('/api/units/tree?asOf=2025-01-01')).json();
    const province = before.roots[0] as Node;
    expect(province.name).toBe('Công an tỉnh Thanh Hóa');
    expect(province.children.filter((c) => c.code.startsWith('TH-H-') || c.code.startsWith('TH-T')).length).toBe(26);
    const district = find(province.children, DEMO.thieuHoaDistrict)!;
    expect(district.name).toBe('Công an huyện Thiệu Hóa');
    expect(district.children.map((c) => c.name)).toContain('Công an thị trấn Thiệu Hóa');
    const spring = (await admin.get('/api/units/tree?asOf=2025-04-15')).json().roots[0] as Node;
    expect(find(spring.children, DEMO.thieuHoaDistrict)).toBeUndefined();
    expect(spring.children.some((c) => c.code === DEMO.oldThieuLong)).toBe(true);
    const today = (await admin.get('/api/units/tree')).json().roots[0] as Node;
    expect(today.children).toHaveLength(166);
    expect(today.children.every((c) => c.code.startsWith('TH-X-') || c.code.startsWith('TH-P-'))).toBe(true);
  });

  it("names today's successors of a historical unit and the historical units feeding a commune", async () => {
    const tree = (await admin.get('/api/units/tree?asOf=2025-01-01')).json();
    const town = find(tree.roots, DEMO.oldThieuHoaTown)!;
    const detail = (await admin.get(`/api/units/${town.id}?asOf=2025-01-01`)).json();
    expect(detail.validTo).toBe('2025-06-30');
    expect(detail.successors.map((s: { name: string }) => s.name).sort()).toEqual(['Công an xã Thiệu Hóa', 'Công an xã Thiệu Trung']);
    expect(detail.versions.map((v: { parent: { code: string } }) => v.parent.code)).toEqual([DEMO.thieuHoaDistrict, DEMO.province]);
    expect(detail.history.map((e: { kind: string; date: string }) => `${e.kind}@${e.date}`)).toEqual(['reparent@2025-03-01', 'split@2025-07-01', 'split@2025-07-01']);
    const commune = find((await admin.get('/api/units/tree')).json().roots, DEMO.thieuHoaCommune)!;
    const preds = (await admin.get(`/api/units/${commune.id}`)).json().predecessors.map((p: { name: string }) => p.name).sort();
    expect(preds).toEqual(['Công an thị trấn Thiệu Hóa', 'Công an xã Thiệu Công', 'Công an xã Thiệu Long', 'Công an xã Thiệu Nguyên', 'Công an xã Thiệu Phúc']);
  });

  it('imports a CSV all or nothing: one bad row writes nothing and names line, field and reason', async () => {
    const [units, events] = [await count('units'), await count('audit_events')];
    const csv = [HEADER, 'TH-X-THIEUHOA.D1,Đội Cảnh sát Thiệu Hóa,,division,TH-X-THIEUHOA,01/01/2026,,', 'TH-X-THIEUHOA.D2,Đội 2,,division,KHONG-CO,01/01/2026,,'].join('\n');
    const res = await admin.post('/api/units/import', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'csv_invalid', message: 'Tệp CSV có lỗi; chưa có dòng nào được ghi.',
      rows: [{ line: 3, field: 'parent_code', message: 'Không tìm thấy đơn vị có mã KHONG-CO.' }],
    });
    expect([await count('units'), await count('audit_events')]).toEqual([units, events]);
    const ok = await admin.post('/api/units/import', csv.replace('KHONG-CO', 'TH-X-THIEUHOA.D1'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 2, updated: 0 });
    expect(await count('units')).toBe(units + 2);
    expect(await count('audit_events')).toBe(events + 2);
  });

  it('exports what it imports: a round trip changes nothing', async () => {
    const exported = await admin.get('/api/units/export.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body.startsWith('\uFEFFcode,name,short_name')).toBe(true);
    expect(exported.body).toContain('Công an huyện Thiệu Hóa');
    expect(exported.body).toContain('28/02/2025');
    const back = await admin.post('/api/units/import', exported.body);
    expect(back.json()).toMatchObject({ created: 0, updated: 0 });
  });

  it('records a rename with history and refuses a cycle, a duplicate code and overlapping validity', async () => {
    const created = await admin.post('/api/units', { code: 'th-x-thieuhoa.d9', name: 'Tổ công tác', level: 'division', parentCode: DEMO.thieuHoaCommune, validFrom: '2026-01-01' });
    expect(created.statusCode).toBe(201);
    expect(created.json().code).toBe('TH-X-THIEUHOA.D9');
    const dup = await admin.post('/api/units', { code: 'TH-X-THIEUHOA.D9', name: 'Trùng', level: 'division', parentCode: DEMO.thieuHoaCommune, validFrom: '2026-01-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields).toEqual({ code: 'Mã đơn vị đã tồn tại.' });
    const rename = await admin.post('/api/units/events', { kind: 'rename', date: '2026-06-01', unit: 'TH-X-THIEUHOA.D9', name: 'Tổ công tác số 1' });
    expect(rename.statusCode).toBe(201);
    const id = created.json().id;
    const detail = (await admin.get(`/api/units/${id}?asOf=2026-05-31`)).json();
    expect(detail.name).toBe('Tổ công tác');
    expect(detail.versions.map((v: { name: string; validTo: string | null }) => [v.name, v.validTo])).toEqual([['Tổ công tác', '2026-05-31'], ['Tổ công tác số 1', null]]);
    const cycle = await admin.post('/api/units/events', { kind: 'reparent', date: '2026-07-01', unit: DEMO.thieuHoaCommune, parent: 'TH-X-THIEUHOA.D9' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().fields.parent).toBe('Đơn vị không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó.');
    const overlap = await admin.post('/api/units/events', { kind: 'rename', date: '2026-06-01', unit: 'TH-X-THIEUHOA.D9', name: 'Lần nữa' });
    expect(overlap.statusCode).toBe(400);
    const outside = await admin.post('/api/units', { code: 'OLD.CHILD', name: 'Con', level: 'division', parentCode: DEMO.thieuHoaDistrict, validFrom: '2024-01-01' });
    expect(outside.json().fields).toEqual({ validFrom: 'Thời gian hiệu lực nằm ngoài thời gian hiệu lực của đơn vị cấp trên TH-H-THIEUHOA.' });
    const audit = (await admin.get('/api/audit?entityType=unit_event&limit=1')).json().events[0];
    expect(audit).toMatchObject({ action: 'unit.rename', actor: 'quantri.tinh' });
  });

  it('answers per-field errors in English when asked', async () => {
    const res = await admin.post('/api/units?lang=en', { code: '??', name: '', level: 'hamlet', validFrom: '31/02/2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toMatchObject({ level: expect.stringMatching(/^Must be one of/) });
    const res2 = await admin.post('/api/units?lang=en', { code: '??', name: '', level: 'commune', parentCode: DEMO.thieuHoaCommune, validFrom: '31/02/2026' });
    expect(res2.json().fields).toEqual({
      code: "Unit codes use capitals, digits, '.', '-', '_' (at most 40).", name: 'Required.', validFrom: 'Not a valid date (dd/MM/yyyy).',
    });
  });
});

forEachEngine('units API: corrections', 'demo', (h) => {
  it('keeps the current parent when a correction omits it, even a parent outside the admin scope', async () => {
    const admin = await h.login('quantri.tinh');
    const tree = (await admin.get('/api/units/tree')).json();
    const province = tree.roots[0];
    const res = await admin.patch(`/api/units/${province.id}`, { name: 'Công an tỉnh Thanh Hóa', shortName: 'CA Thanh Hóa', level: 'province', validFrom: '2020-01-01', place: 'Thanh Hóa' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ shortName: 'CA Thanh Hóa', parent: null });
    const root = await h.login('quantri.bo');
    expect((await root.get(`/api/units/${province.id}`)).json().parent.code).toBe('BCA');
  });
});
