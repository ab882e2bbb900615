import type { ConceptArea } from './concept-area.js';

export const TIME: ConceptArea = {
  area: 'Time zones, dates, calendars',
  synonyms: [
    ['timezone', 'time zone', 'time zones', 'timezones', 'tz', 'utc', 'gmt', 'local time', 'localtime', 'offset from utc', 'daylight saving', 'daylight savings', 'dst', 'clocks change', 'clock change', 'wrong day', 'wrong hour', 'hour off', 'an hour off', 'wrong time', 'off by hours', 'off by one hour', 'shifted by an hour', 'midnight', 'late-night', 'timestamptz', 'timestamp_tz', 'timestamp_ntz', 'timestamp_ltz', 'at time zone', 'convert_timezone', 'naive datetime', 'tz-aware'],
    ['date', 'dates', 'timestamp', 'timestamps', 'datetime', 'datetimes', 'event time', 'event times', 'time column', 'date column', 'created_at', 'occurred_at', 'epoch', 'unix time', 'unix timestamp', 'epoch millis', 'milliseconds since'],
    ['date format', 'iso 8601', 'iso-8601', 'strftime', 'strptime', 'to_date', 'parse dates', 'date parsing', 'dd/mm', 'mm/dd', 'day first', 'month first', 'american dates'],
    ['fiscal', 'fiscal year', 'fiscal quarter', 'fiscal calendar', 'financial year', 'quarter', 'quarters', 'quarterly', '4-4-5', 'retail calendar', 'week numbering', 'iso week', 'week starts'],
    ['calendar', 'date spine', 'date dimension', 'dim_date', 'calendar table', 'missing days', 'gaps', 'fill gaps', 'generate_series', 'generate_date_array'],
    ['month end', 'end of month', 'last day of the month', 'month-end', 'period close', 'month close'],
    ['leap year', 'february 29', 'leap day', 'leap second'],
    ['clock skew', 'clock drift', 'ntp', 'server clock', 'clocks differ'],
  ],
  related: [
    ['timezone', 'reporting', 'daily totals', 'date_trunc', 'partition date'],
    ['date', 'date_trunc', 'interval', 'between', 'inclusive', 'exclusive', 'half-open'],
    ['cron', 'utc', 'schedule', 'local time'],
  ],
};
