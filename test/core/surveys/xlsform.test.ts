import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { exportXlsForm, importXlsForm, type XlsIssue } from '../../../src/core/surveys/xlsform.ts';
import { checkQuestionnaire, type Choice, type LocalText, type Question, type QuestionType, type Questionnaire, type Scale } from '../../../src/core/surveys/questionnaire.ts';
import { defaultQuestionnaire } from '../../../src/core/surveys/template.ts';
import vi from '../../../src/i18n/vi.json' with { type: 'json' };
import en from '../../../src/i18n/en.json' with { type: 'json' };

type Cell = string | number | boolean | null;

/** Builds an .xlsx from sheets of rows (first row = headers). */
async function xlsx(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const VI = 'label::Vietnamese (vi)';
const EN = 'label::English (en)';
const SETTINGS: Cell[][] = [['form_title', 'form_id', 'version', 'default_language'], ['Phiếu thử', 'thu', '1', 'Vietnamese (vi)']];
const YES_NO: Cell[][] = [['list_name', 'name', VI, EN], ['co_khong', 'co', 'Có', 'Yes'], ['co_khong', 'khong', 'Không', 'No']];

/** A minimal valid form with extra survey rows and columns, to test one construct at a time. */
async function form(survey: Cell[][], opts: { choices?: Cell[][]; settings?: Cell[][] | null } = {}): Promise<Buffer> {
  return xlsx({ survey, choices: opts.choices ?? YES_NO, ...(opts.settings === null ? {} : { settings: opts.settings ?? SETTINGS }) });
}

const catalogued = (issues: XlsIssue[]) => issues.filter((i) => !(i.key in vi) || !(i.key in en)).map((i) => i.key);

describe('importXlsForm: a realistic KoboToolbox form', () => {
  const kobo = () => xlsx({
    survey: [
      ['type', 'name', VI, EN, 'hint::Vietnamese (vi)', 'hint::English (en)', 'required', 'relevant', 'constraint', 'appearance', 'langnghe_criterion', 'langnghe_demographic', '$kuid'],
      ['start', 'start', null, null, null, null, null, null, null, null, null, null, 'k1'],
      ['end', 'end', null, null, null, null, null, null, null, null, null, null, 'k2'],
      ['begin_group', 'thong_tin', 'Thông tin chung', 'About you', null, null, null, null, null, 'field-list', null, null, 'k3'],
      ['select_one co_khong', 'da_lam_viec', 'Ông/bà đã làm việc với Công an chưa?', 'Have you dealt with the police?', null, null, 'yes', null, null, null, null, 'yes', 'k4'],
      ['select_multiple kenh', 'kenh', 'Qua kênh nào?', 'Through which channel?', 'Chọn tất cả', 'Choose all', 'true', "${da_lam_viec} = 'co'", null, 'minimal', null, null, 'k5'],
      ['integer', 'tuoi', 'Tuổi', 'Age', null, null, null, null, '. >= 18 and . <= 120', null, null, 'yes', 'k6'],
      ['end_group', null, null, null, null, null, null, null, null, null, null, null, 'k7'],
      ['begin group', 'danh_gia', 'Đánh giá', 'Assessment', null, null, null, "${da_lam_viec} = 'co'", null, null, null, null, 'k8'],
      ['select_one hai_long', 'tc_1', 'Thái độ của cán bộ', "Officers' attitude", null, null, 'yes', null, null, 'likert', 'yes', null, 'k9'],
      ['select_one hai_long', 'tc_2', 'Thời gian giải quyết', 'Time taken', null, null, 'yes', null, null, 'likert', 'yes', null, 'k10'],
      ['text', 'gop_y', 'Góp ý', 'Comments', null, null, 'no', "selected(${kenh}, 'truc_tiep') or ${tuoi} > 60", 'string-length(.) <= 500', 'multiline', null, null, 'k11'],
      ['note', 'cam_on', 'Xin cảm ơn!', 'Thank you!', null, null, null, null, null, null, null, null, 'k12'],
      ['end group', null, null, null, null, null, null, null, null, null, null, null, 'k13'],
    ],
    choices: [
      ['list_name', 'name', VI, EN, 'langnghe_satisfied', 'langnghe_no_opinion'],
      ['co_khong', 'co', 'Có', 'Yes', null, null],
      ['co_khong', 'khong', 'Không', 'No', null, null],
      ['kenh', 'truc_tiep', 'Trực tiếp', 'In person', null, null],
      ['kenh', 'dien_thoai', 'Điện thoại', 'Phone', null, null],
      ['hai_long', '3', 'Hài lòng', 'Satisfied', 'yes', null],
      ['hai_long', '2', 'Bình thường', 'Neutral', null, null],
      ['hai_long', '1', 'Không hài lòng', 'Dissatisfied', null, null],
      ['hai_long', '0', 'Không có ý kiến', 'No opinion', null, 'yes'],
      ['khong_dung', 'a', 'A', null, null, null],
      ['khong_dung', 'b', 'B', null, null, null],
    ],
    settings: [
      ['form_title', 'form_id', 'version', 'default_language', 'langnghe_title_en', 'style'],
      ['Phiếu khảo sát xã Thiệu Hóa', 'ks_thieu_hoa', '2025110101', 'Vietnamese (vi)', 'Thiệu Hóa commune survey', 'pages'],
    ],
  });

  it('reads groups, selects, conditions, constraints and the scale convention', async () => {
    const r = await importXlsForm(await kobo());
    expect(r.issues).toEqual([]);
    const q = r.questionnaire!;
    expect(q.title).toEqual({ vi: 'Phiếu khảo sát xã Thiệu Hóa', en: 'Thiệu Hóa commune survey' });
    expect(q.scales).toEqual([{
      id: 'hai_long',
      levels: [{ code: '3', label: { vi: 'Hài lòng', en: 'Satisfied' } }, { code: '2', label: { vi: 'Bình thường', en: 'Neutral' } }, { code: '1', label: { vi: 'Không hài lòng', en: 'Dissatisfied' } }],
      satisfied: ['3'],
      noOpinion: { code: '0', label: { vi: 'Không có ý kiến', en: 'No opinion' } },
    }]);
    expect(q.sections.map((s) => [s.id, s.title.vi, s.questions.map((x) => `${x.id}:${x.type}`)])).toEqual([
      ['thong_tin', 'Thông tin chung', ['da_lam_viec:single', 'kenh:multiple', 'tuoi:integer']],
      ['danh_gia', 'Đánh giá', ['tc_1:rating', 'tc_2:rating', 'gop_y:long_text', 'cam_on:note']],
    ]);
    const [info, assess] = q.sections;
    expect(info!.questions[0]).toStrictEqual({ id: 'da_lam_viec', type: 'single', required: true, demographic: true, label: { vi: 'Ông/bà đã làm việc với Công an chưa?', en: 'Have you dealt with the police?' },
      choices: [{ code: 'co', label: { vi: 'Có', en: 'Yes' } }, { code: 'khong', label: { vi: 'Không', en: 'No' } }] });
    expect(info!.questions[1]).toMatchObject({ hint: { vi: 'Chọn tất cả', en: 'Choose all' }, required: true, relevant: "${da_lam_viec} = 'co'" });
    expect(info!.questions[2]).toMatchObject({ min: 18, max: 120, demographic: true, required: false });
    expect(assess!.questions[0]).toStrictEqual({ id: 'tc_1', type: 'rating', scale: 'hai_long', criterion: true, required: true, relevant: "${da_lam_viec} = 'co'", label: { vi: 'Thái độ của cán bộ', en: "Officers' attitude" } });
    // The group's condition is joined to the question's own.
    expect(assess!.questions[2]).toMatchObject({ maxLength: 500, relevant: "(${da_lam_viec} = 'co') and (selected(${kenh}, 'truc_tiep') or ${tuoi} > 60)" });
    expect(checkQuestionnaire(q)).toEqual({});
  });

  it('warns about everything it leaves out, by sheet, row and column', async () => {
    const r = await importXlsForm(await kobo());
    const w = r.warnings.map((x) => [x.sheet, x.row, x.column, x.key, x.params]);
    expect(w).toEqual(expect.arrayContaining([
      ['survey', 2, 'type', 'xlsform.metadata_ignored', { type: 'start' }],
      ['survey', 3, 'type', 'xlsform.metadata_ignored', { type: 'end' }],
      ['survey', 2, '$kuid', 'xlsform.column_ignored', { column: '$kuid', count: 13 }],
      ['survey', 4, 'appearance', 'xlsform.appearance_ignored', { appearance: 'field-list', count: 1 }],
      ['survey', 6, 'appearance', 'xlsform.appearance_ignored', { appearance: 'minimal', count: 1 }],
      ['survey', 10, 'appearance', 'xlsform.appearance_ignored', { appearance: 'likert', count: 2 }],
      ['choices', 10, 'list_name', 'xlsform.unused_list', { list: 'khong_dung' }],
      ['settings', 2, 'style', 'xlsform.column_ignored', { column: 'style', count: 1 }],
    ]));
    expect(r.warnings).toHaveLength(8);
    expect(catalogued(r.warnings)).toEqual([]);
  });

  it('accepts label::vi / label::en, a plain label in the default language, Kobo $autoname and langnghe:: spellings', async () => {
    const r = await importXlsForm(await xlsx({
      survey: [['type', '$autoname', 'label', 'label::en', 'langnghe::criterion'], ['select_one s', 'q1', 'Câu một', 'One', 'yes']],
      choices: [['list_name', 'name', 'label::vi', 'label::English', 'langnghe::satisfied'], ['s', 'a', 'Tốt', 'Good', 'yes'], ['s', 'b', 'Vừa', 'Fair', null], ['s', 'c', 'Kém', 'Poor', 'no']],
      settings: [['form_title'], ['Phiếu']],
    }));
    expect(r.issues).toEqual([]);
    expect(r.questionnaire!.sections).toEqual([{ id: 'phan_1', title: { vi: 'Phiếu' }, questions: [{ id: 'q1', type: 'rating', scale: 's', criterion: true, required: false, label: { vi: 'Câu một', en: 'One' } }] }]);
    expect(r.questionnaire!.scales[0]).toMatchObject({ satisfied: ['a'], noOpinion: null });
  });

  it('takes an English default language for plain label columns, and then needs Vietnamese ones', async () => {
    const r = await importXlsForm(await xlsx({
      survey: [['type', 'name', 'label', 'label::Tiếng Việt (vi)', 'label::Français (fr)'], ['text', 'a', 'Name', 'Tên', 'Nom'], ['text', 'b', 'Age', null, 'Âge']],
      settings: [['form_title', 'langnghe_title_vi', 'default_language'], ['Survey', 'Phiếu', 'English (en)']],
    }));
    expect(r.questionnaire).toBeUndefined();
    expect(r.issues).toEqual([{ sheet: 'survey', row: 3, column: 'label::Tiếng Việt (vi)', key: 'xlsform.missing_label' }]);
    expect(r.warnings).toEqual([{ sheet: 'survey', row: 2, column: 'label::Français (fr)', key: 'xlsform.language_ignored', params: { language: 'Français (fr)' } }]);
  });
});

describe('exportXlsForm', () => {
  it('round-trips the default questionnaire exactly', async () => {
    const q = defaultQuestionnaire();
    const r = await importXlsForm(await exportXlsForm(q));
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.questionnaire).toStrictEqual(q);
  });

  it('writes the three XLSForm sheets with both language columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exportXlsForm(defaultQuestionnaire(), { formId: 'ks_2026', version: '3' }) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings']);
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as Cell[]).slice(1);
    expect(header('survey')).toEqual(['type', 'name', VI, EN, 'hint::Vietnamese (vi)', 'hint::English (en)', 'required', 'relevant', 'constraint', 'appearance', 'langnghe_criterion', 'langnghe_headline', 'langnghe_demographic']);
    expect(header('choices')).toEqual(['list_name', 'name', VI, EN, 'langnghe_satisfied', 'langnghe_no_opinion']);
    expect((wb.getWorksheet('settings')!.getRow(2).values as Cell[]).slice(1, 5)).toEqual(['Phiếu lấy ý kiến đánh giá sự hài lòng của Nhân dân đối với lực lượng Công an', 'ks_2026', '3', 'Vietnamese (vi)']);
    const survey = wb.getWorksheet('survey')!;
    expect((survey.getRow(2).values as Cell[]).slice(1, 3)).toEqual(['begin group', 'chung']);
    expect((survey.getRow(6).values as Cell[]).slice(1, 3)).toEqual(['select_one hai_long_4', 'tieu_chi_1']);
  });

  it('round-trips random valid questionnaires (property)', async () => {
    await fc.assert(fc.asyncProperty(questionnaireArb, async (q) => {
      expect(checkQuestionnaire(q)).toEqual({});
      const r = await importXlsForm(await exportXlsForm(q));
      expect(r.issues).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.questionnaire).toStrictEqual(q);
    }), { numRuns: 50 });
  });
});

