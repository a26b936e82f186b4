// The register's report-back as printed documents, in the official layout (documents/official/layout.ts):
//   - THÔNG BÁO "Kết quả tiếp nhận, giải quyết ý kiến của Nhân dân [kỳ]" for the commune noticeboard (bảng tin);
//   - BÁO CÁO "Kết quả tiếp thu, giải quyết ý kiến của Nhân dân tại Hội nghị năm ..." read at the next conference.
// Both are drafts for the unit head to sign: the number is left blank ("Số:      /TB-CAX") and so is the name
// under the signature. Always Vietnamese: these are official documents. They carry only what the report carries
// (masked summaries and answers, never a name or contact: commands/feedback/report-back.ts).
import { formatDate } from '../../core/dates.ts';
import { t } from '../../i18n/index.ts';
import {
  periodLabel, speakerText, statusText, type ConferenceFollowUp, type ReportBack, type ReportItem, type ReportTotals,
} from '../../commands/feedback/report-back.ts';
import { bodyInitials, signerTitle, type ReportUnit } from '../../core/units/official-name.ts';
import { drawClosing, drawHeader, drawTitle, finish, openOfficialDocument, paragraph, type OfficialDoc } from '../official/layout.ts';
import { drawTable, type Column } from '../official/table.ts';

/** More rows than this are not printed (a province's year): the document says how many were left out. */
export const MAX_PDF_ROWS = 3000;

const kindWord = (kind: ReportItem['kind']) => t('vi', `citizen.kind.${kind}`).toLocaleLowerCase('vi');

/** "Đã giải quyết xong (12/05/2026): Công an xã đã ...". */
function outcomeCell(item: ReportItem): string {
  const status = statusText('vi', item);
  if (!item.answer) return status;
  return `${status}${item.answeredOn ? ` (trả lời ngày ${formatDate(item.answeredOn)})` : ''}:\n${item.answer}`;
}

function topicCell(item: ReportItem): string {
  return `${item.topic?.vi ?? 'Khác'}\n(${kindWord(item.kind)})`;
}

/** The commune's own government, for "Nơi nhận": "Công an xã Thiệu Hóa" → "xã Thiệu Hóa". */
function localArea(unit: ReportUnit): string {
  return unit.name.replace(/^Công an\s+/i, '');
}

function header(o: OfficialDoc, unit: ReportUnit, type: 'TB' | 'BC', today: string) {
  drawHeader(o, {
    parentBody: unit.parentName,
    issuingBody: unit.name,
    // A draft: numbered by the clerk (văn thư) when signed.
    number: `Số:        /${type}-${bodyInitials(unit.bodyType)}`,
    place: unit.placeName,
    date: today,
  });
}

function totalsParagraphs(o: OfficialDoc, totals: ReportTotals) {
  const kinds = (['suggestion', 'report', 'request', 'praise'] as const).map((k) => `${kindWord(k)}: ${totals.byKind[k]}`).join('; ');
  paragraph(o, `- Tổng số ý kiến tiếp nhận: ${totals.received} (${kinds}).`);
  paragraph(o, `- Đã trả lời, giải quyết: ${totals.answered}; đang giải quyết: ${totals.open}.`);
  paragraph(o, totals.judged
    ? `- Giải quyết đúng thời hạn: ${String(totals.onTimePct).replace('.', ',')}% (${totals.onTime}/${totals.judged} ý kiến đã trả lời hoặc thông báo kết quả thụ lý).`
    : '- Chưa có ý kiến nào đến thời điểm đánh giá thời hạn giải quyết.');
  if (totals.byTopic.length) {
    paragraph(o, `- Theo lĩnh vực: ${totals.byTopic.map((g) => `${g.topic.vi}: ${g.received}`).join('; ')}.`);
  }
  paragraph(o, `- Khiếu nại, tố cáo, tố giác tội phạm (chuyển quy trình riêng): ${totals.separateProcedure}. Các nội dung này được giải quyết theo quy định của pháp luật về khiếu nại, tố cáo, tố tụng hình sự và không nêu chi tiết trong văn bản này.`);
}

function cappedRows<T>(o: OfficialDoc, items: T[]): T[] {
  if (items.length <= MAX_PDF_ROWS) return items;
  paragraph(o, `Danh sách dưới đây nêu ${MAX_PDF_ROWS} ý kiến đầu tiên trong số ${items.length} ý kiến; danh sách đầy đủ được công khai trên trang thông tin của đơn vị.`);
  return items.slice(0, MAX_PDF_ROWS);
}

