// XLSForm (.xlsx from ODK / KoboToolbox tools) -> Questionnaire, all or nothing: any issue and no questionnaire.
// Warnings name what was left out on purpose (device metadata, layout hints, other languages) without blocking.
import { checkQuestionnaire, CODE, type LocalText, type Questionnaire, type Scale } from '../questionnaire.ts';
import { COL, LIMITS, SHEETS, langCode, parseBool, type XlsIssue } from './convention.ts';
import { Columns, Report, localText } from './columns.ts';
import { readSurvey, type ChoiceList, type SurveyRows } from './survey.ts';
import { readTable, readWorkbook, type Table } from './workbook.ts';

export interface XlsImport {
  questionnaire?: Questionnaire;
  issues: XlsIssue[];
  warnings: XlsIssue[];
}


function readSettings(table: Table, report: Report): { title: LocalText; intro?: LocalText; defaultLang: string } {
  const cols = new Columns(table, 'vi', [], [COL.formTitle, COL.formId, COL.version, COL.defaultLanguage, COL.titleVi, COL.titleEn, COL.introVi, COL.introEn], report);
  const [row, ...extra] = table.rows;
  if (extra.length) report.warn(table.name, extra[0]!.row, undefined, 'xlsform.extra_settings_rows');
  const get = (base: string) => (row ? cols.text(row, base) : '');
  const defaultLang = langCode(get(COL.defaultLanguage) || undefined, 'vi');
  const title = {
    vi: get(COL.titleVi) || (defaultLang === 'vi' ? get(COL.formTitle) : ''),
    en: get(COL.titleEn) || (defaultLang === 'en' ? get(COL.formTitle) : ''),
  };
  if (!title.vi) report.error(table.name, row?.row ?? 2, cols.has(COL.titleVi) ? COL.titleVi : COL.formTitle, 'xlsform.missing_title');
  const intro = { vi: get(COL.introVi), en: get(COL.introEn) };
  if (intro.en && !intro.vi) report.error(table.name, row?.row ?? 2, COL.introVi, 'xlsform.missing_vietnamese');
  return { title: localText(title), ...(intro.vi ? { intro: localText(intro) } : {}), defaultLang };
}

function readChoices(table: Table, defaultLang: string, report: Report): { lists: Map<string, ChoiceList>; scales: { scale: Scale; row: number }[] } {
  const cols = new Columns(table, defaultLang, ['label'], [COL.listName, COL.name, '$autovalue', COL.satisfied, COL.noOpinion], report);
  const lists = new Map<string, ChoiceList & { marks: { satisfied: boolean; noOpinion: boolean; row: number }[] }>();
  const hasName = cols.has(COL.name) || cols.has('$autovalue');
  for (const base of [COL.listName, COL.name, 'label']) if (!cols.has(base) && !(base === COL.name && hasName)) report.error(table.name, 1, base, 'xlsform.missing_column', { column: base });
  if (!cols.has(COL.listName) || !hasName) return { lists: new Map(), scales: [] };
  const h = { list: cols.header(COL.listName), name: cols.header(COL.name), label: cols.header('label', 'vi'), satisfied: cols.header(COL.satisfied), noOpinion: cols.header(COL.noOpinion) };
  for (const r of table.rows) {
    const listName = cols.text(r, COL.listName);
    const name = cols.text(r, COL.name) || cols.text(r, '$autovalue');
    const label = cols.local(r, 'label');
    if (!listName) {
      if (name || label.vi || label.en) report.error(table.name, r.row, h.list, 'xlsform.missing_list_name');
      continue;
    }
    const list = lists.get(listName) ?? { name: listName, row: r.row, choices: [], scale: false, used: false, marks: [] };
    lists.set(listName, list);
    if (!name) report.error(table.name, r.row, h.name, 'xlsform.missing_name');
    else if (list.choices.some((c) => c.code === name)) report.error(table.name, r.row, h.name, 'xlsform.duplicate_choice', { name, list: listName });
    else if (!CODE.test(name)) report.error(table.name, r.row, h.name, 'xlsform.bad_choice_name', { name });
    if (!label.vi) report.error(table.name, r.row, h.label, 'xlsform.missing_label');
    const flag = (base: string, header: string) => {
      const v = parseBool(cols.text(r, base));
      if (v === undefined) report.error(table.name, r.row, header, 'xlsform.bad_boolean');
      return v === true;
    };
    const mark = { satisfied: flag(COL.satisfied, h.satisfied), noOpinion: flag(COL.noOpinion, h.noOpinion), row: r.row };
    if (mark.satisfied && mark.noOpinion) report.error(table.name, r.row, h.noOpinion, 'xlsform.satisfied_and_no_opinion');
    list.choices.push({ code: name, label: localText(label) });
    list.marks.push(mark);
  }
  const scales: { scale: Scale; row: number }[] = [];
  for (const list of lists.values()) {
    if (!list.marks.some((m) => m.satisfied || m.noOpinion)) continue;
    list.scale = true;
    const noOpinion = list.marks.map((m, i) => ({ m, i })).filter(({ m }) => m.noOpinion);
    for (const { m } of noOpinion.slice(1)) report.error(table.name, m.row, h.noOpinion, 'xlsform.no_opinion_twice', { list: list.name });
    scales.push({
      row: list.row,
      scale: {
        id: list.name,
        levels: list.choices.filter((_, i) => !list.marks[i]!.noOpinion),
        satisfied: list.choices.filter((_, i) => list.marks[i]!.satisfied).map((c) => c.code),
        noOpinion: noOpinion[0] ? list.choices[noOpinion[0].i]! : null,
      },
    });
  }
  return { lists, scales };
}

