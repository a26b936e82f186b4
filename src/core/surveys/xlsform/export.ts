// Questionnaire -> XLSForm (.xlsx) that ODK and KoboToolbox tools open, and that importXlsForm reads back to an
// equal questionnaire: sections as groups, scales as choice lists marked with langnghe_satisfied / langnghe_no_opinion.
import ExcelJS from 'exceljs';
import type { Choice, LocalText, Question, Questionnaire } from '../questionnaire.ts';
import { COL, DEFAULT_LANGUAGE, LANG_HEADER, SHEETS, formatConstraint } from './convention.ts';

export interface XlsExportOptions {
  /** ODK's form_id (default `langnghe`). */
  formId?: string;
  /** ODK's version string (left out by default). */
  version?: string;
}

const both = (base: string) => [`${base}::${LANG_HEADER.vi}`, `${base}::${LANG_HEADER.en}`];
const SURVEY = [COL.type, COL.name, ...both(COL.label), ...both(COL.hint), COL.required, COL.relevant, COL.constraint, COL.appearance, COL.criterion, COL.headline, COL.demographic];
const CHOICES = [COL.listName, COL.name, ...both(COL.label), COL.satisfied, COL.noOpinion];
const SETTINGS = [COL.formTitle, COL.formId, COL.version, COL.defaultLanguage, COL.titleEn, COL.introVi, COL.introEn];

type Cells = Record<string, string | undefined>;
const yes = (b: boolean | undefined) => (b ? 'yes' : undefined);
const texts = (base: string, t: LocalText | undefined): Cells => ({ [`${base}::${LANG_HEADER.vi}`]: t?.vi, [`${base}::${LANG_HEADER.en}`]: t?.en });

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cells[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, key: h, width: /label|hint|title|intro|relevant/.test(h) ? 40 : 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(headers.map((h) => (r[h] === undefined || r[h] === '' ? null : r[h])));
}

function questionRow(q: Question, list: string | undefined): Cells {
  const type = q.type === 'single' ? `select_one ${list}` : q.type === 'multiple' ? `select_multiple ${list}`
    : q.type === 'rating' ? `select_one ${q.scale}` : q.type === 'long_text' ? 'text' : q.type;
  return {
    [COL.type]: type, [COL.name]: q.id, ...texts(COL.label, q.label), ...texts(COL.hint, q.hint),
    [COL.required]: yes(q.required), [COL.relevant]: q.relevant,
    [COL.constraint]: formatConstraint({ min: q.min, max: q.max, maxLength: q.maxLength }),
    [COL.appearance]: q.type === 'long_text' ? 'multiline' : undefined,
    [COL.criterion]: yes(q.criterion), [COL.headline]: yes(q.headline), [COL.demographic]: yes(q.demographic),
  };
}

/** Writes the questionnaire as an XLSForm workbook with sheets survey, choices and settings. */
export async function exportXlsForm(q: Questionnaire, opts: XlsExportOptions = {}): Promise<Buffer> {
  const survey: Cells[] = [];
  const choices: Cells[] = [];
  const choiceRow = (list: string, c: Choice, extra: Cells = {}): Cells => ({ [COL.listName]: list, [COL.name]: c.code, ...texts(COL.label, c.label), ...extra });
  const listNames = new Set<string>();
  for (const s of q.scales) {
    listNames.add(s.id);
    for (const level of s.levels) choices.push(choiceRow(s.id, level, { [COL.satisfied]: yes(s.satisfied.includes(level.code)) }));
    if (s.noOpinion) choices.push(choiceRow(s.id, s.noOpinion, { [COL.noOpinion]: 'yes' }));
  }
  for (const section of q.sections) {
    survey.push({ [COL.type]: 'begin group', [COL.name]: section.id, ...texts(COL.label, section.title) });
    for (const question of section.questions) {
      let list: string | undefined;
      if (question.type === 'single' || question.type === 'multiple') {
        // Each question gets its own list, named after it unless a scale or earlier list took the name.
        list = question.id;
        for (let n = 2; listNames.has(list); n++) list = `${question.id}_${n}`;
        listNames.add(list);
        for (const c of question.choices ?? []) choices.push(choiceRow(list, c));
      }
      survey.push(questionRow(question, list));
    }
    survey.push({ [COL.type]: 'end group' });
  }
  const wb = new ExcelJS.Workbook();
  sheet(wb, SHEETS.survey, SURVEY, survey);
  sheet(wb, SHEETS.choices, CHOICES, choices);
  sheet(wb, SHEETS.settings, SETTINGS, [{
    [COL.formTitle]: q.title.vi, [COL.formId]: opts.formId ?? 'langnghe', [COL.version]: opts.version, [COL.defaultLanguage]: DEFAULT_LANGUAGE,
    [COL.titleEn]: q.title.en, [COL.introVi]: q.intro?.vi, [COL.introEn]: q.intro?.en,
  }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
