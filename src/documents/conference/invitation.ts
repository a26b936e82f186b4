// GIẤY MỜI to the conference: one per delegate ("Kính gửi: Ông/Bà ...", with the delegate's own check-in QR code
// when its address is given), or one for the whole list with the delegates in a table. Pure: inputs.ts in, the document content out.
import type { Block, DraftContent } from '../official/model.ts';
import { agendaItems, clockVN, dayVN, organisers, personLine } from './common.ts';
import type { InvitationInput } from './inputs.ts';

/** The invitation: personal when there is one delegate, with the list attached when there are several. */
export function buildInvitation(input: InvitationInput): DraftContent {
  const c = input.conference;
  const personal = input.delegates.length === 1;
  const blocks: Block[] = [];
  blocks.push(personal
    ? { kind: 'paragraph', text: `Kính gửi: ${personLine(input.delegates[0]!)}`, align: 'center' }
    : { kind: 'paragraph', text: 'Kính gửi: Các đồng chí đại biểu có tên trong danh sách kèm theo', align: 'center' });
  blocks.push({
    kind: 'paragraph',
    text: `${organisers(c)} tổ chức ${c.title.trim()}, nhằm lắng nghe ý kiến đóng góp của các cấp ủy, chính quyền, đoàn thể và Nhân dân đối với công tác bảo đảm an ninh, trật tự và việc thực hiện nhiệm vụ của lực lượng Công an.`,
  });
  blocks.push({
    kind: 'paragraph',
    text: `${c.unitName} trân trọng kính mời ${personal ? 'Ông/Bà' : 'các đồng chí'} đến dự Hội nghị.`,
  });
  blocks.push({ kind: 'paragraph', text: `1. Thời gian: ${clockVN(c.startsAt)}, ${dayVN(c.startsAt)}.` });
  blocks.push({ kind: 'paragraph', text: `2. Địa điểm: ${c.venue.trim()}.` });
  const agenda = agendaItems(c);
  if (agenda.length) {
    blocks.push({ kind: 'paragraph', text: '3. Nội dung:' });
    blocks.push({ kind: 'list', items: agenda.map((a, i) => `${a}${i === agenda.length - 1 ? '.' : ';'}`) });
  }
  if (!personal && input.delegates.length) {
    blocks.push({ kind: 'paragraph', text: `${agenda.length ? '4' : '3'}. Thành phần: ${input.delegates.length} đại biểu (danh sách dưới đây).` });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'STT', share: 13, align: 'center' },
        { header: 'Họ và tên', share: 45 },
        { header: 'Chức vụ', share: 45 },
        { header: 'Cơ quan, đơn vị / Thôn, tổ dân phố', share: 65 },
      ],
      rows: input.delegates.map((d, i) => [String(i + 1), d.fullName.trim(), d.title?.trim() ?? '', (d.organisation ?? d.village ?? '').trim()]),
    });
  }
  if (personal && input.checkinUrl) {
    blocks.push({ kind: 'qr', url: input.checkinUrl, caption: 'Mã điểm danh của Ông/Bà: quét bằng điện thoại khi đến hội nghị, hoặc đưa cán bộ tại bàn đón tiếp.' });
  }
  blocks.push({
    kind: 'paragraph',
    text: `Rất mong ${personal ? 'Ông/Bà' : 'các đồng chí'} sắp xếp thời gian đến dự Hội nghị đúng giờ, để Hội nghị đạt kết quả tốt./.`,
  });
  return {
    type: 'GM',
    subject: `Dự ${c.title.trim()}`,
    blocks,
    recipients: personal ? ['Như trên', 'Lưu: VT'] : ['Như trên (theo danh sách)', 'Lưu: VT'],
  };
}
