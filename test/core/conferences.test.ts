// The conference core: Vietnam times to instants, the folded venue, phone numbers, the delegate import's columns,
// groups and rows, and where each opinion stands in the follow-up.
import { describe, expect, it } from 'vitest';
import { categoryOf, checkDelegateRows, delegateFieldOf, mapDelegateColumns } from '../../src/core/conferences/delegate-rows.ts';
import { followUpStatus, followUpTotals } from '../../src/core/conferences/follow-up.ts';
import { normalizePhoneVN } from '../../src/core/conferences/phone.ts';
import { clockVN, conferenceTimes, parseClock, rangesOverlap, venueKey } from '../../src/core/conferences/times.ts';
import type { SheetRow } from '../../src/core/feedback/import-rows.ts';

describe('conference times', () => {
  it('turns a Vietnam day and clock times into instants and the day held on', () => {
    expect(conferenceTimes('2026-11-26', '08:00', '11:30').times).toEqual({ startsAt: '2026-11-26T01:00:00.000Z', endsAt: '2026-11-26T04:30:00.000Z', heldOn: '2026-11-26' });
    // Early in the morning in Vietnam is still the day before in UTC; held_on is Vietnam's day.
    expect(conferenceTimes('01/12/2026', '6:30', '07:00').times).toEqual({ startsAt: '2026-11-30T23:30:00.000Z', endsAt: '2026-12-01T00:00:00.000Z', heldOn: '2026-12-01' });
    expect(clockVN('2026-11-30T23:30:00.000Z')).toBe('06:30');
  });

  it('names each bad field', () => {
    expect(Object.keys(conferenceTimes('2026-02-30', '08:00', '09:00').issues)).toEqual(['date']);
    expect(Object.keys(conferenceTimes('2026-11-26', '24:00', '09:00').issues)).toEqual(['startTime']);
    expect(Object.keys(conferenceTimes('2026-11-26', '08:00', '8h30').issues)).toEqual(['endTime']);
    expect(conferenceTimes('2026-11-26', '09:00', '09:00').issues.endTime?.key).toBe('conference.end_before_start');
    expect(conferenceTimes('2026-11-26', '10:00', '09:00').times).toBeUndefined();
    expect(parseClock('7:05')).toBe(425);
    expect(parseClock('07:60')).toBeNull();
  });

  it('overlaps only when the ranges share a moment', () => {
    expect(rangesOverlap('2026-01-01T01:00Z', '2026-01-01T03:00Z', '2026-01-01T02:00Z', '2026-01-01T04:00Z')).toBe(true);
    expect(rangesOverlap('2026-01-01T01:00Z', '2026-01-01T03:00Z', '2026-01-01T03:00Z', '2026-01-01T04:00Z')).toBe(false);
    expect(rangesOverlap('2026-01-01T01:00Z', '2026-01-01T05:00Z', '2026-01-01T02:00Z', '2026-01-01T03:00Z')).toBe(true);
  });

  it('folds venues: case, diacritics, punctuation and spaces ignored', () => {
    expect(venueKey('Hội trường UBND xã')).toBe('hoi truong ubnd xa');
    expect(venueKey('  hoi   truong ubnd XA ')).toBe('hoi truong ubnd xa');
    expect(venueKey('Hội trường UBND xã Thiệu Hoá')).toBe(venueKey('hoi truong ubnd, xa Thieu Hóa'));
    expect(venueKey('Nhà văn hóa thôn Đông')).toBe('nha van hoa thon dong');
  });
});

describe('Vietnamese phone numbers', () => {
  it('normalises mobiles and landlines', () => {
    expect(normalizePhoneVN('0912 345 678')).toEqual({ phone: '0912345678' });
    expect(normalizePhoneVN('0912.345.678')).toEqual({ phone: '0912345678' });
    expect(normalizePhoneVN('+84 912 345 678')).toEqual({ phone: '0912345678' });
    expect(normalizePhoneVN('84912345678')).toEqual({ phone: '0912345678' });
    expect(normalizePhoneVN('(+84) 38-123-4567')).toEqual({ phone: '0381234567' });
    expect(normalizePhoneVN('912345678')).toEqual({ phone: '0912345678' });
    expect(normalizePhoneVN('(024) 3826 9999')).toEqual({ phone: '02438269999' });
    expect(normalizePhoneVN('0237 3852 123')).toEqual({ phone: '02373852123' });
  });

  it('says what is wrong', () => {
    expect(normalizePhoneVN('0912 345 67')).toEqual({ error: 'conference.phone_mobile_length' });
    expect(normalizePhoneVN('09123456789')).toEqual({ error: 'conference.phone_mobile_length' });
    expect(normalizePhoneVN('0112345678')).toEqual({ error: 'conference.phone_invalid' });
    expect(normalizePhoneVN('0612345678')).toEqual({ error: 'conference.phone_invalid' });
    expect(normalizePhoneVN('+1 212 555 0100')).toEqual({ error: 'conference.phone_invalid' });
    expect(normalizePhoneVN('gọi 0912345678')).toEqual({ error: 'conference.phone_invalid' });
    expect(normalizePhoneVN('024 3826')).toEqual({ error: 'conference.phone_invalid' });
  });
});

