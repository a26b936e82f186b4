// Vietnamese calendar for deadlines: lunar dates, public holidays, working days. Pure, no I/O.
export {
  VIETNAM_UTC_OFFSET,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
} from './lunar.ts';
export { daysInLieu, publicHolidays, statutoryDaysOff, type PublicHoliday } from './holidays.ts';
export { WorkingCalendar, type DayKind, type DayOverride, type WorkingCalendarConfig } from './working-days.ts';
