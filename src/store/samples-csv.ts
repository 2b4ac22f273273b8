/**
 * Raw samples as CSV, one row a sample: what `runs export --format samples-csv` writes and
 * `runs import` reads, to move runs between databases or bring in samples measured elsewhere.
 *   timestamp,host,component,device_index,power_w,energy_j,source
 * `timestamp` is the end of the sample's interval, ISO 8601 UTC; the interval's length is
 * energy_j / power_w (or, at zero power, the step from the host's previous sample).
 */
import { userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';
import type { Component, SampleBatch, SampleRecord } from '../records.js';

export const SAMPLES_CSV_HEADER = 'timestamp,host,component,device_index,power_w,energy_j,source';

const COMPONENTS = new Set(['gpu', 'cpu', 'ram']);

/** A field is quoted when it holds a comma, a quote or a line break. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function samplesCsvRows(samples: readonly SampleRecord[]): string {
  let out = '';
  for (const s of samples) {
    out += `${new Date(s.t).toISOString()},${field(s.host)},${s.component},${s.deviceIndex},${s.powerW},${s.energyJ},${field(s.source)}\n`;
  }
  return out;
}

/** The CSV text of a run, a batch of samples at a time. */
export async function* samplesCsv(batches: AsyncIterable<SampleRecord[]>): AsyncGenerator<string> {
  yield `${SAMPLES_CSV_HEADER}\n`;
  for await (const batch of batches) yield samplesCsvRows(batch);
}

/** Splits one CSV line into fields (RFC 4180 quoting, no line breaks inside fields). */
function splitLine(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i === line.length) return out;
      if (line[i] !== ',') return undefined;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

export interface CsvSample {
  line: number;
  t: number;
  host: string;
  component: Component;
  deviceIndex: number;
  powerW: number;
  energyJ: number;
  source: string;
}

/**
 * Parses the rows of a samples CSV (lines, header first); every problem is an error that names
 * the file and the line.
 */
export async function* parseSamplesCsv(
  lines: AsyncIterable<string>,
  file: string,
): AsyncGenerator<CsvSample> {
  let line = 0;
  const bad = (what: Message, value: string, accepted: Message | string) =>
    userError('invalid_file', 'file', 'store.fileLine', { file, line, what, value, accepted });
  for await (const raw of lines) {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === 1) {
      if (text.replace(/^\uFEFF/, '').trim() !== SAMPLES_CSV_HEADER)
        throw bad(msg('store.csvHeader'), text.slice(0, 120), SAMPLES_CSV_HEADER);
      continue;
    }
    if (text.trim() === '') continue;
    const fields = splitLine(text);
    if (fields?.length !== 7)
      throw bad(
        msg('store.csvFields', { count: fields?.length ?? msg('store.csvUnclosedQuote') }),
        text.slice(0, 120),
        SAMPLES_CSV_HEADER,
      );
    const [timestamp, host, component, device, power, energy, source] = fields;
    const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
    if (!Number.isFinite(t))
      throw bad(
        msg('store.csvTimestamp', { value: timestamp }),
        timestamp,
        msg('store.csvTimestampAccepted'),
      );
    if (host === '') throw bad(msg('store.csvHostEmpty'), host, msg('store.csvHostAccepted'));
    if (!COMPONENTS.has(component))
      throw bad(msg('store.csvComponent', { value: component }), component, 'gpu, cpu, ram');
    const deviceIndex = Number(device);
    if (device === '' || !Number.isInteger(deviceIndex) || deviceIndex < 0 || deviceIndex > 1_000_000)
      throw bad(msg('store.csvDevice', { value: device }), device, msg('store.csvDeviceAccepted'));
    const powerW = Number(power);
    if (power.trim() === '' || !Number.isFinite(powerW) || powerW < 0)
      throw bad(msg('store.csvPower', { value: power }), power, msg('store.csvNonNegative'));
    const energyJ = Number(energy);
    if (energy.trim() === '' || !Number.isFinite(energyJ) || energyJ < 0)
      throw bad(msg('store.csvEnergy', { value: energy }), energy, msg('store.csvNonNegative'));
    if (source === '') throw bad(msg('store.csvSourceEmpty'), source, msg('store.csvSourceAccepted'));
    yield { line, t, host, component: component as Component, deviceIndex, powerW, energyJ, source };
  }
  if (line === 0)
    throw userError('invalid_file', 'file', 'store.file', {
      file,
      what: msg('store.csvEmpty'),
      accepted: SAMPLES_CSV_HEADER,
    });
}

/**
 * Groups samples into ticks (one host, one time): rows of a tick are consecutive for their host,
 * and a host's times never go back (the order `runs export` writes). The interval of a tick is
 * energy / power of its first channel drawing power, else the step from the host's last tick.
 */
export async function* ticksOfCsv(
  samples: AsyncIterable<CsvSample>,
  runId: string,
  file: string,
  defaultIntervalS: number,
): AsyncGenerator<SampleBatch> {
  const open = new Map<string, CsvSample[]>();
  const lastT = new Map<string, number>();
  const flush = (rows: CsvSample[]): SampleBatch => {
    const first = rows[0];
    const previous = lastT.get(first.host);
    const drawing = rows.find((r) => r.powerW > 0 && r.energyJ > 0);
    const intervalS = drawing
      ? drawing.energyJ / drawing.powerW
      : previous !== undefined
        ? (first.t - previous) / 1000
        : defaultIntervalS;
    lastT.set(first.host, first.t);
    return {
      runId,
      host: first.host,
      t: first.t,
      intervalS,
      count: rows.length,
      component: rows.map((r) => r.component),
      deviceIndex: Int32Array.from(rows.map((r) => r.deviceIndex)),
      powerW: Float64Array.from(rows.map((r) => r.powerW)),
      energyJ: Float64Array.from(rows.map((r) => r.energyJ)),
      source: rows.map((r) => r.source),
    };
  };
  for await (const s of samples) {
    const rows = open.get(s.host);
    if (rows && rows[0].t === s.t) {
      rows.push(s);
      continue;
    }
    if (rows) {
      if (s.t < rows[0].t)
        throw userError('invalid_file', 'file', 'store.fileLine', {
          file,
          line: s.line,
          what: msg('store.csvOrder', { value: new Date(s.t).toISOString(), host: s.host }),
          value: new Date(s.t).toISOString(),
          accepted: msg('store.csvOrderAccepted'),
        });
      yield flush(rows);
    }
    open.set(s.host, [s]);
  }
  for (const rows of open.values()) yield flush(rows);
}