describe('delegate import rows', () => {
  const rows = (...r: string[][]): SheetRow[] => r.map((cells, i) => ({ line: i + 1, cells }));

  it('recognises columns and groups with or without diacritics', () => {
    expect(delegateFieldOf('Họ và tên')).toBe('full_name');
    expect(delegateFieldOf('HO VA TEN')).toBe('full_name');
    expect(delegateFieldOf('Cơ quan / đơn vị')).toBe('organisation');
    expect(delegateFieldOf('thon/tdp')).toBe('village');
    expect(delegateFieldOf('Số điện thoại')).toBe('phone');
    expect(delegateFieldOf('Thanh phan')).toBe('category');
    expect(categoryOf('Trưởng thôn')).toBe('village_head');
    expect(categoryOf('nhan dan')).toBe('resident');
    expect(categoryOf('Mặt trận, đoàn thể')).toBe('mass_org');
    expect(categoryOf('CONG AN')).toBe('police');
    expect(categoryOf('khách mời')).toBe('guest');
    expect(categoryOf('official')).toBe('official');
    expect(categoryOf('ai đó')).toBeNull();
  });

  it('finds the header under a title, checks every row, reports each problem with line and column', () => {
    const sheet = { rows: rows(
      ['DANH SÁCH ĐẠI BIỂU'],
      ['STT', 'Họ và tên', 'Điện thoại', 'Email', 'Thành phần', 'Ghi chú riêng'],
      ['1', 'Nguyễn Văn An', '+84912345678', '', 'Nhân dân'],
      ['2', '', '0912345678', 'not-an-email', 'Nhân dân'],
      ['3', 'Lê Văn Ba', '0912', '', ''],
    ) };
    const { map, issues } = mapDelegateColumns(sheet.rows);
    expect(issues).toEqual([]);
    expect(map!.headerLine).toBe(2);
    expect(map!.ignored).toEqual(['Ghi chú riêng']);
    const r = checkDelegateRows(sheet, map!);
    expect(r.rows).toEqual([{ line: 3, fullName: 'Nguyễn Văn An', title: null, organisation: null, village: null, phone: '0912345678', email: null, category: 'resident' }]);
    expect(r.issues.map((i) => `${i.line}:${i.field}:${i.key}`)).toEqual([
      '4:Họ và tên:validation.required', '4:Email:validation.email', '5:Điện thoại:conference.phone_mobile_length', '5:Thành phần:validation.required',
    ]);
  });

  it('refuses a file without the name or group column, or with a column twice', () => {
    expect(mapDelegateColumns(rows(['Tên người', 'SĐT'])).issues.map((i) => i.field)).toEqual(['Họ và tên', 'Thành phần']);
    expect(mapDelegateColumns(rows(['Họ và tên', 'Họ tên', 'Thành phần'])).issues.map((i) => i.key)).toEqual(['import.duplicate_column']);
    expect(mapDelegateColumns([]).issues.map((i) => i.key)).toEqual(['csv.empty']);
  });
});

describe('follow-up classification', () => {
  const today = '2026-11-26';
  const soon = '2026-11-30';
  it('classifies each opinion', () => {
    expect(followUpStatus({ state: 'closed', outcome: 'answered_on_spot', dueOn: null }, today, soon)).toBe('answered_on_spot');
    expect(followUpStatus({ state: 'closed', outcome: 'resolved', dueOn: '2026-11-01' }, today, soon)).toBe('answered');
    expect(followUpStatus({ state: 'approved', outcome: null, dueOn: '2026-11-01' }, today, soon)).toBe('answered');
    expect(followUpStatus({ state: 'transferred', outcome: null, dueOn: null }, today, soon)).toBe('answered');
    expect(followUpStatus({ state: 'accepted', outcome: null, dueOn: '2026-11-25' }, today, soon)).toBe('overdue');
    expect(followUpStatus({ state: 'received', outcome: null, dueOn: '2026-11-26' }, today, soon)).toBe('due_soon');
    expect(followUpStatus({ state: 'in_progress', outcome: null, dueOn: '2026-11-30' }, today, soon)).toBe('due_soon');
    expect(followUpStatus({ state: 'assigned', outcome: null, dueOn: '2026-12-01' }, today, soon)).toBe('open');
    expect(followUpStatus({ state: 'received', outcome: null, dueOn: null }, today, soon)).toBe('open');
  });

  it('totals add up', () => {
    expect(followUpTotals(['answered_on_spot', 'answered', 'overdue', 'due_soon', 'open', 'open'])).toEqual({
      raised: 6, answeredOnSpot: 1, answered: 1, open: 4, overdue: 1, dueSoon: 1,
    });
  });
});