describe('importXlsForm: what it refuses, and where', () => {
  const H = ['type', 'name', VI, EN, 'required', 'relevant', 'constraint'];
  const q1: Cell[] = ['select_one co_khong', 'q1', 'Câu 1', 'Q1', 'yes', null, null];
  const cases: [string, () => Promise<Buffer>, Partial<XlsIssue>][] = [
    ['geopoint', () => form([H, q1, ['geopoint', 'vi_tri', 'Vị trí']]), { sheet: 'survey', row: 3, column: 'type', key: 'xlsform.unsupported_type', params: { type: 'geopoint' } }],
    ['calculate', () => form([[...H, 'calculation'], q1, ['calculate', 'tong', null, null, null, null, null, '1 + 1']]), { row: 3, column: 'type', key: 'xlsform.unsupported_type' }],
    ['a calculation column', () => form([[...H, 'calculation'], q1, ['calculate', 'tong', null, null, null, null, null, '1 + 1']]), { row: 3, column: 'calculation', key: 'xlsform.unsupported_column' }],
    ['begin repeat', () => form([H, q1, ['begin repeat', 'nguoi', 'Người'], ['text', 'ten', 'Tên'], ['end repeat']]), { row: 3, column: 'type', key: 'xlsform.unsupported_type', params: { type: 'begin repeat' } }],
    ['select_one_from_file', () => form([H, q1, ['select_one_from_file xa.csv', 'xa', 'Xã']]), { row: 3, column: 'type', key: 'xlsform.unsupported_type' }],
    ['or_other', () => form([H, ['select_one co_khong or_other', 'q1', 'Câu 1']]), { row: 2, column: 'type', key: 'xlsform.unsupported_type' }],
    ['an unknown list', () => form([H, q1, ['select_one khong_co', 'q2', 'Câu 2']]), { row: 3, column: 'type', key: 'xlsform.unknown_list', params: { list: 'khong_co' } }],
    ['a duplicate name', () => form([H, q1, ['text', 'q1', 'Lần nữa']]), { row: 3, column: 'name', key: 'xlsform.duplicate_name', params: { name: 'q1', first: 2 } }],
    ['a missing name', () => form([H, q1, ['text', null, 'Không tên']]), { row: 3, column: 'name', key: 'xlsform.missing_name' }],
    ['an invalid name', () => form([H, q1, ['text', 'câu-2', 'Câu 2']]), { row: 3, column: 'name', key: 'survey.bad_id' }],
    ['a missing label', () => form([H, q1, ['text', 'q2', null, 'Only English']]), { row: 3, column: VI, key: 'xlsform.missing_label' }],
    ['a row without type', () => form([H, q1, [null, 'q2', 'Câu 2']]), { row: 3, column: 'type', key: 'xlsform.missing_type' }],
    ['an unbalanced end group', () => form([H, q1, ['end group']]), { row: 3, column: 'type', key: 'xlsform.unbalanced_end' }],
    ['an unclosed group', () => form([H, ['begin group', 'g', 'Nhóm'], q1]), { row: 2, column: 'type', key: 'xlsform.unclosed_group' }],
    ['a nested group', () => form([H, ['begin group', 'g', 'Nhóm'], ['begin group', 'h', 'Nhóm con'], q1, ['end group'], ['end group']]), { row: 3, column: 'type', key: 'xlsform.nested_group' }],
    ['a group without label', () => form([H, ['begin group', 'g'], q1, ['end group']]), { row: 2, column: VI, key: 'xlsform.missing_label' }],
    ['a relevant on a later question', () => form([H, ['text', 'q0', 'Câu 0', null, null, "${q1} = 'co'"], q1]), { row: 2, column: 'relevant', key: 'xlsform.relevant_later', params: { name: 'q1' } }],
    ['a relevant on no question', () => form([H, q1, ['text', 'q2', 'Câu 2', null, null, "${q9} = 'co'"]]), { row: 3, column: 'relevant', key: 'survey.relevant_unknown', params: { name: 'q9' } }],
    ['a relevant that does not parse', () => form([H, q1, ['text', 'q2', 'Câu 2', null, null, "${q1} = 'co"]]), { row: 3, column: 'relevant', key: 'expr.unclosed_string', params: { at: 9 } }],
    ['an unsupported function', () => form([H, q1, ['text', 'q2', 'Câu 2', null, null, 'count-selected(${q1}) > 1']]), { row: 3, column: 'relevant', key: 'expr.unsupported_function', params: { at: 1 } }],
    ['a required expression', () => form([H, q1, ['text', 'q2', 'Câu 2', null, "${q1} = 'co'"]]), { row: 3, column: 'required', key: 'xlsform.bad_boolean' }],
    ['an unsupported constraint', () => form([H, q1, ['integer', 'q2', 'Câu 2', null, null, null, '. != 13']]), { row: 3, column: 'constraint', key: 'xlsform.constraint_unsupported' }],
    ['a constraint on a select', () => form([H, ['select_one co_khong', 'q1', 'Câu 1', null, null, null, ". != 'co'"]]), { row: 2, column: 'constraint', key: 'xlsform.constraint_unsupported' }],
    ['a choice_filter', () => form([[...H, 'choice_filter'], ['select_one co_khong', 'q1', 'Câu 1', null, null, null, null, "name != 'co'"]]), { row: 2, column: 'choice_filter', key: 'xlsform.unsupported_column' }],
    ['a multiple choice on a scale', () => form([H, ['select_multiple s', 'q1', 'Câu 1']], { choices: [['list_name', 'name', VI, 'langnghe_satisfied'], ['s', '3', 'Tốt', 'yes'], ['s', '2', 'Vừa'], ['s', '1', 'Kém']] }), { row: 2, column: 'type', key: 'xlsform.scale_multiple', params: { list: 's' } }],
    ['a scale of two levels', () => form([H, ['select_one s', 'q1', 'Câu 1']], { choices: [['list_name', 'name', VI, 'langnghe_satisfied'], ['s', '2', 'Tốt', 'yes'], ['s', '1', 'Kém']] }), { sheet: 'choices', row: 2, column: 'name', key: 'survey.scale_levels' }],
    ['two no-opinion choices', () => form([H, ['select_one s', 'q1', 'Câu 1']], { choices: [['list_name', 'name', VI, 'langnghe_satisfied', 'langnghe_no_opinion'], ['s', '3', 'Tốt', 'yes'], ['s', '2', 'Vừa'], ['s', '1', 'Kém'], ['s', '8', 'KYK', null, 'yes'], ['s', '9', 'KAD', null, 'yes']] }), { sheet: 'choices', row: 6, column: 'langnghe_no_opinion', key: 'xlsform.no_opinion_twice' }],
    ['a duplicate choice', () => form([H, q1], { choices: [...YES_NO, ['co_khong', 'co', 'Có nữa']] }), { sheet: 'choices', row: 4, column: 'name', key: 'xlsform.duplicate_choice', params: { name: 'co', list: 'co_khong' } }],
    ['an invalid choice code', () => form([H, q1], { choices: [...YES_NO, ['co_khong', 'mã có dấu', 'Khác']] }), { sheet: 'choices', row: 4, column: 'name', key: 'xlsform.bad_choice_name' }],
    ['a choice without label', () => form([H, q1], { choices: [...YES_NO, ['co_khong', 'khac']] }), { sheet: 'choices', row: 4, column: VI, key: 'xlsform.missing_label' }],
    ['a single choice', () => form([H, ['select_one mot', 'q1', 'Câu 1']], { choices: [['list_name', 'name', VI], ['mot', 'a', 'A']] }), { sheet: 'survey', row: 2, column: 'type', key: 'survey.choices_needed' }],
    ['an empty survey sheet', () => form([H]), { sheet: 'survey', key: 'xlsform.empty_survey' }],
    ['a survey of metadata only', () => form([H, ['start', 'start'], ['end', 'end']]), { sheet: 'survey', row: 2, key: 'xlsform.empty_survey' }],
    ['a survey sheet without type column', () => form([['name', VI], ['q1', 'Câu 1']]), { sheet: 'survey', row: 1, column: 'type', key: 'xlsform.missing_column' }],
    ['a missing survey sheet', () => xlsx({ choices: YES_NO, settings: SETTINGS }), { sheet: 'survey', row: 1, key: 'xlsform.missing_sheet', params: { sheet: 'survey' } }],
    ['a missing settings sheet', () => form([H, q1], { settings: null }), { sheet: 'settings', row: 1, key: 'xlsform.missing_sheet', params: { sheet: 'settings' } }],
    ['a missing choices sheet', () => xlsx({ survey: [H, q1], settings: SETTINGS }), { sheet: 'choices', row: 1, key: 'xlsform.missing_sheet' }],
    ['a missing title', () => form([H, q1], { settings: [['form_id'], ['x']] }), { sheet: 'settings', row: 2, column: 'form_title', key: 'xlsform.missing_title' }],
    ['a choices sheet without list_name', () => form([H, q1], { choices: [['name', VI], ['co', 'Có']] }), { sheet: 'choices', row: 1, column: 'list_name', key: 'xlsform.missing_column' }],
  ];
  it.each(cases)('reports %s', async (_name, build, expected) => {
    const r = await importXlsForm(await build());
    expect(r.questionnaire).toBeUndefined();
    expect(r.issues).toContainEqual(expect.objectContaining(expected));
    expect(catalogued([...r.issues, ...r.warnings])).toEqual([]);
  });

  it('reports a file that is not an xlsx, an old .xls, a truncated one and a zip bomb', async () => {
    const notXlsx = await importXlsForm(Buffer.from('type,name,label\ntext,a,A\n'));
    expect(notXlsx).toEqual({ issues: [{ sheet: '', row: 0, key: 'xlsform.not_xlsx' }], warnings: [] });
    const ole = Buffer.alloc(512);
    ole.writeUInt32BE(0xd0cf11e0, 0);
    expect((await importXlsForm(ole)).issues).toEqual([{ sheet: '', row: 0, key: 'xlsform.old_xls' }]);
    const good = await exportXlsForm(defaultQuestionnaire());
    expect((await importXlsForm(good.subarray(0, good.length >> 1))).issues).toEqual([{ sheet: '', row: 0, key: 'xlsform.not_xlsx' }]);
    const bomb = Buffer.from(good);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(60 * 1024 * 1024, central + 24);
    expect((await importXlsForm(bomb)).issues).toEqual([{ sheet: '', row: 0, key: 'xlsform.too_large', params: { max: 50 } }]);
  });

  it('caps the survey at 2,000 rows', async () => {
    const rows: Cell[][] = [H, ...Array.from({ length: 2001 }, (_, i): Cell[] => ['text', `q${i}`, `Câu ${i}`])];
    const r = await importXlsForm(await form(rows));
    expect(r.issues).toEqual([{ sheet: 'survey', row: 2002, key: 'xlsform.too_many_rows', params: { max: 2000 } }]);
  });

  it('reports every issue at once, not just the first', async () => {
    const r = await importXlsForm(await form([H, ['geopoint', 'a', 'A'], ['text', 'b'], ['select_one x', 'c', 'C']]));
    expect(r.issues.map((i) => [i.row, i.key])).toEqual([[2, 'xlsform.unsupported_type'], [3, 'xlsform.missing_label'], [4, 'xlsform.unknown_list']]);
  });
});

