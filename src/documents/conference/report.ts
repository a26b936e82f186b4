// BÁO CÁO read at the conference: I. work results against the same period last year, II. how last year's opinions
// were handled, III. the satisfaction survey (% satisfied over valid forms, with its 95% interval), IV. the way
// forward. Pure: inputs.ts in, the document content out.
import { formatDate } from '../../core/dates.ts';
import type { Block, DraftContent } from '../official/model.ts';
import { num } from './common.ts';
import type { IndicatorRow, ReportInput, SurveyCriterion } from './inputs.ts';

/** "+3 (+12,5%)", "-2 (-10,0%)", "0", "+4" when last year was zero, "" when a figure is missing. */
export function changeText(r: Pick<IndicatorRow, 'current' | 'previous'>): string {
  if (r.current === null || r.previous === null) return '';
  const d = r.current - r.previous;
  const sign = d > 0 ? '+' : '';
  if (d === 0) return '0';
  if (r.previous === 0) return `${sign}${num(d)}`;
  return `${sign}${num(d)} (${sign}${num((d / r.previous) * 100, 1)}%)`;
}

const figure = (n: number | null) => (n === null ? '-' : num(n));

/** `pct`, `low`, `high` are percentages (0–100). */
function pctText(p: number | null): string {
  return p === null ? '-' : `${num(p, 1)}%`;
}

function surveyRows(criteria: SurveyCriterion[]): string[][] {
  return criteria.map((c, i) => [
    String(i + 1), c.label.trim(), `${num(c.satisfied)}/${num(c.valid)}`, pctText(c.pct),
    c.low === null || c.high === null ? '-' : `${pctText(c.low)} – ${pctText(c.high)}`,
  ]);
}

/** The report's content. */
export function buildReport(input: ReportInput): DraftContent {
  const c = input.conference;
  const blocks: Block[] = [];
  blocks.push({
    kind: 'paragraph',
    text: `Thực hiện kế hoạch tổ chức ${c.title.trim()}, ${c.unitName} báo cáo kết quả công tác bảo đảm an ninh, trật tự ${input.period}; kết quả tiếp thu, giải quyết ý kiến của Nhân dân và kết quả khảo sát sự hài lòng của Nhân dân như sau:`,
  });

  blocks.push({ kind: 'heading', text: 'I. KẾT QUẢ CÔNG TÁC BẢO ĐẢM AN NINH, TRẬT TỰ' });
  if (input.indicators.length) {
    blocks.push({ kind: 'paragraph', text: `Kết quả các mặt công tác ${input.period} so với cùng kỳ ${input.previousPeriod}:` });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'STT', share: 11, align: 'center' },
        { header: 'Chỉ tiêu', share: 52 },
        { header: 'Đơn vị tính', share: 16, align: 'center' },
        { header: input.period, share: 16, align: 'right' },
        { header: `Cùng kỳ ${input.previousPeriod}`, share: 18, align: 'right' },
        { header: 'Tăng (+), giảm (-)', share: 24, align: 'right' },
      ],
      rows: input.indicators.map((r, i) => [String(i + 1), r.name.trim(), r.measure?.trim() ?? '', figure(r.current), figure(r.previous), changeText(r)]),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: `Chưa có số liệu kết quả công tác ${input.period}.` });
  }

  blocks.push({ kind: 'heading', text: 'II. KẾT QUẢ TIẾP THU, GIẢI QUYẾT Ý KIẾN CỦA NHÂN DÂN NĂM TRƯỚC' });
  if (input.lastYearOpinions.length) {
    blocks.push({
      kind: 'paragraph',
      text: `${c.unitName} đã tiếp thu ${num(input.lastYearOpinions.length)} ý kiến của đại biểu và Nhân dân; kết quả giải quyết từng ý kiến như sau:`,
    });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'STT', share: 11, align: 'center' },
        { header: 'Ngày tiếp nhận', share: 24, align: 'center' },
        { header: 'Nội dung ý kiến (tóm tắt)', share: 50 },
        { header: 'Kết quả tiếp thu, giải quyết', share: 58 },
      ],
      rows: input.lastYearOpinions.map((o, i) => [
        String(i + 1), formatDate(o.receivedOn), `${o.summary.trim()}${o.topic ? `\n(${o.topic})` : ''}`,
        `${o.outcome.trim()}${o.answer ? `:\n${o.answer.trim()}` : ''}`,
      ]),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'Năm trước, đơn vị không tiếp nhận ý kiến nào cần giải quyết.' });
  }

  blocks.push({ kind: 'heading', text: 'III. KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NHÂN DÂN' });
  if (input.survey && input.survey.criteria.length) {
    blocks.push({
      kind: 'paragraph',
      text: `Qua khảo sát “${input.survey.campaignName.trim()}” với ${num(input.survey.responses)} phiếu, tỷ lệ hài lòng (hài lòng và rất hài lòng) trên số phiếu hợp lệ của từng tiêu chí như sau (khoảng tin cậy 95%):`,
    });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'STT', share: 11, align: 'center' },
        { header: 'Tiêu chí', share: 62 },
        { header: 'Hài lòng / hợp lệ', share: 22, align: 'center' },
        { header: 'Tỷ lệ hài lòng', share: 18, align: 'center' },
        { header: 'Khoảng tin cậy 95%', share: 26, align: 'center' },
      ],
      rows: surveyRows(input.survey.criteria),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'Chưa có kết quả khảo sát sự hài lòng trong kỳ.' });
  }

  blocks.push({ kind: 'heading', text: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ' });
  blocks.push({
    kind: 'paragraph',
    text: `${c.unitName} tiếp tục tiếp thu đầy đủ ý kiến của đại biểu và Nhân dân tại Hội nghị, khắc phục những hạn chế, nâng cao chất lượng công tác bảo đảm an ninh, trật tự và tinh thần, thái độ phục vụ Nhân dân; thông báo kết quả giải quyết đến người đã nêu ý kiến theo quy định./.`,
  });
  return {
    type: 'BC',
    subject: `Kết quả công tác bảo đảm an ninh, trật tự ${input.period} và kết quả tiếp thu, giải quyết ý kiến của Nhân dân`,
    blocks,
  };
}
