import Papa from 'papaparse';
import { type Message, msg } from '../../messages/index.js';
import { fileError, type Line, readLines } from '../_input.js';
import { emptyRaw, type RawSeries, type SeriesWarning, type Signal, warning } from '../series.js';
import { MAX_YEAR, MIN_YEAR, OffsetTracker, parseTimestamp } from '../time.js';
import type { CsvColumns } from './csv-columns.js';
import { electricityMapsCsvColumns } from './electricitymaps.js';

/**
 * CSV intensity series: one timestamp column and one intensity column, chosen by flag
 * (`--time-column`, `--value-column`: a header name or a 1-based index) or detected from the
 * header; optionally a zone column (one series per zone). Electricity Maps' CSV exports are
 * recognised by their header (see `electricityMapsCsvColumns`). Comma, semicolon (with decimal
 * commas) or tab separated; quoted fields; ISO timestamps with or without offsets, or epochs.
 */
export interface CsvOptions {
  timeColumn?: string;
  valueColumn?: string;
  /** Zone of a file without a zone column; for a file with one, keeps only that zone. */
  zone?: string;
  signal?: 'direct' | 'lifecycle';
  /** IANA zone of timestamps written without an offset (a header saying UTC wins). */
  timezone?: string;
}

const TIME_HEADER = /(date|time|timestamp|period|^from$|^start|point_time|utc)/i;
const VALUE_HEADERS = [
  /carbon.?intensity|intensity/i,
  /gco2|co2|carbon|emission/i,
  /moer/i,
  /^(value|rating|ci)$/i,
];
const NOT_VALUE = /percent|%|renewable|fossil|low.?carbon|estimat|source|zone|country|name|index|id$/i;
const ZONE_HEADER = /^(zone|zone.?id|zone_key|region|location|area)$/i;
/** 1 lb = 0.45359237 kg (international avoirdupois pound, 1959), so 1 lb/MWh = 0.45359237 g/kWh. */
export const LB_PER_MWH_TO_G_PER_KWH = 0.45359237;

export async function readCsvFile(path: string, options: CsvOptions = {}): Promise<RawSeries[]> {
  return parseCsvLines(readLines(path), path, options);
}

export async function parseCsvLines(
  lines: AsyncIterable<Line> | Iterable<Line>,
  source: string,
  options: CsvOptions = {},
): Promise<RawSeries[]> {
  let delimiter = ',';
  let columns: CsvColumns | undefined;
  let header: string[] = [];
  let headerLine = 1;
  const byZone = new Map<string, RawSeries>();
  const offsets = new OffsetTracker();
  let estimated = 0;
  let rows = 0;
  const defaultZone = options.zone ?? zoneFromPath(source);

  for await (const { text, line } of lines) {
    if (text.trim() === '' || text.startsWith('#')) continue;
    if (header.length === 0) {
      delimiter = detectDelimiter(text);
      header = splitCsvLine(text, delimiter, source, line);
      headerLine = line;
      // A first row that starts with a timestamp is data: the file has no header.
      if (parseTimestamp(header[0] ?? '') === null) continue;
      header = header.map((_, i) => `column ${i + 1}`);
    }
    const fields = splitCsvLine(text, delimiter, source, line);
    // Columns are chosen on the first data row, so that a timestamp column can be found by content.
    columns ??= chooseColumns(header, fields, options, source, headerLine);
    const needed = Math.max(columns.time, columns.value, columns.zone ?? 0);
    if (fields.length <= needed)
      throw fileError(
        source,
        line,
        msg('grid.fewFields', { count: fields.length, needed: needed + 1, header: header.length }),
      );
    const zone = columns.zone === undefined ? defaultZone : fields[columns.zone].trim();
    if (columns.zone !== undefined && options.zone !== undefined && zone !== options.zone) continue;
    const stamp = fields[columns.time];
    const parsed = parseTimestamp(stamp, columns.utcHeader ? undefined : options.timezone);
    if (!parsed) {
      const params = { value: stamp, column: header[columns.time], min: MIN_YEAR, max: MAX_YEAR };
      throw fileError(source, line, msg('grid.notTimestamp', params));
    }
    offsets.note(parsed, line);
    const value = parseIntensity(fields[columns.value], delimiter, source, line, header[columns.value]);
    if (columns.estimated !== undefined && /^true$/i.test(fields[columns.estimated]?.trim() ?? ''))
      estimated++;
    let series = byZone.get(zone);
    if (!series) {
      series = emptyRaw(zone, source, columns.signal);
      byZone.set(zone, series);
    }
    series.times.push(parsed.ms);
    series.values.push(value * columns.factor);
    series.lines.push(line);
    rows++;
  }
  if (header.length === 0) throw fileError(source, undefined, msg('grid.emptyFile'));
  if (!columns) throw fileError(source, undefined, msg('grid.noRows'));
  if (rows === 0) {
    const forZone = options.zone && columns.zone !== undefined;
    throw fileError(
      source,
      undefined,
      forZone ? msg('grid.noRowsForZone', { zone: options.zone }) : msg('grid.noRows'),
    );
  }
  const shared: SeriesWarning[] = offsets.warnings(columns.utcHeader);
  if (columns.conversion)
    shared.push(
      warning('unit_converted', columns.conversion.key, columns.conversion.params, { level: 'info' }),
    );
  if (estimated > 0)
    shared.push(
      warning('estimated', 'grid.estimatedRows', { count: estimated }, { level: 'info', count: estimated }),
    );
  shared.push(
    warning(
      'columns',
      'grid.columnsRead',
      { time: header[columns.time], value: header[columns.value], signal: columns.signal },
      { level: 'info' },
    ),
  );
  for (const series of byZone.values()) series.warnings.push(...shared);
  return [...byZone.values()];
}