// --- Random valid questionnaires -------------------------------------------------------------------------------

const word = fc.constantFrom('Công an', 'hài lòng', 'Nhân dân', 'thủ tục', 'xã', 'Đánh giá', 'ý kiến', 'the', 'police', '"quoted"', "it's", '=1+1', '12', 'yes', '<b>&amp;');
const text = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 8 })).map(([ws, s]) => `${ws.join(' ')} ${s}`.normalize('NFC').trim());
const localText: fc.Arbitrary<LocalText> = fc.record({ vi: text, en: text }, { requiredKeys: ['vi'], noNullPrototype: true });
const code = fc.stringMatching(/^[A-Za-z0-9_.-]{1,6}$/);
const choices = (min: number, max: number): fc.Arbitrary<Choice[]> => fc.uniqueArray(code, { minLength: min, maxLength: max }).map((cs) => cs.map((c) => ({ code: c }))).chain((cs) =>
  fc.tuple(...cs.map(() => localText)).map((labels) => cs.map((c, i) => ({ code: c.code, label: labels[i]! }))));
const prefix = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);

const scaleArb = (id: string): fc.Arbitrary<Scale> => fc.tuple(choices(4, 6), fc.boolean(), fc.integer({ min: 1, max: 5 })).map(([cs, withNo, nSat]) => {
  const levels = withNo ? cs.slice(0, -1) : cs.slice(0, 5);
  return { id, levels, satisfied: levels.slice(0, Math.min(nSat, levels.length)).map((l) => l.code), noOpinion: withNo ? cs[cs.length - 1]! : null };
});

