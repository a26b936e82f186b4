// BIÊN BẢN HỘI NGHỊ: time and place, attendance by category and in total, who presided and who took the minutes,
// the proceedings, every opinion with its answer on the spot or the commitment to answer in writing, the
// conclusion and the closing time; signed by the secretary (left) and the chair (right). Pure.
import type { Block, DraftContent, Signer } from '../official/model.ts';
import { CATEGORY_LABELS, clockVN, longDateVN, num, organisers, paragraphsOf } from './common.ts';
import type { DelegateFacts, MinutesInput, MinutesOpinion } from './inputs.ts';

const CATEGORY_ORDER: DelegateFacts['category'][] = ['official', 'mass_org', 'village_head', 'resident', 'police', 'guest'];

function attendance(input: MinutesInput): string[] {
  const present = input.delegates.filter((d) => d.present);
  const lines = CATEGORY_ORDER
    .map((cat) => [cat, present.filter((d) => d.category === cat).length] as const)
    .filter(([, n]) => n > 0)
    .map(([cat, n]) => `${CATEGORY_LABELS[cat]}: ${num(n)} người;`);
  if (input.extraAttendance > 0) lines.push(`Nhân dân đến dự ngoài danh sách mời: ${num(input.extraAttendance)} người;`);
  const total = present.length + input.extraAttendance;
  lines.push(`Tổng số: ${num(total)} người (${num(present.length)}/${num(input.delegates.length)} đại biểu được mời có mặt).`);
  return lines;
}

function opinionBlocks(o: MinutesOpinion, unitName: string): Block[] {
  const head = `${o.seq}. ${o.speaker.trim()}${o.topic ? ` (${o.topic.trim()})` : ''}:`;
  const answer = o.answerMode === 'spot'
    ? `Trả lời tại Hội nghị${o.answeredBy ? ` (${o.answeredBy.trim()})` : ''}: ${o.answer?.trim() || 'đã trả lời trực tiếp tại Hội nghị'}.`
    : `${unitName} tiếp thu, kiểm tra và trả lời bằng văn bản đến người nêu ý kiến theo quy định.`;
  return [
    { kind: 'paragraph', text: `${head} ${o.content.trim()}` },
    { kind: 'paragraph', text: `- ${answer.replace(/\.\.$/, '.')}`, italic: true },
  ];
}

const person = (p: { name: string; title: string } | null) => (p ? `Ông/Bà ${p.name.trim()}${p.title ? `, ${p.title.trim()}` : ''}` : '');

/** The minutes' content, with the two signers. */
export function buildMinutes(input: MinutesInput): DraftContent {
  const c = input.conference;
  const blocks: Block[] = [];
  blocks.push({
    kind: 'paragraph',
    text: `Vào hồi ${clockVN(c.startsAt)}, ${longDateVN(c.startsAt)}, tại ${c.venue.trim()}, ${organisers(c)} tổ chức ${c.title.trim()}.`,
  });
  blocks.push({ kind: 'heading', text: 'I. THÀNH PHẦN THAM DỰ' });
  blocks.push({ kind: 'list', items: attendance(input) });
  blocks.push({ kind: 'paragraph', text: `Chủ trì Hội nghị: ${person(c.presiding) || '……………………'}.` });
  blocks.push({ kind: 'paragraph', text: `Thư ký Hội nghị: ${person(c.secretary) || '……………………'}.` });

  blocks.push({ kind: 'heading', text: 'II. NỘI DUNG HỘI NGHỊ' });
  blocks.push({ kind: 'paragraph', text: '1. Diễn biến Hội nghị', bold: true });
  const proceedings = paragraphsOf(input.proceedings);
  if (proceedings.length) for (const p of proceedings) blocks.push({ kind: 'paragraph', text: p });
  else blocks.push({ kind: 'paragraph', text: 'Hội nghị được tiến hành theo chương trình đã thông báo.' });
  blocks.push({ kind: 'paragraph', text: '2. Ý kiến của đại biểu, Nhân dân và việc trả lời', bold: true });
  if (input.opinions.length) {
    const spot = input.opinions.filter((o) => o.answerMode === 'spot').length;
    blocks.push({
      kind: 'paragraph',
      text: `Hội nghị ghi nhận ${num(input.opinions.length)} ý kiến; ${num(spot)} ý kiến được trả lời trực tiếp tại Hội nghị, ${num(input.opinions.length - spot)} ý kiến được tiếp thu để trả lời bằng văn bản. Cụ thể:`,
    });
    for (const o of [...input.opinions].sort((a, b) => a.seq - b.seq)) blocks.push(...opinionBlocks(o, c.unitName));
  } else {
    blocks.push({ kind: 'paragraph', text: 'Không có đại biểu nêu ý kiến.' });
  }

  blocks.push({ kind: 'heading', text: 'III. KẾT LUẬN HỘI NGHỊ' });
  const conclusion = paragraphsOf(input.conclusion);
  if (conclusion.length) for (const p of conclusion) blocks.push({ kind: 'paragraph', text: p });
  else blocks.push({ kind: 'paragraph', text: '……………………………………………………' });
  blocks.push({
    kind: 'paragraph',
    text: `Hội nghị kết thúc vào hồi ${clockVN(c.endsAt)} cùng ngày. Biên bản đã được thông qua tại Hội nghị, các đại biểu dự Hội nghị nhất trí với nội dung biên bản./.`,
  });

  const signers: Signer[] = [
    { authority: null, titleLines: ['THƯ KÝ'], name: c.secretary?.name.trim() || null },
    { authority: null, titleLines: ['CHỦ TRÌ'], name: c.presiding?.name.trim() || null },
  ];
  return { type: 'BB', subject: c.title.trim(), blocks, signers, recipients: [] };
}
