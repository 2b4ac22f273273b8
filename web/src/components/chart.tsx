import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart that fills its container's width and follows its resizes. A new `data` array
 * updates the chart in place (cheap: dragging a slider redraws, it does not rebuild); a new
 * `options` object (other series) rebuilds it. `data-summary` changes with the data, so that
 * tests and screen readers' users can tell the chart was redrawn; the label names what it shows.
 */
export interface ChartProps {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
  id?: string;
}

export function Chart({ options, data, height = 300, label, id }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current!;
    const u = new uPlot(
      { padding: [null, rightPadding, null, null], ...options, width: Math.max(200, el.clientWidth), height },
      data,
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    if (plot.current && plot.current.data !== data) plot.current.setData(data);
  }, [data]);

  return <div class="chart" id={id} ref={box} role="img" aria-label={label} data-summary={summary(data)} />;
}

/** A short fingerprint of the plotted values: the count and sum of every finite y. */
function summary(data: uPlot.AlignedData): string {
  let count = 0;
  let sum = 0;
  for (let s = 1; s < data.length; s++) {
    for (const v of data[s] as Iterable<number | null | undefined>) {
      if (typeof v === 'number' && Number.isFinite(v)) {
        count++;
        sum += v;
      }
    }
  }
  return `${count}:${sum.toPrecision(8)}`;
}

/** Axis settings with readable ticks in the page's language. */
export function axis(format: (v: number) => string, label?: string): uPlot.Axis {
  return {
    label,
    stroke: '#333',
    grid: { stroke: '#e3e3e3', width: 1 },
    ticks: { stroke: '#bbb', width: 1 },
    values: (_u, ticks) => ticks.map((v) => (v === null || v === undefined ? '' : format(v))),
    size: fitLabels,
  };
}

/** Width of a tick label in CSS pixels, in the axis's own font. */
function labelWidth(u: uPlot, axisIdx: number, text: string): number {
  const font = (u.axes[axisIdx] as { font?: unknown }).font;
  u.ctx.font = Array.isArray(font) ? String(font[0]) : String(font ?? '12px sans-serif');
  return u.ctx.measureText(text).width / devicePixelRatio;
}

/**
 * A vertical axis as wide as its longest tick label (a fixed width clips "100,000 t CO₂e" on the
 * left edge); a horizontal one keeps its height. Later layout passes keep the first answer, so
 * that uPlot's sizing converges.
 */
export const fitLabels: uPlot.Axis.Size = (u, values, axisIdx, cycleNum) => {
  const axis = u.axes[axisIdx];
  const previous = (axis as { _size?: number })._size;
  if ((axis.side ?? (axisIdx === 0 ? 2 : 3)) % 2 === 0) return 56;
  if (cycleNum > 1 && previous) return previous;
  const widest = Math.max(0, ...(values ?? []).map((v) => labelWidth(u, axisIdx, v)));
  return Math.ceil((axis.ticks?.size ?? 10) + (axis.gap ?? 5) + widest + 6);
};

/**
 * Room on the right for half of the last x tick label, which is centred on its tick (uPlot's
 * default leaves 25 px, too little for "1 Jan 00:00"); none is needed beside a right-hand axis.
 */
const rightPadding = (u: uPlot, _side: uPlot.Axis.Side, sides: uPlot.SidesWithAxes): number => {
  if (sides[1]) return 0;
  const values = (u.axes[0] as { _values?: string[] | null })._values;
  const last = values?.[values.length - 1];
  return Math.max(25, last ? Math.ceil(labelWidth(u, 0, last) / 2) + 4 : 0);
};

const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();
function timeFormat(lang: 'en' | 'fr', options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = TIME_FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { ...options, timeZone: 'UTC' });
    TIME_FORMATS.set(key, f);
  }
  return f;
}

/** A UTC time axis in the page's language, 24-hour clock, precision following the tick spacing. */
export function timeAxis(lang: 'en' | 'fr'): uPlot.Axis {
  return {
    stroke: '#333',
    grid: { stroke: '#e3e3e3', width: 1 },
    ticks: { stroke: '#bbb', width: 1 },
    space: 70,
    values: (_u, ticks) => {
      const step = ticks.length > 1 ? ticks[1] - ticks[0] : 3600;
      const options: Intl.DateTimeFormatOptions =
        step < 1
          ? { minute: '2-digit', second: '2-digit', fractionalSecondDigits: 1 }
          : step < 60
            ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
            : step < 86_400
              ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
              : { day: 'numeric', month: 'short' };
      return ticks.map((ts) => timeFormat(lang, options).format(ts * 1000));
    },
  };
}

/** A logarithmic scale whose ends are powers of ten, so that its ticks are 10ⁿ. */
export const LOG_SCALE: uPlot.Scale = {
  distr: 3,
  range: (_u, min, max) => uPlot.rangeLog(min, max, 10, true) as uPlot.Range.MinMax,
};

/**
 * Ticks and grid lines at the powers of ten only (uPlot's own log ticks add 2×, 3×... between),
 * every second or third one where the plot is too small for all their labels (a phone).
 */
export function logAxis(base: uPlot.Axis): uPlot.Axis {
  return {
    ...base,
    splits: (u, axisIdx, min, max) => {
      const exponents: number[] = [];
      for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++)
        exponents.push(e);
      const horizontal = (u.axes[axisIdx].side ?? (axisIdx === 0 ? 2 : 3)) % 2 === 0;
      const lengthPx = (horizontal ? u.bbox.width : u.bbox.height) / devicePixelRatio;
      const room = Math.max(1, Math.floor(lengthPx / (horizontal ? 56 : 28)));
      const step = Math.ceil(exponents.length / room);
      return exponents.filter((e) => e % step === 0).map((e) => 10 ** e);
    },
  };
}
