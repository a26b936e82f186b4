// XLSForm import and export of questionnaires (ODK / KoboToolbox spreadsheets). The convention for what XLSForm
// cannot say by itself — rating scales, satisfied levels, criteria, demographics — is in xlsform/convention.ts and
// docs/surveys-xlsform.md; export writes exactly what import reads.
export { importXlsForm, type XlsImport } from './xlsform/import.ts';
export { exportXlsForm, type XlsExportOptions } from './xlsform/export.ts';
export { LIMITS as XLSFORM_LIMITS, type XlsIssue } from './xlsform/convention.ts';
