// The demo's response templates (mẫu trả lời): the province keeps one for the common topics, a general one and a
// thank-you for praise, which every commune is offered; Xã Thiệu Hóa keeps one of its own for the matter its
// residents raise most (traffic at the school gate). Written through the command the settings screen uses. What
// only the officer can write is a "[...]" gap, which the draft form points out when the template is used
// (core/feedback/templates.ts).
import { auditContextOf, type CommandContext } from '../commands/context.ts';
import { createTemplate } from '../commands/feedback/templates.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { DEMO } from './demo.ts';
import { personaActor } from './personas.ts';

const GREETING = 'Kính gửi: {ten_nguoi_gui}.';

const PROVINCE_TEMPLATES: readonly { topicCode: string | null; title: string; body: string }[] = [
  {
    topicCode: null, title: 'Trả lời chung',
    body: `${GREETING}

{don_vi} đã nhận được ý kiến của Ông/Bà ngày {ngay_tiep_nhan} (số {so_so}, mã theo dõi {ma_theo_doi}) về việc: {noi_dung_tom_tat}.

Sau khi xem xét, {don_vi} trả lời như sau: [nội dung trả lời].

{don_vi} trân trọng cảm ơn Ông/Bà đã quan tâm, đóng góp ý kiến với lực lượng Công an.`,
  },
  {
    topicCode: null, title: 'Cảm ơn ý kiến khen ngợi',
    body: `${GREETING}

{don_vi} trân trọng cảm ơn Ông/Bà đã ghi nhận, động viên cán bộ, chiến sĩ của đơn vị (ý kiến ngày {ngay_tiep_nhan}, mã theo dõi {ma_theo_doi}). Ý kiến của Ông/Bà đã được thông báo tới cán bộ, chiến sĩ và là động lực để đơn vị phục vụ Nhân dân ngày càng tốt hơn.`,
  },
  {
    topicCode: 'traffic', title: 'Trật tự an toàn giao thông',
    body: `${GREETING}

Về ý kiến của Ông/Bà ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}) về trật tự an toàn giao thông: {noi_dung_tom_tat}.

{don_vi} đã phối hợp với lực lượng Cảnh sát giao thông và chính quyền địa phương kiểm tra, xử lý: [kết quả kiểm tra, xử lý]. Thời gian tới, đơn vị tiếp tục tăng cường tuần tra, kiểm soát và xử lý nghiêm các hành vi vi phạm tại khu vực.

Trân trọng cảm ơn Ông/Bà đã cùng lực lượng Công an bảo đảm trật tự an toàn giao thông.`,
  },
  {
    topicCode: 'security', title: 'Tình hình an ninh, trật tự',
    body: `${GREETING}

Tiếp nhận ý kiến của Ông/Bà ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}) về tình hình an ninh, trật tự: {noi_dung_tom_tat}, {don_vi} đã giao lực lượng Cảnh sát khu vực kiểm tra, xác minh và xử lý: [kết quả].

Đơn vị đã tăng cường tuần tra, kiểm soát tại địa bàn. Đề nghị Ông/Bà tiếp tục cung cấp thông tin cho Công an qua đường dây nóng hoặc trực tiếp tại trụ sở.`,
  },
  {
    topicCode: 'admin_residence', title: 'Hướng dẫn thủ tục cư trú',
    body: `${GREETING}

Về kiến nghị của Ông/Bà ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}) liên quan đến thủ tục cư trú: {noi_dung_tom_tat}.

{don_vi} hướng dẫn như sau: thủ tục đăng ký thường trú, tạm trú được thực hiện trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID hoặc trực tiếp tại bộ phận tiếp dân của Công an cấp xã; hồ sơ gồm: [thành phần hồ sơ]. Nếu cần hỗ trợ thêm, Ông/Bà liên hệ bộ phận tiếp dân của đơn vị trong giờ hành chính.`,
  },
  {
    topicCode: 'admin_id', title: 'Căn cước, định danh điện tử',
    body: `${GREETING}

Về ý kiến của Ông/Bà ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}) liên quan đến căn cước, định danh điện tử: {noi_dung_tom_tat}.

{don_vi} đã kiểm tra và trả lời: [tình trạng hồ sơ, thời gian trả thẻ hoặc kích hoạt tài khoản]. Đơn vị tổ chức cấp căn cước lưu động cho người cao tuổi, người ốm đau không đi lại được khi gia đình có đề nghị.`,
  },
  {
    topicCode: 'conduct', title: 'Tác phong, thái độ của cán bộ',
    body: `${GREETING}

{don_vi} đã nhận được ý kiến của Ông/Bà ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}) về tác phong, thái độ của cán bộ: {noi_dung_tom_tat}.

Lãnh đạo đơn vị đã kiểm tra, làm rõ: [kết quả kiểm tra và hình thức xử lý, nếu có]. Đơn vị đã chấn chỉnh, yêu cầu cán bộ thực hiện nghiêm quy định về lễ tiết, tác phong, văn hóa ứng xử khi tiếp xúc, làm việc với Nhân dân.

{don_vi} trân trọng cảm ơn và mong tiếp tục nhận được sự giám sát của Ông/Bà.`,
  },
];

const COMMUNE_TEMPLATE = {
  topicCode: 'traffic', title: 'Giao thông trước cổng trường học',
  body: `${GREETING}

Về ý kiến ngày {ngay_tiep_nhan} (mã theo dõi {ma_theo_doi}): {noi_dung_tom_tat}.

{don_vi} đã bố trí lực lượng phân luồng, bảo đảm trật tự an toàn giao thông trước cổng trường vào giờ học sinh tan học, và đã đề nghị UBND xã lắp đặt biển báo, gờ giảm tốc: [kết quả cụ thể]. Đề nghị Ông/Bà cùng các phụ huynh nhắc nhở các cháu chấp hành quy định khi tham gia giao thông.`,
};

export async function seedTemplates(ctx: CommandContext, graph: UnitGraph): Promise<void> {
  const as = async (username: string) => {
    const actor = await personaActor(ctx, username);
    return { ...ctx, actor, audit: auditContextOf(actor, null, 'langnghe-seed') };
  };
  const provinceAdmin = await as('quantri.tinh');
  const province = graph.idOf(DEMO.province)!;
  for (const t of PROVINCE_TEMPLATES) await createTemplate(provinceAdmin, { unitId: province, ...t });
  await createTemplate(await as('lanhdao.thieuhoa'), { unitId: graph.idOf(DEMO.thieuHoaCommune)!, ...COMMUNE_TEMPLATE });
}