/** THÔNG BÁO for the noticeboard: the period's opinions and what was done, item by item. */
export function renderReportBackPdf(r: ReportBack, today: string): Promise<Buffer> {
  const { unit, period, totals } = r;
  const label = periodLabel('vi', period);
  const subject = `Kết quả tiếp nhận, giải quyết ý kiến của Nhân dân ${label}`;
  const o = openOfficialDocument({ title: `Thông báo ${subject.charAt(0).toLocaleLowerCase('vi')}${subject.slice(1)}`, subject, author: unit.name });
  header(o, unit, 'TB', today);
  drawTitle(o, 'THÔNG BÁO', subject);
  const span = period.kind === 'range' ? '' : ` (từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)})`;
  paragraph(o, `${unit.name} thông báo kết quả tiếp nhận, giải quyết các ý kiến góp ý, phản ánh, kiến nghị, khen ngợi của Nhân dân ${label}${span} như sau:`);
  paragraph(o, '1. Kết quả chung', { font: 'bold' });
  totalsParagraphs(o, totals);
  paragraph(o, '2. Danh sách ý kiến và kết quả giải quyết', { font: 'bold' });
  if (r.items.length) {
    const columns: Column[] = [
      // Shares in millimetres of the 165 mm text width.
      { header: 'STT', share: 11, align: 'center' },
      { header: 'Ngày tiếp nhận', share: 23, align: 'center' },
      { header: 'Lĩnh vực', share: 28 },
      { header: 'Nội dung (tóm tắt)', share: 49 },
      { header: 'Kết quả giải quyết', share: 54 },
    ];
    const items = cappedRows(o, r.items);
    drawTable(o, columns, items.map((it, i) => [String(i + 1), formatDate(it.receivedOn), topicCell(it), it.summary, outcomeCell(it)]));
  } else {
    paragraph(o, 'Trong kỳ, đơn vị không tiếp nhận ý kiến góp ý, phản ánh, kiến nghị, khen ngợi nào.');
  }
  paragraph(o, 'Thông tin cá nhân của người gửi ý kiến không được công khai; nội dung ý kiến chỉ nêu tóm tắt, số điện thoại, địa chỉ thư điện tử và số giấy tờ (nếu có) được che bằng dấu ***. '
    + `Người gửi ý kiến tra cứu kết quả giải quyết ý kiến của mình bằng mã theo dõi được cấp khi gửi ý kiến. ${unit.name} trân trọng cảm ơn Nhân dân đã quan tâm, đóng góp ý kiến./.`);
  drawClosing(o, {
    signer: [signerTitle(unit)],
    signerName: null,
    recipients: [
      ...(unit.parentName ? [`${unit.parentName} (để báo cáo)`] : []),
      `Đảng ủy, UBND ${localArea(unit)}`,
      'Niêm yết tại trụ sở, bảng tin',
      'Lưu: VT',
    ],
  });
  return finish(o);
}

/** BÁO CÁO read at the next conference: each opinion raised at the year's conferences, who raised it (role), what was done. */
export function renderConferencePdf(r: ConferenceFollowUp, today: string): Promise<Buffer> {
  const { unit, year, totals } = r;
  const subject = `Kết quả tiếp thu, giải quyết ý kiến của Nhân dân tại Hội nghị năm ${year}`;
  const o = openOfficialDocument({ title: `Báo cáo ${subject.charAt(0).toLocaleLowerCase('vi')}${subject.slice(1)}`, subject, author: unit.name });
  header(o, unit, 'BC', today);
  drawTitle(o, 'BÁO CÁO', subject);
  const days = r.conferenceDays.map(formatDate).join(', ');
  if (r.items.length) {
    paragraph(o, `Tại Hội nghị “Công an lắng nghe ý kiến Nhân dân” năm ${year}${days ? ` (ngày ${days})` : ''}, ${unit.name} đã tiếp thu ${totals.received} ý kiến của đại biểu và Nhân dân. `
      + `${unit.name} báo cáo kết quả tiếp thu, giải quyết các ý kiến như sau:`);
  } else {
    paragraph(o, `Năm ${year}, ${unit.name} không ghi nhận ý kiến góp ý, phản ánh, kiến nghị, khen ngợi nào tại hội nghị.`);
  }
  paragraph(o, '1. Kết quả chung', { font: 'bold' });
  totalsParagraphs(o, totals);
  paragraph(o, '2. Kết quả giải quyết từng ý kiến', { font: 'bold' });
  if (r.items.length) {
    const columns: Column[] = [
      { header: 'STT', share: 11, align: 'center' },
      { header: 'Đại biểu nêu ý kiến', share: 38 },
      { header: 'Nội dung ý kiến (tóm tắt)', share: 54 },
      { header: 'Kết quả tiếp thu, giải quyết', share: 62 },
    ];
    const items = cappedRows(o, r.items);
    drawTable(o, columns, items.map((it, i) => [String(i + 1), `${speakerText('vi', it.speaker)}\n(${it.topic?.vi ?? 'Khác'})`, it.summary, outcomeCell(it)]));
  } else {
    paragraph(o, 'Không có ý kiến.');
  }
  paragraph(o, '3. Phương hướng', { font: 'bold' });
  paragraph(o, totals.open
    ? `${unit.name} tiếp tục chỉ đạo giải quyết dứt điểm ${totals.open} ý kiến còn lại và thông báo kết quả đến đại biểu, Nhân dân theo quy định./.`
    : `Các ý kiến tiếp thu tại hội nghị đã được giải quyết, trả lời. ${unit.name} tiếp tục duy trì việc tiếp nhận, giải quyết ý kiến của Nhân dân thường xuyên./.`);
  drawClosing(o, {
    signer: [signerTitle(unit)],
    signerName: null,
    recipients: [
      ...(unit.parentName ? [`${unit.parentName} (để báo cáo)`] : []),
      `Đảng ủy, UBND, Ủy ban MTTQ ${localArea(unit)}`,
      'Lưu: VT',
    ],
  });
  return finish(o);
}
