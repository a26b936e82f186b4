// Survey comments into the register: listed in scope, copied once as an anonymous item of the unit concerned.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';

forEachEngine('survey comments into the register', 'demo', (h) => {
  it('lists the comments of units in scope and copies one once, anonymously, with the survey as its source', async () => {
    const officer = await h.login('lanhdao.tinh');
    const campaigns = (await officer.get('/api/campaigns')).json().campaigns as { id: number; period: string }[];
    const campaign = campaigns.find((c) => c.period === '2025-Q4')!;
    const page = (await officer.get(`/api/campaigns/${campaign.id}/comments?limit=50`)).json();
    expect(page.comments.length).toBe(50);
    // A comment from outside the two communes canbo.dinhhoa can see.
    const c = page.comments.find((x: { unitName: string }) => !/Định Hòa|Thiệu Trung/.test(x.unitName));
    const narrow = (await (await h.login('canbo.dinhhoa')).get(`/api/campaigns/${campaign.id}/comments?limit=200`)).json();
    expect(narrow.comments.every((x: { unitName: string }) => /Định Hòa|Thiệu Trung/.test(x.unitName))).toBe(true);
    expect(c.copiedItemId).toBeNull();

    const first = await officer.post(`/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: c.questionId });
    expect(first.statusCode).toBe(201);
    const again = await officer.post(`/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: c.questionId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const item = (await officer.get(`/api/feedback/${first.json().id}`)).json();
    expect(item).toMatchObject({ channel: 'survey', anonymous: true, content: c.text, receivedOn: c.submittedOn, source: { type: 'survey_response' } });
    const listed = (await officer.get(`/api/campaigns/${campaign.id}/comments?limit=50`)).json().comments;
    expect(listed.find((x: { responseId: number }) => x.responseId === c.responseId).copiedItemId).toBe(first.json().id);

    // Someone else's comment (outside the officer's scope) is not found; a viewer may read but not copy.
    const other = await h.login('canbo.dinhhoa');
    expect((await other.post(`/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: c.questionId })).statusCode).toBe(404);
    const viewer = await h.login('dando.tinhuy');
    expect((await viewer.post(`/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: 'tieu_chi_1' })).statusCode).toBe(404);
    expect((await viewer.post(`/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: c.questionId })).statusCode).toBe(403);
  });
});
