// What the citizen is told at each public step, in Vietnamese (the record keeps the words actually sent).
import type { FeedbackProcedure } from '../../db/schema.ts';
import { formatDate } from '../dates.ts';
import { formatTrackingCode } from './tracking.ts';

const PROCEDURE_VI: Record<FeedbackProcedure, string> = {
  complaint: 'giải quyết khiếu nại theo Luật Khiếu nại 2011',
  denunciation: 'giải quyết tố cáo theo Luật Tố cáo 2018',
  crime_report: 'tiếp nhận, giải quyết tố giác về tội phạm theo Bộ luật Tố tụng hình sự',
};

export const citizenMessages = {
  received: (unitName: string, code: string, ackDue: string | null) =>
    `${unitName} đã tiếp nhận ý kiến của Ông/Bà. Mã theo dõi: ${formatTrackingCode(code)}.` +
    (ackDue ? ` Ông/Bà sẽ được thông báo việc thụ lý trước ngày ${formatDate(ackDue)}.` : ''),
  accepted: (due: string | null) =>
    `Ý kiến đã được thụ lý để giải quyết.${due ? ` Thời hạn trả lời: ${formatDate(due)}.` : ''}`,
  refused: (reason: string) => `Ý kiến không được thụ lý. Lý do: ${reason}`,
  forwarded: (target: string, reason: string) =>
    `Nội dung không thuộc thẩm quyền của đơn vị, đã được chuyển đến ${target}. ${reason}`,
  transferred: (procedure: FeedbackProcedure) =>
    `Nội dung có tính chất ${procedure === 'complaint' ? 'khiếu nại' : procedure === 'denunciation' ? 'tố cáo' : 'tố giác tội phạm'}, ` +
    `được chuyển sang quy trình ${PROCEDURE_VI[procedure]}. Ông/Bà sẽ được thông báo theo quy định của quy trình đó.`,
  approved: (answer: string) => `Trả lời của đơn vị: ${answer}`,
  closedResolved: () => 'Ý kiến đã được giải quyết xong. Mời Ông/Bà đánh giá việc giải quyết (1–5 sao).',
  closedExplained: () => 'Đơn vị đã giải thích, trả lời ý kiến. Mời Ông/Bà đánh giá việc giải quyết (1–5 sao).',
  answeredOnSpot: (answer: string, by: string | null) =>
    `Ý kiến đã được trả lời trực tiếp tại hội nghị${by ? ` (${by})` : ''}: ${answer}`,
  thanked: () => 'Cảm ơn Ông/Bà đã ghi nhận, động viên lực lượng Công an.',
  duplicate: (code: string) => `Ý kiến trùng với nội dung đang được giải quyết (mã ${formatTrackingCode(code)}); Ông/Bà sẽ được thông báo kết quả chung.`,
  withdrawn: (reason: string) => `Ý kiến đã được rút. ${reason}`,
  reopened: (reason: string) => `Ý kiến được xem xét lại. Lý do: ${reason}`,
  rereview: () => 'Đơn vị cấp trên sẽ xem xét lại việc giải quyết theo đánh giá của Ông/Bà.',
};