interface QSpec { type: QuestionType; label: LocalText; hint?: LocalText; required: boolean; criterion: boolean; demographic: boolean; choices: Choice[]; rel: number | null; scale: number; lim: [number | null, number | null] }
const qspec: fc.Arbitrary<QSpec> = fc.record({
  type: fc.constantFrom<QuestionType>('single', 'multiple', 'rating', 'text', 'long_text', 'integer', 'decimal', 'note'),
  label: localText, hint: fc.option(localText, { nil: undefined }), required: fc.boolean(), criterion: fc.boolean(), demographic: fc.boolean(),
  choices: choices(2, 5), rel: fc.option(fc.nat(), { nil: null }), scale: fc.nat(),
  lim: fc.tuple(fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }), fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null })),
}, { requiredKeys: ['type', 'label', 'required', 'criterion', 'demographic', 'choices', 'rel', 'scale', 'lim'], noNullPrototype: true });

const questionnaireArb: fc.Arbitrary<Questionnaire> = fc.record({
  title: localText, intro: fc.option(localText, { nil: undefined }), prefix, nScales: fc.integer({ min: 1, max: 2 }),
  sections: fc.array(fc.record({ title: localText, questions: fc.array(qspec, { maxLength: 5 }) }, { noNullPrototype: true }), { minLength: 1, maxLength: 3 }),
  first: qspec,
}, { requiredKeys: ['title', 'prefix', 'nScales', 'sections', 'first'], noNullPrototype: true }).chain((g) =>
  // Scale ids share the questions' prefix, so list names collide with question ids and export must rename lists.
  fc.tuple(...Array.from({ length: g.nScales }, (_, i) => scaleArb(`${g.prefix}_${i}`))).map((scales) => {
    const specs = [g.first, ...g.sections.flatMap((s) => s.questions)];
    const ids = specs.map((_, i) => `${g.prefix}_${i}`);
    let n = 0;
    const question = (s: QSpec): Question => {
      const i = n++;
      const q: Question = { id: ids[i]!, type: s.type, label: s.label, required: s.required };
      if (s.hint) q.hint = s.hint;
      if (s.type === 'single' || s.type === 'multiple') q.choices = s.choices;
      if (s.type === 'rating') q.scale = scales[s.scale % scales.length]!.id;
      if (s.criterion) q.criterion = true;
      if (s.demographic) q.demographic = true;
      if (s.rel !== null && i > 0) {
        const ref = specs[s.rel % i]!;
        const refId = ids[s.rel % i]!;
        q.relevant = ref.type === 'multiple' ? `selected(\${${refId}}, '${ref.choices[0]!.code}')` : ref.type === 'integer' ? `\${${refId}} >= 3 or not(\${${refId}} = 7)` : `\${${refId}} != 'x y'`;
      }
      const [a, b] = s.lim;
      if ((s.type === 'integer' || s.type === 'decimal') && a !== null) q.min = a;
      if ((s.type === 'integer' || s.type === 'decimal') && b !== null) q.max = s.type === 'integer' ? Math.round(b) + 100 : b + 100;
      if ((s.type === 'text' || s.type === 'long_text') && b !== null) q.maxLength = Math.round(b) + 1;
      return q;
    };
    const sections = [{ id: `${g.prefix}_s0`, title: g.title, questions: [question(g.first)] }, ...g.sections.map((s, i) => ({ id: `${g.prefix}_s${i + 1}`, title: s.title, questions: s.questions.map(question) }))];
    return { title: g.title, ...(g.intro ? { intro: g.intro } : {}), scales, sections };
  }));
