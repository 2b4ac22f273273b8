import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import { fileError, readJsonFile } from './_input.js';
import { isCarbonAwareSdkJson, readCarbonAwareSdkJson } from './formats/carbon-aware-sdk.js';
import { readCsvFile } from './formats/csv.js';
import { isElectricityMapsJson, readElectricityMapsJson } from './formats/electricitymaps.js';
import { FORMATS, type SeriesFormat, type SignalChoice } from './formats/names.js';
import { isUkciJson, readUkciJson } from './formats/ukci.js';
import { isWattTimeJson, readWattTimeJson } from './formats/watttime.js';
import { concatRaw, type IntensitySeries, normalise, type RawSeries, warning } from './series.js';

export { FORMATS, type SeriesFormat, type SignalChoice };

export interface ReadOptions {
  format?: SeriesFormat;
  /** Signal asked for with `--signal`; files stating another one are refused. */
  signal?: SignalChoice;
  zone?: string;
  timeColumn?: string;
  valueColumn?: string;
  /** IANA zone of CSV timestamps written without an offset (default UTC). */
  timezone?: string;
}

/** Reads series files (any mix of formats); files of the same zone are merged into one series. */
export async function readSeriesFiles(
  paths: string[],
  options: ReadOptions = {},
): Promise<IntensitySeries[]> {
  const raws: RawSeries[] = [];
  for (const path of paths) raws.push(...(await readSeriesFile(path, options)));
  return mergeAndNormalise(raws, options);
}

export async function readSeriesFile(path: string, options: ReadOptions = {}): Promise<RawSeries[]> {
  const format = options.format ?? (/\.(csv|tsv|txt)$/i.test(path) ? 'csv' : undefined);
  if (format === 'csv') return readCsvFile(path, options);
  if (format === 'electricitymaps' && /\.(csv|tsv|txt)$/i.test(path)) return readCsvFile(path, options);
  const doc = await readJsonFile(path);
  return readSeriesJson(doc, path, { ...options, format });
}

/** Reads one parsed JSON document, detecting its format unless `options.format` says it. */
export function readSeriesJson(
  doc: unknown,
  source: string,
  options: ReadOptions & { requestedSignal?: SignalChoice } = {},
): RawSeries[] {
  const format = options.format ?? detectJsonFormat(doc, source);
  switch (format) {
    case 'electricitymaps':
      return readElectricityMapsJson(doc, source, {
        signal: options.signal,
        requestedSignal: options.requestedSignal,
      });
    case 'watttime':
      return readWattTimeJson(doc, source);
    case 'ukci':
      return readUkciJson(doc, source, { zone: options.zone });
    case 'carbon-aware-sdk':
      return readCarbonAwareSdkJson(doc, source, { zone: options.zone });
    default:
      throw fileError(source, undefined, msg('grid.csvNotJson', { formatField: 'format', format }));
  }
}

export function detectJsonFormat(doc: unknown, source: string): SeriesFormat {
  if (isWattTimeJson(doc)) return 'watttime';
  if (isElectricityMapsJson(doc)) return 'electricitymaps';
  if (isUkciJson(doc)) return 'ukci';
  if (isCarbonAwareSdkJson(doc)) return 'carbon-aware-sdk';
  throw fileError(
    source,
    undefined,
    msg('grid.unknownJson', { formatField: 'format', formats: FORMATS.join(', ') }),
  );
}

/** Groups by zone, checks signals and units agree, and cleans each series onto its grid. */
export function mergeAndNormalise(raws: RawSeries[], options: ReadOptions = {}): IntensitySeries[] {
  const byZone = new Map<string, RawSeries>();
  for (const raw of raws) {
    checkIntensities(raw);
    applySignalChoice(raw, options.signal);
    const existing = byZone.get(raw.zone);
    if (!existing) {
      byZone.set(raw.zone, {
        ...raw,
        times: [...raw.times],
        values: [...raw.values],
        lines: [...raw.lines],
        warnings: [...raw.warnings],
      });
      continue;
    }
    if (existing.signal !== raw.signal || existing.unit !== raw.unit) {
      throw fileError(
        raw.source,
        undefined,
        msg('grid.zoneMismatch', {
          zone: raw.zone,
          signal: raw.signal,
          unit: raw.unit,
          otherSignal: existing.signal,
          otherUnit: existing.unit,
          other: existing.source,
        }),
      );
    }
    concatRaw(existing, raw);
  }
  if (byZone.size === 0)
    throw userError('missing', 'series', 'grid.noSeries', { accepted: msg('grid.acceptedFiles') });
  return [...byZone.values()].map(normalise);
}

/** Highest intensity accepted, g CO2e/kWh: as `--grid-intensity` (lignite is about 1,100–1,200). */
export const MAX_INTENSITY_G_PER_KWH = 2000;

/** An intensity past any grid's (1e308 would overflow every sum into null) names its line. */
function checkIntensities(raw: RawSeries): void {
  const i = raw.values.findIndex((v) => v > MAX_INTENSITY_G_PER_KWH);
  if (i < 0) return;
  throw fileError(
    raw.source,
    raw.lines[i],
    msg('grid.intensityOutOfRange', { value: raw.values[i], max: MAX_INTENSITY_G_PER_KWH }),
  );
}

/** `--signal` against what a file holds: a stated different signal is refused, an unstated one relabelled. */
function applySignalChoice(raw: RawSeries, signal: SignalChoice | undefined): void {
  if (signal === undefined || raw.signal === signal) return;
  if (raw.signal === 'unspecified') {
    raw.signal = signal;
    raw.warnings.push(warning('signal_assumed', 'grid.signalAssumed', { signal, signalField: 'signal' }));
    return;
  }
  const params = { signal: raw.signal, signalField: 'signal', wanted: signal };
  throw fileError(raw.source, undefined, msg('grid.otherSignal', params));
}
