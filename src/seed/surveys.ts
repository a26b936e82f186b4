// Demo surveys: the default questionnaire, published; three yearly campaigns in Thanh Hóa — 2024 over the
// communes as they were then (rolled up through lineage into today's), 2025 closed, 2026 open now — with
// several hundred responses each, generated from a fixed seed so every run gives the same figures.
import type { CommandContext } from '../commands/context.ts';
import { createQuestionnaire, publishVersion } from '../commands/surveys/questionnaires.ts';
import { createCampaign, transitionCampaign } from '../commands/surveys/campaigns.ts';
import { storeResponse } from '../commands/surveys/submit.ts';
import { questionsOf, type Questionnaire } from '../core/surveys/questionnaire.ts';
import { defaultQuestionnaire } from '../core/surveys/template.ts';
import type { Answers } from '../core/surveys/answers.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { inTx } from '../db/tx.ts';
import { DEMO } from './demo.ts';

/** mulberry32: a small deterministic PRNG, so the demo's figures are the same on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMENTS = [
  'Đề nghị tăng cường tuần tra vào ban đêm ở khu vực chợ.',
  'Cán bộ tiếp dân nhiệt tình, hướng dẫn thủ tục căn cước rất chu đáo.',
  'Cần xử lý nghiêm tình trạng xe tải chạy quá tốc độ qua thôn.',
  'Mong Công an xã tuyên truyền nhiều hơn về phòng chống lừa đảo qua mạng.',
  'Thời gian giải quyết đăng ký cư trú còn chậm.',
  'Đề nghị lắp thêm camera an ninh ở ngã tư trung tâm xã.',
  'Tình hình an ninh trật tự ổn định, người dân yên tâm làm ăn.',
  'Cần kiểm tra phòng cháy chữa cháy ở các cơ sở kinh doanh.',
];

function answersFor(form: Questionnaire, rnd: () => number, quality: number): Answers {
  const a: Answers = {};
  a.da_lam_viec = rnd() < 0.55 ? 'co' : 'khong';
  for (const q of questionsOf(form)) {
    if (q.type === 'rating') {
      if (q.relevant && a.da_lam_viec !== 'co') continue;
      const r = rnd();
      a[q.id] = r < 0.04 ? '9' : r < 0.04 + 0.5 * quality ? '4' : r < 0.93 ? '3' : r < 0.975 ? '2' : '1';
    }
  }
  if (rnd() < 0.25) a.gop_y = COMMENTS[Math.floor(rnd() * COMMENTS.length)]!;
  const pick = (id: string, codes: string[]) => { if (rnd() < 0.8) a[id] = codes[Math.floor(rnd() * codes.length)]!; };
  pick('do_tuoi', ['duoi_30', '30_45', '46_60', 'tren_60']);
  pick('gioi_tinh', ['nam', 'nu']);
  pick('nghe_nghiep', ['nong_dan', 'cong_nhan', 'can_bo', 'kinh_doanh', 'hoc_sinh', 'huu_tri', 'khac']);
  return a;
}

export async function seedSurveys(ctx: CommandContext, graph: UnitGraph) {
  const province = graph.idOf(DEMO.province)!;
  const form = defaultQuestionnaire();
  const { versionId } = await createQuestionnaire(ctx, { unitId: province, code: 'PHIEU-HAI-LONG', definition: form });
  await publishVersion(ctx, versionId);

  const years = [
    { year: 2024, opensOn: '2024-10-01', closesOn: '2024-12-31', perUnit: 3, quality: 0.7 },
    { year: 2025, opensOn: '2025-10-01', closesOn: '2025-12-31', perUnit: 4, quality: 0.78 },
    { year: 2026, opensOn: '2026-10-01', closesOn: '2026-12-31', perUnit: 5, quality: 0.85 },
  ];
  let previous: number | null = null;
  const rnd = prng(2026);
  for (const y of years) {
    const { id } = await createCampaign(ctx, {
      unitId: province, name: `Lấy ý kiến sự hài lòng của Nhân dân năm ${y.year}`, period: `${y.year}-Q4`, questionnaireVersionId: versionId,
      opensOn: y.opensOn, closesOn: y.closesOn, mode: 'open', channels: ['web', 'paper'], marginPermille: 50, minCell: 10, previousCampaignId: previous,
    });
    await transitionCampaign(ctx, id, 'open', null);
    const units = await ctx.database.db.selectFrom('campaign_units').select(['unit_id']).where('campaign_id', '=', id).execute();
    await ctx.database.db.updateTable('campaign_units').set({ population: 2000, target: 30 }).where('campaign_id', '=', id).execute();
    await inTx(ctx.database, async (trx, engine) => {
      for (const u of units) {
        const n = Math.floor(y.perUnit * (0.5 + rnd()));
        for (let i = 0; i < n; i++) {
          const channel = rnd() < 0.6 ? 'paper' : 'web';
          const invalid = channel === 'paper' && rnd() < 0.03;
          await storeResponse(trx, engine, {
            campaignId: id, unitId: u.unit_id, channel, status: invalid ? 'invalid' : 'valid', sheetId: null, clientKey: null,
            answers: invalid ? {} : answersFor(form, rnd, y.quality), form,
          });
        }
      }
    });
    if (y.year < 2026) await transitionCampaign(ctx, id, 'close', null);
    previous = id;
  }
}
