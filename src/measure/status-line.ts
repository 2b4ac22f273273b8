import { J_PER_KWH } from '../engine/units.js';
import { formatNumber } from '../report/format.js';
import type { Lang } from '../report/i18n/index.js';
import type { Tick, TickListener } from './tracker.js';

/**
 * The live line on a terminal: elapsed time, power per component, energy and CO2e so far,
 * redrawn in place at most four times a second.
 */
export function formatElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

export function formatStatus(tick: Tick, gCo2ePerKwh: number, lang: Lang): string {
  let gpu = 0;
  let cpu = 0;
  let ram = 0;
  let hasGpu = false;
  for (let i = 0; i < tick.channels.length; i++) {
    const component = tick.channels[i].component;
    if (component === 'gpu') {
      gpu += tick.powerW[i];
      hasGpu = true;
    } else if (component === 'cpu') cpu += tick.powerW[i];
    else ram += tick.powerW[i];
  }
  const kwh = (tick.totalJ.gpu + tick.totalJ.cpu + tick.totalJ.ram) / J_PER_KWH;
  const w = (v: number) => `${formatNumber(Math.round(v), lang)} W`;
  const power = `${hasGpu ? `GPU ${w(gpu)} · ` : ''}CPU ${w(cpu)} · RAM ${w(ram)}`;
  return `empreinte ${formatElapsed(tick.elapsedS)} │ ${power} │ ${formatNumber(kwh, lang, 3)} kWh · ${formatNumber(kwh * gCo2ePerKwh, lang, 3)} g CO2e`;
}

export interface StatusLine {
  listener: TickListener;
  /** Erases the line (before the summary is printed). */
  clear(): void;
}

export function createStatusLine(
  stream: NodeJS.WriteStream,
  gCo2ePerKwh: number,
  lang: Lang,
  minIntervalMs = 250,
): StatusLine {
  let last = 0;
  let drawn = false;
  return {
    listener(tick) {
      if (tick.t - last < minIntervalMs) return;
      last = tick.t;
      const text = formatStatus(tick, gCo2ePerKwh, lang);
      const width = stream.columns ?? 120;
      stream.write(`\r\x1b[2K${text.length > width - 1 ? text.slice(0, width - 1) : text}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
