// The default questionnaire: DOMAIN.md's nine criteria on a 4-level scale (rất hài lòng, hài lòng,
// chưa hài lòng, không hài lòng; the first two count as satisfied), an open comment and optional demographics.
import type { Choice, Question, Questionnaire } from './questionnaire.ts';

const choice = (code: string, vi: string, en: string): Choice => ({ code, label: { vi, en } });

export const SCALE_4: Questionnaire['scales'][number] = {
  id: 'hai_long_4',
  levels: [
    choice('4', 'Rất hài lòng', 'Very satisfied'),
    choice('3', 'Hài lòng', 'Satisfied'),
    choice('2', 'Chưa hài lòng', 'Not yet satisfied'),
    choice('1', 'Không hài lòng', 'Dissatisfied'),
  ],
  satisfied: ['4', '3'],
  noOpinion: choice('9', 'Không có ý kiến / không áp dụng', 'No opinion / not applicable'),
};

const CRITERIA: [string, string, string][] = [
  ['tieu_chi_1', 'Kết quả công tác bảo đảm an ninh, trật tự trên địa bàn', 'Results of security and order work in the area'],
  ['tieu_chi_2', 'Việc thực hiện nhiệm vụ của cán bộ, chiến sĩ Công an', 'How officers carry out their duties'],
  ['tieu_chi_3', 'Tinh thần trách nhiệm của cán bộ, chiến sĩ', "Officers' sense of responsibility"],
  ['tieu_chi_4', 'Đạo đức, lối sống của cán bộ, chiến sĩ', "Officers' ethics and lifestyle"],
  ['tieu_chi_5', 'Tác phong, lễ tiết, điều lệnh', 'Bearing, etiquette and manner'],
  ['tieu_chi_6', 'Giao tiếp, ứng xử với Nhân dân', 'Communication and behaviour with the people'],
  ['tieu_chi_7', 'Giải quyết thủ tục hành chính (cư trú, căn cước)', 'Handling of administrative procedures (residence, ID cards)'],
  ['tieu_chi_8', 'Tiếp nhận, giải quyết tin báo, phản ánh, kiến nghị', 'Receiving and handling reports and requests'],
  ['tieu_chi_9', 'Mức độ hài lòng chung', 'Overall satisfaction'],
];

const criterion = ([id, vi, en]: [string, string, string]): Question => ({
  id, type: 'rating', scale: SCALE_4.id, criterion: true, required: true, label: { vi, en },
  // The administrative-procedures block is asked only of people who dealt with the police this year.
  ...(id === 'tieu_chi_7' ? { relevant: "${da_lam_viec} = 'co'", required: false } : {}),
  ...(id === 'tieu_chi_9' ? { headline: true } : {}),
});

export function defaultQuestionnaire(): Questionnaire {
  return {
    title: { vi: 'Phiếu lấy ý kiến đánh giá sự hài lòng của Nhân dân đối với lực lượng Công an', en: "Survey of people's satisfaction with the police" },
    intro: {
      vi: 'Phiếu không ghi tên. Xin ông/bà cho biết mức độ hài lòng với từng nội dung dưới đây.',
      en: 'This form is anonymous. Please tell us how satisfied you are with each item below.',
    },
    scales: [SCALE_4],
    sections: [
      {
        id: 'chung', title: { vi: 'Thông tin chung', en: 'About you' },
        questions: [{
          id: 'da_lam_viec', type: 'single', required: true, demographic: true,
          label: { vi: 'Trong năm nay, ông/bà có liên hệ làm việc với Công an không?', en: 'Have you dealt with the police this year?' },
          choices: [choice('co', 'Có', 'Yes'), choice('khong', 'Không', 'No')],
        }],
      },
      { id: 'danh_gia', title: { vi: 'Đánh giá', en: 'Your assessment' }, questions: CRITERIA.map(criterion) },
      {
        id: 'y_kien', title: { vi: 'Ý kiến khác', en: 'Other comments' },
        questions: [{ id: 'gop_y', type: 'long_text', required: false, label: { vi: 'Ý kiến, kiến nghị của ông/bà', en: 'Your comments and suggestions' } }],
      },
      {
        id: 'nhan_khau', title: { vi: 'Thông tin thêm (không bắt buộc)', en: 'More about you (optional)' },
        questions: [
          { id: 'do_tuoi', type: 'single', required: false, demographic: true, label: { vi: 'Độ tuổi', en: 'Age' },
            choices: [choice('duoi_30', 'Dưới 30', 'Under 30'), choice('30_45', '30–45', '30–45'), choice('46_60', '46–60', '46–60'), choice('tren_60', 'Trên 60', 'Over 60')] },
          { id: 'gioi_tinh', type: 'single', required: false, demographic: true, label: { vi: 'Giới tính', en: 'Gender' },
            choices: [choice('nam', 'Nam', 'Male'), choice('nu', 'Nữ', 'Female'), choice('khac', 'Khác', 'Other')] },
          { id: 'nghe_nghiep', type: 'single', required: false, demographic: true, label: { vi: 'Nghề nghiệp', en: 'Occupation' },
            choices: [choice('nong_dan', 'Nông dân', 'Farmer'), choice('cong_nhan', 'Công nhân', 'Worker'), choice('can_bo', 'Cán bộ, công chức', 'Civil servant'),
              choice('kinh_doanh', 'Kinh doanh', 'Business'), choice('hoc_sinh', 'Học sinh, sinh viên', 'Student'), choice('huu_tri', 'Hưu trí', 'Retired'), choice('khac', 'Khác', 'Other')] },
        ],
      },
    ],
  };
}
