// Single-use cards: each opens the form once; a reused card gets a friendly 409 page; nothing else gets in.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { createTokenBatch } from '../../../src/commands/surveys/tokens.ts';

const ANSWERS = { da_lam_viec: 'khong', ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`tieu_chi_${i + 1}`, '3'])) };

forEachEngine('single-use survey cards', 'demo', (h) => {
  let officer: Client;
  let campaignId: number, commune: number, slug: string, tokens: string[];

  beforeAll(async () => {
    const admin = await h.login('quantri.tinh');
    const g = await loadUnitGraph(h.database.db);
    commune = g.idOf(DEMO.thieuHoaCommune)!;
    const version = (await admin.get('/api/questionnaires')).json().questionnaires[0].versions[0].id;
    const created = await admin.post('/api/campaigns', {
      unitId: g.idOf(DEMO.province), name: 'Khảo sát bằng thẻ', period: '2026-11', questionnaireVersionId: version,
      opensOn: '2026-01-01', closesOn: '2099-12-31', mode: 'token', participants: [{ unitId: commune }],
    });
    expect(created.statusCode).toBe(201);
    campaignId = created.json().id;
    await admin.post(`/api/campaigns/${campaignId}/transition`, { action: 'open' });
    officer = await h.login('canbo.thieuhoa');
    const actor = (await h.ctx.access.actor({ userId: (await officer.get('/api/auth/me')).json().user.id, username: 'canbo.thieuhoa', fullName: 'Đỗ Thị Lan', unitId: commune }, 1 << 30));
    const batch = await createTokenBatch({ ...h.ctx, actor }, campaignId, commune, 3);
    tokens = batch.tokens;
    slug = batch.slug;
  });

  it('prints cards as a PDF, one page per ten cards', async () => {
    const pdf = await officer.post(`/api/campaigns/${campaignId}/token-batches`, { unitId: commune, count: 12 });
    expect(pdf.statusCode).toBe(201);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect((await officer.get(`/api/campaigns/${campaignId}/tokens`)).json().units).toEqual([{ unitId: commune, issued: 15, used: 0 }]);
  });

  it('opens the form only with a card; the card works once; a reused card gets a friendly 409 page', async () => {
    expect((await h.app.inject({ method: 'GET', url: `/s/${slug}` })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: `/s/${slug}?t=AAAAA-AAAAA` })).statusCode).toBe(404);
    const card = await h.app.inject({ method: 'GET', url: `/t/${tokens[0]}` });
    expect(card.statusCode).toBe(302);
    const form = await h.app.inject({ method: 'GET', url: card.headers.location as string });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="_t" value="${tokens[0]}"`);
    const first = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: { answers: ANSWERS, clientKey: 'c1', token: tokens[0] } });
    expect(first.statusCode).toBe(201);
    const retry = await h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: { answers: ANSWERS, clientKey: 'c1', token: tokens[0] } });
    expect(retry.json()).toEqual({ ok: true, duplicate: true });
    const reuse = await h.app.inject({ method: 'POST', url: `/s/${slug}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...ANSWERS, _k: 'c2', _t: tokens[0]! }).toString() });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.body).toContain('Thẻ đã được sử dụng');
    expect((await h.app.inject({ method: 'GET', url: `/t/${tokens[0]}` })).statusCode).toBe(409);
  });

  it('lets exactly one of two simultaneous submissions with one card through', async () => {
    const both = await Promise.all(['x1', 'x2'].map((k) => h.app.inject({ method: 'POST', url: `/s/${slug}`, payload: { answers: ANSWERS, clientKey: k, token: tokens[1] } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await officer.get(`/api/campaigns/${campaignId}/tokens`)).json().units[0].used).toBe(2);
  });
});
