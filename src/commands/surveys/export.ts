// Exports of a campaign's responses for the units the actor may see: XLSX (responses, codebook, summary),
// CSV (UTF-8 with BOM, so Excel reads Vietnamese), JSON. Answers are labelled in Vietnamese; codes are in the
// codebook. Streamed page by page, so 200,000 responses never sit in memory at once.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { questionsOf, scaleOf, type Question, type Questionnaire } from '../../core/surveys/questionnaire.ts';
import type { CriterionResult } from '../../core/surveys/results.ts';
import type { Q } from '../../db/tx.ts';

export interface ExportContext {
  q: Q;
  campaignId: number;
  unitIds: number[];
  unitNames: Map<number, string>;
  form: Questionnaire;
  summary: CriterionResult[];
}

interface Row {
  id: number;
  unitId: number;
  channel: string;
  status: string;
  submittedOn: string;
  answers: Map<string, string[]>;
}

const PAGE = 2000;

/** Responses in id order, a page at a time. */
async function* responses(ctx: ExportContext): AsyncGenerator<Row[]> {
  if (!ctx.unitIds.length) return;
  let after = 0;
  for (;;) {
    const page = await ctx.q.selectFrom('responses').select(['id', 'unit_id', 'channel', 'status', 'submitted_on'])
      .where('campaign_id', '=', ctx.campaignId).where('unit_id', 'in', ctx.unitIds).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (!page.length) return;
    const answers = await ctx.q.selectFrom('answers').select(['response_id', 'question_id', 'value'])
      .where('response_id', 'in', page.map((r) => r.id)).execute();
    const byResponse = new Map<number, Map<string, string[]>>();
    for (const a of answers) {
      const m = byResponse.get(a.response_id) ?? new Map<string, string[]>();
      m.set(a.question_id, [...(m.get(a.question_id) ?? []), a.value]);
      byResponse.set(a.response_id, m);
    }
    yield page.map((r) => ({ id: r.id, unitId: r.unit_id, channel: r.channel, status: r.status, submittedOn: r.submitted_on, answers: byResponse.get(r.id) ?? new Map() }));
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

function labelOf(form: Questionnaire, q: Question, code: string): string {
  const scale = q.type === 'rating' ? scaleOf(form, q) : undefined;
  const options = [...(q.choices ?? []), ...(scale?.levels ?? []), ...(scale?.noOpinion ? [scale.noOpinion] : [])];
  return options.find((o) => o.code === code)?.label.vi ?? code;
}

const CHANNELS: Record<string, string> = { web: 'Trực tuyến', paper: 'Phiếu giấy', import: 'Nhập từ tệp' };
const STATUSES: Record<string, string> = { valid: 'Hợp lệ', invalid: 'Không hợp lệ' };

function header(form: Questionnaire): string[] {
  return ['Mã phiếu', 'Đơn vị', 'Kênh', 'Tình trạng', 'Ngày', ...questionsOf(form).filter((q) => q.type !== 'note').map((q) => `${q.id}. ${q.label.vi}`)];
}

function cells(ctx: ExportContext, r: Row): (string | number)[] {
  return [r.id, ctx.unitNames.get(r.unitId) ?? '', CHANNELS[r.channel] ?? r.channel, STATUSES[r.status] ?? r.status, r.submittedOn.split('-').reverse().join('/'),
    ...questionsOf(ctx.form).filter((q) => q.type !== 'note').map((q) => {
      const v = r.answers.get(q.id);
      if (!v) return '';
      return q.type === 'single' || q.type === 'multiple' || q.type === 'rating' ? v.map((c) => labelOf(ctx.form, q, c)).join('; ') : v.join('; ');
    })];
}

export function exportCsv(ctx: ExportContext): Readable {
  const out = new PassThrough();
  out.write('\uFEFF');
  const csv = stringify();
  csv.pipe(out);
  void (async () => {
    try {
      csv.write(header(ctx.form));
      for await (const page of responses(ctx)) for (const r of page) csv.write(cells(ctx, r));
      csv.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

export function exportJson(ctx: ExportContext): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      out.write(`{"questions":${JSON.stringify(questionsOf(ctx.form).map((q) => ({ id: q.id, type: q.type, label: q.label.vi, choices: codebook(ctx.form, q) })))},"summary":${JSON.stringify(ctx.summary)},"responses":[`);
      let first = true;
      for await (const page of responses(ctx)) {
        for (const r of page) {
          out.write(`${first ? '' : ','}${JSON.stringify({ id: r.id, unit: ctx.unitNames.get(r.unitId), channel: r.channel, status: r.status, date: r.submittedOn, answers: Object.fromEntries(r.answers) })}`);
          first = false;
        }
      }
      out.end(']}');
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

function codebook(form: Questionnaire, q: Question) {
  const scale = q.type === 'rating' ? scaleOf(form, q) : undefined;
  return [...(q.choices ?? []), ...(scale?.levels ?? []), ...(scale?.noOpinion ? [scale.noOpinion] : [])].map((o) => ({
    code: o.code, label: o.label.vi, satisfied: scale ? scale.satisfied.includes(o.code) : undefined, noOpinion: scale?.noOpinion?.code === o.code || undefined,
  }));
}

export function exportXlsx(ctx: ExportContext): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  void (async () => {
    try {
      const sheet = wb.addWorksheet('Phiếu trả lời', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(header(ctx.form)).font = { bold: true };
      for await (const page of responses(ctx)) for (const r of page) sheet.addRow(cells(ctx, r)).commit();
      sheet.commit();
      const book = wb.addWorksheet('Từ điển');
      book.addRow(['Câu hỏi', 'Nội dung', 'Loại', 'Mã', 'Nhãn', 'Tính là hài lòng', 'Không có ý kiến']).font = { bold: true };
      for (const q of questionsOf(ctx.form)) {
        const codes = codebook(ctx.form, q);
        if (!codes.length) book.addRow([q.id, q.label.vi, q.type]).commit();
        for (const c of codes) book.addRow([q.id, q.label.vi, q.type, c.code, c.label, c.satisfied ? 'x' : '', c.noOpinion ? 'x' : '']).commit();
      }
      book.commit();
      const sum = wb.addWorksheet('Tổng hợp');
      sum.addRow(['Tiêu chí', 'Nội dung', 'Hài lòng', 'Phiếu hợp lệ (mẫu số)', 'Không có ý kiến', '% hài lòng', 'KTC 95% dưới', 'KTC 95% trên']).font = { bold: true };
      for (const c of ctx.summary) {
        const row = sum.addRow([c.id, c.label.vi, c.satisfied, c.denominator, c.noOpinion, c.share ?? '', c.low ?? '', c.high ?? '']);
        for (const col of [6, 7, 8]) row.getCell(col).numFmt = '0.0%';
        row.commit();
      }
      sum.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
