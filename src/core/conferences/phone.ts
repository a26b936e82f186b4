// Vietnamese phone numbers as people write them (0912 345 678, 0912.345.678, +84 912 345 678, (024) 3826 9999):
// kept as bare digits with the leading 0. Mobile numbers have 10 digits and start 03, 05, 07, 08 or 09 (since the
// 2018 renumbering); landlines have 11 and start 02 (area code 02x or 02xx since 2017).

const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;

export type PhoneResult = { phone: string } | { error: string };

/** The number normalised (digits, leading 0), or the i18n key of what is wrong with it. */
export function normalizePhoneVN(input: string): PhoneResult {
  const raw = input.normalize('NFC').trim();
  if (!/^[+0-9 .()-]+$/.test(raw)) return { error: 'conference.phone_invalid' };
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('+')) {
    if (!digits.startsWith('84')) return { error: 'conference.phone_invalid' };
    digits = `0${digits.slice(2)}`;
  } else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) {
    digits = `0${digits.slice(2)}`;
  } else if (/^[35789]\d{8}$/.test(digits)) {
    // A spreadsheet stores the number as a number and drops its leading 0.
    digits = `0${digits}`;
  }
  if (MOBILE.test(digits) || LANDLINE.test(digits)) return { phone: digits };
  if (digits.startsWith('0') && /^0[35789]/.test(digits)) return { error: 'conference.phone_mobile_length' };
  return { error: 'conference.phone_invalid' };
}
