// The topic taxonomy is configuration: the root administrator adds, renames and retires topics; others read it.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { t } from '../../../src/i18n/index.ts';

forEachEngine('feedback topics', 'demo', (h) => {
  it('lets the root administrator add, rename and retire a topic, keeps codes, and refuses the rest', async () => {
    const root = await h.login('quantri.bo');
    const province = await h.login('quantri.tinh');
    const officer = await h.login('canbo.thieuhoa');
    expect((await officer.get('/api/feedback-topics')).json().topics.map((t: { code: string }) => t.code)).toContain('traffic');

    const body = { code: 'moi_truong', vi: 'Môi trường', en: 'Environment', keywords: ['rác thải', 'ô nhiễm'] };
    expect((await province.post('/api/feedback-topics', body)).statusCode).toBe(403);
    // Per-field messages in the user's language.
    expect((await root.post('/api/feedback-topics', { ...body, code: 'Môi Trường' })).json().fields.code).toBe(t('vi', 'feedback.topic_code_format'));
    expect((await root.post('/api/feedback-topics', { ...body, parent: 'nope' })).json().fields.parent).toBe(t('vi', 'feedback.topic_unknown'));
    expect((await root.post('/api/feedback-topics', { ...body, parent: 'admin_id' })).json().fields.parent).toBe(t('vi', 'feedback.topic_too_deep'));
    expect((await root.post('/api/feedback-topics', body)).statusCode).toBe(201);
    expect((await root.post('/api/feedback-topics', body)).statusCode).toBe(409);

    // Classification now accepts it, and suggestions use its keywords.
    const unitId = (await officer.get('/api/auth/me')).json().user.unitId;
    const { id } = (await officer.post('/api/feedback', { unitId, channel: 'hotline', kind: 'report', content: 'Bãi rác thải gây ô nhiễm gần trường.' })).json();
    expect((await officer.patch(`/api/feedback/${id}`, { topicCode: 'moi_truong' })).statusCode).toBe(200);
    expect((await officer.get(`/api/feedback/${id}/suggestions`)).json().topics.map((t: { code: string }) => t.code)).toContain('moi_truong');

    expect((await root.patch('/api/feedback-topics/moi_truong', { vi: 'Môi trường, vệ sinh', active: false })).json().changed).toBe(true);
    const all = (await root.get('/api/feedback-topics?all=1')).json().topics;
    expect(all.find((t: { code: string }) => t.code === 'moi_truong')).toMatchObject({ vi: 'Môi trường, vệ sinh', active: false });
    expect((await officer.get('/api/feedback-topics')).json().topics.map((t: { code: string }) => t.code)).not.toContain('moi_truong');
    // Retired: kept on the item, no longer offered for new classification.
    expect((await officer.get(`/api/feedback/${id}`)).json().topicCode).toBe('moi_truong');
    expect((await officer.patch(`/api/feedback/${id}`, { topicCode: 'moi_truong' })).statusCode).toBe(400);
    expect((await root.patch('/api/feedback-topics/khong_co', { vi: 'x' })).statusCode).toBe(404);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'feedback_topic').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.topic_create', 'feedback.topic_update']);
  });
});