/** Reports the model's own checks (checkQuestionnaire paths) at the rows they came from, unless already reported. */
function mapModelIssues(q: Questionnaire, where: SurveyRows[], scaleRows: number[], names: { survey: string; choices: string; settings: string; surveyCols: Columns }, report: Report): void {
  const surveyCol: Record<string, string> = { id: 'name', type: 'type', 'label.vi': 'label', choices: 'type', scale: 'type', relevant: 'relevant' };
  const scaleCol: Record<string, string> = { id: COL.listName, levels: COL.name, satisfied: COL.satisfied, noOpinion: COL.noOpinion };
  for (const [path, issue] of Object.entries(checkQuestionnaire(q))) {
    const p = path.split('.');
    let at: { sheet: string; row: number; column?: string } | undefined;
    if (p[0] === 'title') {
      if (report.issues.some((i) => i.sheet === names.settings)) continue;
      at = { sheet: names.settings, row: 2, column: COL.formTitle };
    }
    else if (p[0] === 'scales') at = { sheet: names.choices, row: scaleRows[Number(p[1])] ?? 1, column: scaleCol[p[2] ?? ''] ?? COL.listName };
    else if (p[0] === 'sections' && p[2] === 'questions') {
      const field = p.slice(4).join('.');
      const base = surveyCol[field] ?? 'type';
      at = { sheet: names.survey, row: where[Number(p[1])]?.questions[Number(p[3])] ?? 1, column: names.surveyCols.header(base, base === 'label' ? 'vi' : undefined) };
    } else if (p[0] === 'sections') at = { sheet: names.survey, row: where[Number(p[1])]?.row ?? 1, column: names.surveyCols.header('label', 'vi') };
    const loc = at ?? { sheet: names.survey, row: 1 };
    if (!report.has(loc.sheet, loc.row, loc.column)) report.error(loc.sheet, loc.row, loc.column, issue.key, issue.params);
  }
}

/** Reads an XLSForm; returns the questionnaire only when there is no issue at all. */
export async function importXlsForm(buffer: Buffer): Promise<XlsImport> {
  const report = new Report(LIMITS.issues);
  const done = (questionnaire?: Questionnaire): XlsImport => ({ ...(questionnaire && !report.issues.length ? { questionnaire } : {}), issues: report.issues, warnings: report.warnings });
  const { sheets, issue } = await readWorkbook(buffer);
  if (!sheets) return { issues: [issue!], warnings: [] };
  for (const [name, ws] of sheets) if (!Object.values(SHEETS).includes(name as 'survey')) report.warn(ws.name, 1, undefined, 'xlsform.unknown_sheet', { sheet: ws.name });

  const tables: Partial<Record<keyof typeof SHEETS, Table>> = {};
  for (const key of Object.keys(SHEETS) as (keyof typeof SHEETS)[]) {
    const ws = sheets.get(key);
    if (!ws) {
      // Choices are needed only by select questions: their missing lists are reported one by one.
      if (key !== 'choices') report.error(key, 1, undefined, 'xlsform.missing_sheet', { sheet: key });
      continue;
    }
    const { table, issue: tooBig } = readTable(ws, key === 'choices' ? LIMITS.choicesRows : LIMITS.surveyRows);
    if (tooBig) report.error(tooBig.sheet, tooBig.row, undefined, tooBig.key, tooBig.params);
    else tables[key] = table;
  }
  if (!tables.survey || (sheets.has('choices') && !tables.choices) || report.issues.some((i) => i.key === 'xlsform.too_many_rows')) return done();

  const settings = tables.settings ? readSettings(tables.settings, report) : { title: { vi: '' }, defaultLang: 'vi' };
  const { lists, scales } = tables.choices ? readChoices(tables.choices, settings.defaultLang, report) : { lists: new Map<string, ChoiceList>(), scales: [] };
  const cols = new Columns(tables.survey, settings.defaultLang, ['label', 'hint'], ['type', 'name', '$autoname', 'required', 'relevant', 'constraint', 'appearance', COL.criterion, COL.headline, COL.demographic], report);
  for (const base of ['type', 'name', 'label']) if (!cols.has(base) && !(base === 'name' && cols.has('$autoname'))) report.error(tables.survey.name, 1, base, 'xlsform.missing_column', { column: base });
  if (!cols.has('type')) return done();
  const { sections, where } = readSurvey(cols, lists, settings.title, report);
  if (!tables.choices && report.issues.some((i) => i.key === 'xlsform.unknown_list')) report.error('choices', 1, undefined, 'xlsform.missing_sheet', { sheet: 'choices' });
  for (const list of lists.values()) if (!list.scale && !list.used && tables.choices) report.warn(tables.choices.name, list.row, COL.listName, 'xlsform.unused_list', { list: list.name });

  const q: Questionnaire = { title: settings.title, ...(settings.intro ? { intro: settings.intro } : {}), scales: scales.map((s) => s.scale), sections };
  mapModelIssues(q, where, scales.map((s) => s.row), { survey: tables.survey.name, choices: tables.choices?.name ?? 'choices', settings: tables.settings?.name ?? 'settings', surveyCols: cols }, report);
  return done(q);
}
