// The layout description of a printed paper form: plain JSON, stored with each printed batch. The PDF is drawn
// from it, and a scanner reads answers with it. All lengths in PDF points (1/72 inch), origin at the TOP-LEFT of
// the page, y growing downwards (as in a scanned image).
import type { QuestionType } from '../../core/surveys/questionnaire.ts';

export const LAYOUT_VERSION = 1;
export const MM = 72 / 25.4;
/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One answer box: a choice's code, a digit position (`d1`… from the left, `f1`… after the decimal comma) or `text`. */
export interface AnswerBox extends Rect {
  code: string;
}

export interface LaidQuestion {
  id: string;
  type: QuestionType;
  /** 1-based printed number (`Câu 3`); notes have none (0). */
  number: number;
  /** 0-based page within one sheet. */
  page: number;
  /** The whole question (label, condition, boxes): a region to crop for a clerk to look at. */
  rect: Rect;
  /** Choices (with "no opinion") are squares; integer/decimal are digit squares; text is one writing area. */
  boxes: AnswerBox[];
}

export type FontName = 'regular' | 'bold' | 'italic' | 'mono';

/** Text drawn as is: one line, `y` is the top of the line box. */
export interface TextItem {
  k: 'text';
  x: number;
  y: number;
  /** The width the text was fitted into; `align` refers to it. */
  w: number;
  size: number;
  font: FontName;
  align: 'left' | 'center' | 'right';
  text: string;
}

/** Text that differs per printed sheet, filled in at print time and shrunk to fit `w` if needed. */
export interface SlotItem {
  k: 'slot';
  slot: 'sheetId' | 'unitName' | 'campaignName';
  x: number;
  y: number;
  w: number;
  size: number;
  font: FontName;
  align: 'left' | 'center' | 'right';
  /** Printed before the value, e.g. `Mã phiếu: `. */
  prefix: string;
}

export interface LineItem {
  k: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  /** 0 = black … 1 = white. */
  grey: number;
  dash?: number;
}

export type DrawItem = TextItem | SlotItem | LineItem;

export interface LaidPage {
  /** 0-based. */
  index: number;
  /** Everything drawn besides fiducials, QR code and answer boxes (those come from the fields above). */
  items: DrawItem[];
}

export interface PaperLayout {
  version: typeof LAYOUT_VERSION;
  unit: 'pt';
  origin: 'top-left';
  page: { width: number; height: number };
  /** Inside the margins: every answer box, text and mark except the fiducials lies within it. */
  printable: Rect;
  /** Where questions go: the printable area less the header band and the footer. */
  content: Rect;
  pagesPerSheet: number;
  /** Four solid black squares, the same on every page: top-left, top-right, bottom-left, bottom-right. */
  fiducials: { size: number; centres: { x: number; y: number }[] };
  /** The same on every page. */
  sheetId: {
    /** The QR symbol with its quiet zone; it carries `qrContent(sheetId, page)`, e.g. `7K2M-4QXD/2`. */
    qr: Rect & { quietModules: number };
    /** The sheet ID in readable form (`7K2M-4QXD`). */
    text: Rect;
  };
  questions: LaidQuestion[];
  pages: LaidPage[];
}

export interface PageSettings {
  width: number;
  height: number;
  /** Margin on every side, inside which everything but the fiducials is printed. */
  margin: number;
  /** Side of each fiducial square, and the distance of its outer edges from the page edges. */
  fiducialSize: number;
  fiducialInset: number;
  /** Answer box side. */
  boxSize: number;
  /** Digit box side (integer/decimal), larger for handwriting. */
  digitSize: number;
  /** QR symbol side, quiet zone included. */
  qrSize: number;
  titleSize: number;
  /** Question labels, choices, intro. */
  bodySize: number;
  /** Hints, conditions, column headings, header and footer. */
  labelSize: number;
  /** Height of one handwriting line in writing areas. */
  writingLine: number;
}

export const DEFAULT_SETTINGS: PageSettings = {
  width: A4.width,
  height: A4.height,
  margin: 16 * MM,
  fiducialSize: 6 * MM,
  fiducialInset: 7 * MM,
  boxSize: 4.5 * MM,
  digitSize: 7 * MM,
  qrSize: 20 * MM,
  titleSize: 15,
  bodySize: 11,
  labelSize: 10,
  writingLine: 8 * MM,
};

/** Width of `text` in `font` at `size` points: the renderer's font metrics (see fonts.ts). */
export type TextMeasure = (text: string, font: FontName, size: number) => number;