function chooseColumns(
  header: string[],
  firstRow: string[],
  options: CsvOptions,
  source: string,
  line: number,
): CsvColumns {
  const em = electricityMapsCsvColumns(header, options.signal, source, line);
  if (em && options.timeColumn === undefined && options.valueColumn === undefined) return em;
  const pick = (flag: string | undefined, what: string): number | undefined => {
    if (flag === undefined) return undefined;
    const index = /^\d+$/.test(flag)
      ? Number(flag) - 1
      : header.findIndex((h) => h.trim().toLowerCase() === flag.trim().toLowerCase());
    if (index < 0 || index >= header.length) {
      throw fileError(
        source,
        line,
        msg('grid.noSuchColumn', { name: flag, columnField: `${what}Column`, columns: header.join(', ') }),
      );
    }
    return index;
  };
  let time = pick(options.timeColumn, 'time') ?? header.findIndex((h) => TIME_HEADER.test(h));
  if (time < 0) time = firstRow.findIndex((field) => parseTimestamp(field) !== null);
  if (time < 0)
    throw fileError(
      source,
      line,
      msg('grid.noTimeColumn', { columnField: 'timeColumn', columns: header.join(', ') }),
    );
  let value = pick(options.valueColumn, 'value');
  if (value === undefined) {
    for (const pattern of VALUE_HEADERS) {
      const found = header.findIndex((h, i) => i !== time && pattern.test(h) && !NOT_VALUE.test(h));
      if (found >= 0) {
        value = found;
        break;
      }
    }
  }
  if (value === undefined && header.length === 2) value = 1 - time;
  if (value === undefined)
    throw fileError(
      source,
      line,
      msg('grid.noValueColumn', { columnField: 'valueColumn', columns: header.join(', ') }),
    );
  const zone = header.findIndex((h, i) => i !== time && i !== value && ZONE_HEADER.test(h.trim()));
  const name = header[value];
  const signal: Signal = /lca|life.?cycle/i.test(name)
    ? 'lifecycle'
    : /direct/i.test(name)
      ? 'direct'
      : /moer|marginal/i.test(name)
        ? 'marginal'
        : 'unspecified';
  const unit = unitFactor(name);
  return {
    time,
    value,
    ...(zone >= 0 ? { zone } : {}),
    signal,
    ...unit,
    utcHeader: /utc/i.test(header[time]),
    format: 'csv',
  };
}

/** Converts units named in the header; g/kWh (and the same kg/MWh) is the default. */
function unitFactor(name: string): { factor: number; conversion?: Message } {
  if (/lbs?\b|lbs?_|pound/i.test(name)) {
    return {
      factor: LB_PER_MWH_TO_G_PER_KWH,
      conversion: msg('grid.converted', { name, unit: 'lbs/MWh', factor: LB_PER_MWH_TO_G_PER_KWH }),
    };
  }
  if (/kg\s*(co2\w*)?\s*(\/|per)\s*kwh/i.test(name))
    return { factor: 1000, conversion: msg('grid.converted', { name, unit: 'kg/kWh', factor: 1000 }) };
  return { factor: 1 };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function parseIntensity(
  field: string | undefined,
  delimiter: string,
  source: string,
  line: number,
  column: string,
): number {
  const text = (field ?? '').trim();
  if (text === '' || /^(null|nan|na|n\/a|-)$/i.test(text)) return Number.NaN;
  const normalised = delimiter === ';' ? text.replace(',', '.') : text;
  // Decimal notation only: Number() would also read hex (0x1A), binary and octal.
  const value = DECIMAL.test(normalised) ? Number(normalised) : Number.NaN;
  if (!Number.isFinite(value))
    throw fileError(source, line, msg('grid.notNumberInColumn', { value: text, column }));
  if (value < 0) throw fileError(source, line, msg('grid.negative', { value, column }));
  return value;
}

export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Splits one CSV line (RFC 4180 quoting within the line), with the CSV library the exports use. */
export function splitCsvLine(text: string, delimiter: string, source = '', line = 0): string[] {
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', newline: '\n' });
  const error = parsed.errors[0];
  if (error)
    throw fileError(source, line, msg(error.code === 'InvalidQuotes' ? 'grid.quoteText' : 'grid.quoteOpen'));
  return parsed.data[0] ?? [''];
}

function zoneFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}
