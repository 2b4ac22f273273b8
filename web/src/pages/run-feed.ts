// A run's report and power series, kept up to date while the run goes on: the report (totals,
// phases, status), the downsampled series, then the ticks the live stream brings after it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, stream } from '../api';
import type { Lang } from '../i18n';
import type { PowerSeries, RunReport, StreamSample } from '../types';

/** Power ticks streamed since the series was read: per channel key, time (s) to watts. */
export type LiveTicks = Map<string, Map<number, number>>;

/** The most buckets the series route gives. */
const MAX_BUCKETS = 4_000;

/** One line per host, component and device index. */
export function channelKey(host: string, component: string, deviceIndex: number): string {
  return `${host} ${component}${component === 'ram' ? '' : deviceIndex}`;
}

/** The run's report and status, read again on `refresh`. */
function useRunReport(id: string, lang: Lang) {
  const [report, setReport] = useState<RunReport>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const refresh = () =>
    get<RunReport>(`runs/${encodeURIComponent(id)}`, { lang }).then(
      (r) => {
        setReport(r);
        setStatus((s) => s ?? r.status);
      },
      (err) => setError(err),
    );
  useEffect(() => {
    refresh();
  }, [id, lang]);
  return { report, error, setError, status, setStatus, refresh };
}

/** The chart's data: the run's downsampled series (as many buckets as the chart is wide, whatever
 * the run's length), then the live ticks streamed after its end. */
function useLiveSeries(id: string) {
  const [series, setSeries] = useState<PowerSeries>();
  const live = useRef<LiveTicks>(new Map());
  /** The newest sample time (ms) the series holds: streamed ticks up to it are in it already. */
  const covered = useRef(Number.NEGATIVE_INFINITY);
  const [version, setVersion] = useState(0);
  const chartBox = useRef<HTMLDivElement>(null);

  const read = async (signal?: AbortSignal): Promise<PowerSeries | undefined> => {
    const width = chartBox.current?.clientWidth || 800;
    const buckets = Math.max(1, Math.min(MAX_BUCKETS, Math.round(width)));
    const s = await get<PowerSeries>(
      `runs/${encodeURIComponent(id)}/series`,
      { buckets: String(buckets) },
      signal,
    );
    if (signal?.aborted) return undefined;
    // The series now holds every tick up to its end: keep only the streamed ones after it.
    if (s.channels.length > 0) covered.current = Math.max(covered.current, s.toT);
    for (const values of live.current.values())
      for (const at of values.keys()) if (at * 1000 <= covered.current) values.delete(at);
    setSeries(s);
    setVersion((v) => v + 1);
    return s;
  };

  const reset = () => {
    live.current = new Map();
    covered.current = Number.NEGATIVE_INFINITY;
    setSeries(undefined);
  };

  /** Keeps the streamed ticks the series does not hold yet. */
  const add = (samples: StreamSample[]) => {
    for (const x of samples) {
      if (x.t <= covered.current) continue;
      const key = channelKey(x.host, x.component, x.deviceIndex);
      let values = live.current.get(key);
      if (!values) {
        values = new Map();
        live.current.set(key, values);
      }
      values.set(x.t / 1000, x.powerW);
    }
    setVersion((v) => v + 1);
  };

  return { series, live, covered, version, chartBox, read, reset, add };
}

type RunState = ReturnType<typeof useRunReport>;
type SeriesState = ReturnType<typeof useLiveSeries>;

/** The series first, then the live stream from its end on (no backlog): new ticks, status, end. */
function useRunStream(id: string, run: RunState, feed: SeriesState): void {
  useEffect(() => {
    const abort = new AbortController();
    feed.reset();
    let seenRunning = false;
    const fail = (err: unknown) => {
      if (!abort.signal.aborted) run.setError(err);
    };
    const onEvent = (event: string, data: unknown) => {
      if (event === 'samples') {
        feed.add((data as { samples: StreamSample[] }).samples);
      } else if (event === 'status') {
        const next = (data as { status: string }).status;
        if (next === 'running') seenRunning = true;
        run.setStatus(next);
      } else if (event === 'end') {
        run.refresh();
        // A run seen live ends with its whole series; a finished one was read whole already.
        if (seenRunning) feed.read(abort.signal).catch(fail);
      }
    };
    const follow = async () => {
      const first = await feed.read(abort.signal);
      if (!first) return;
      const since = Number.isFinite(feed.covered.current) ? String(feed.covered.current) : undefined;
      await stream(`runs/${encodeURIComponent(id)}/stream`, onEvent, abort.signal, since);
    };
    follow().catch(fail);
    return () => abort.abort();
  }, [id]);
}

/** While the run goes on, its totals and phases grow too. */
function useRunPolling(id: string, lang: Lang, run: RunState, feed: SeriesState): void {
  useEffect(() => {
    if (run.status !== 'running') return;
    const timer = setInterval(() => {
      run.refresh();
      feed.read().catch(run.setError);
    }, 5000);
    return () => clearInterval(timer);
  }, [run.status, id, lang]);
}

/** How many power samples the chart shows: the series' and the live ticks after it. */
function countSamples(series: PowerSeries | undefined, live: LiveTicks): number {
  let count = 0;
  for (const c of series?.channels ?? []) count += c.samples;
  for (const values of live.values()) count += values.size;
  return count;
}

/** Everything the run view shows, kept up to date while the run goes on. */
export function useRunFeed(id: string, lang: Lang) {
  const run = useRunReport(id, lang);
  const feed = useLiveSeries(id);
  useRunStream(id, run, feed);
  useRunPolling(id, lang, run, feed);
  const { report, error, status } = run;
  const { series, live, version, chartBox } = feed;
  return {
    report,
    error,
    status,
    series,
    live: live.current,
    version,
    chartBox,
    count: countSamples(series, live.current),
  };
}
