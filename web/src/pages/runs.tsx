import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { ApiError, download, get, stream } from '../api';
import { axis, Chart, timeAxis } from '../components/chart';
import { COLOURS } from '../components/colours';
import { ErrorBox, Figure, Loading, Sourced } from '../components/ui';
import { useLoad } from '../data';
import { dateTime, duration, energy, mass, num } from '../format';
import { useI18n } from '../i18n';
import type { PowerSeries, RunListEntry, RunReport, StreamSample } from '../types';

export function RunsPage({ id }: { id?: string }) {
  return id ? <RunView id={id} /> : <RunList />;
}

function RunList() {
  const { t, lang } = useI18n();
  const [tick, setTick] = useState(0);
  const runs = useLoad(() => get<RunListEntry[]>('runs'), [tick]);
  const running = runs.data?.some((r) => r.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick((x) => x + 1), 3000);
    return () => clearTimeout(timer);
  }, [running, runs.data]);
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">{t('runs.title')}</h1>
      <p class="lead">{t('runs.lead')}</p>
      <ErrorBox error={runs.error} />
      {!runs.data && !runs.error && <Loading />}
      {runs.data && runs.data.length === 0 && <p class="card">{t('runs.empty')}</p>}
      {runs.data && runs.data.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section class="table-scroll" tabIndex={0} aria-label={t('runs.title')}>
          <table class="data stack" id="runs-table">
            <thead>
              <tr>
                <th scope="col">{t('runs.name')}</th>
                <th scope="col">{t('runs.status')}</th>
                <th scope="col">{t('runs.started')}</th>
                <th scope="col">{t('runs.duration')}</th>
                <th scope="col">{t('runs.host')}</th>
                <th scope="col">{t('result.energy')}</th>
                <th scope="col">{t('result.co2e')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`#/runs/${encodeURIComponent(r.id)}`}>
                      {r.name ?? r.command.join(' ').slice(0, 60)}
                    </a>
                    <small class="muted"> {r.id.slice(0, 8)}</small>
                  </th>
                  <td data-label={t('runs.status')}>
                    <span class={`status status-${r.status}`}>{t(`runs.status.${r.status}`)}</span>
                  </td>
                  <td data-label={t('runs.started')}>{dateTime(r.startedAt, lang)}</td>
                  <td data-label={t('runs.duration')}>{duration(r.durationS, lang)}</td>
                  <td data-label={t('runs.host')}>{r.host}</td>
                  <td data-label={t('result.energy')}>{energy(r.energyKwh.total, lang)}</td>
                  <td data-label={t('result.co2e')}>{mass(r.co2eKg, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** Power ticks streamed since the series was read: per channel key, time (s) to watts. */
type LiveTicks = Map<string, Map<number, number>>;

/** The most buckets the series route gives. */
const MAX_BUCKETS = 4_000;

/** One line per host, component and device index. */
function channelKey(host: string, component: string, deviceIndex: number): string {
  return `${host} ${component}${component === 'ram' ? '' : deviceIndex}`;
}

function RunView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [report, setReport] = useState<RunReport>();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  // The chart reads the run's downsampled series (as many buckets as it is wide, whatever the
  // run's length), then the ticks the live stream brings after it.
  const [series, setSeries] = useState<PowerSeries>();
  const live = useRef<LiveTicks>(new Map());
  /** The newest sample time (ms) the series holds: streamed ticks up to it are in it already. */
  const covered = useRef(Number.NEGATIVE_INFINITY);
  const [version, setVersion] = useState(0);
  const chartBox = useRef<HTMLDivElement>(null);

  const refresh = () =>
    get<RunReport>(`runs/${encodeURIComponent(id)}`, { lang }).then(
      (r) => {
        setReport(r);
        setStatus((s) => s ?? r.status);
      },
      (err) => setError(err),
    );

  const readSeries = async (signal?: AbortSignal): Promise<PowerSeries | undefined> => {
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

  useEffect(() => {
    refresh();
  }, [id, lang]);

  // The series first, then the live stream from its end on (no backlog): new ticks, status, end.
  useEffect(() => {
    const abort = new AbortController();
    live.current = new Map();
    covered.current = Number.NEGATIVE_INFINITY;
    setSeries(undefined);
    let seenRunning = false;
    const follow = async () => {
      const first = await readSeries(abort.signal);
      if (!first) return;
      await stream(
        `runs/${encodeURIComponent(id)}/stream`,
        (event, data) => {
          if (event === 'samples') {
            for (const x of (data as { samples: StreamSample[] }).samples) {
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
          } else if (event === 'status') {
            const next = (data as { status: string }).status;
            if (next === 'running') seenRunning = true;
            setStatus(next);
          } else if (event === 'end') {
            refresh();
            // A run seen live ends with its whole series; a finished one was read whole already.
            if (seenRunning)
              readSeries(abort.signal).catch((err) => {
                if (!abort.signal.aborted) setError(err);
              });
          }
        },
        abort.signal,
        Number.isFinite(covered.current) ? String(covered.current) : undefined,
      );
    };
    follow().catch((err) => {
      if (!abort.signal.aborted) setError(err);
    });
    return () => abort.abort();
  }, [id]);

  // While the run goes on, its totals and phases grow too.
  useEffect(() => {
    if (status !== 'running') return;
    const timer = setInterval(() => {
      refresh();
      readSeries().catch(setError);
    }, 5000);
    return () => clearInterval(timer);
  }, [status, id, lang]);

  let count = 0;
  for (const c of series?.channels ?? []) count += c.samples;
  for (const values of live.current.values()) count += values.size;

  if (error instanceof ApiError && error.status === 404) {
    return (
      <section>
        <h1>{t('runs.notFound')}</h1>
        <p>
          <a href="#/runs">{t('runs.back')}</a>
        </p>
      </section>
    );
  }
  const r = report;
  return (
    <section aria-labelledby="run-title">
      <p>
        <a href="#/runs">← {t('runs.back')}</a>
      </p>
      <h1 id="run-title">
        {r?.name ?? id}{' '}
        {status && <span class={`status status-${status}`}>{t(`runs.status.${status}`)}</span>}
      </h1>
      <ErrorBox error={error} />
      {!r && !error && <Loading />}
      {r && (
        <>
          <p class="muted">
            <code>{r.command.join(' ')}</code> — {dateTime(r.startedAt, lang)}, {duration(r.durationS, lang)}
          </p>
          <div class="figures">
            <Figure
              label={t('result.energy')}
              value={energy(r.energyKwh.total, lang)}
              detail={`GPU ${energy(r.energyKwh.gpu, lang)} · CPU ${energy(r.energyKwh.cpu, lang)} · RAM ${energy(r.energyKwh.ram, lang)}`}
              testId="run-energy"
            />
            <Figure
              label={t('result.co2e')}
              value={mass(r.co2eKg, lang)}
              detail={`${num(r.location.intensityGPerKwh, lang)} g/kWh · PUE ${num(r.pue.value, lang)}`}
            />
            <Figure
              label={t('runs.power')}
              value={`${num(r.averagePowerW, lang)} W`}
              detail={`${t('runs.peak')} ${num(r.peakPowerW, lang)} W`}
            />
          </div>
          <p class="hint">
            {t('runs.sources')}:{' '}
            {(['gpu', 'cpu', 'ram'] as const).map((c) => (
              <span key={c}>
                {c.toUpperCase()}{' '}
                <Sourced source={r.sources[c] ?? t('runs.none')}>{r.sources[c] ?? '—'}</Sourced>{' '}
              </span>
            ))}
          </p>
        </>
      )}
      <h2>{t('runs.powerChart')}</h2>
      <p class="hint" aria-live="polite" data-testid="sample-count" data-count={count}>
        {t('runs.samples', { n: num(count, lang, 6) })}
        {status === 'running' ? ` — ${t('runs.live')}` : ''}
      </p>
      <div ref={chartBox}>
        <PowerChart series={series} live={live.current} version={version} />
      </div>
      {r && r.phases.length > 0 && (
        <>
          <h2>{t('runs.phases')}</h2>
          <table class="data stack" id="phases-table">
            <thead>
              <tr>
                <th scope="col">{t('runs.phase')}</th>
                <th scope="col">{t('runs.started')}</th>
                <th scope="col">{t('runs.duration')}</th>
                <th scope="col">{t('result.energy')}</th>
                <th scope="col">{t('result.co2e')}</th>
              </tr>
            </thead>
            <tbody>
              {r.phases.map((p) => (
                <tr key={p.startedAt}>
                  <th scope="row">{p.label ?? '—'}</th>
                  <td data-label={t('runs.started')}>{dateTime(p.startedAt, lang)}</td>
                  <td data-label={t('runs.duration')}>{duration(p.durationS, lang)}</td>
                  <td data-label={t('result.energy')}>{energy(p.energyKwh, lang)}</td>
                  <td data-label={t('result.co2e')}>{mass(p.co2eKg, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {r && <Exports id={r.id} />}
      {r && r.notes.length > 0 && (
        <ul class="notes">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Exports({ id }: { id: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const formats = [
    { format: 'codecarbon-csv', label: t('runs.export.codecarbon'), file: `emissions-${id}.csv` },
    { format: 'hf-model-card', label: t('runs.export.hf'), file: `model-card-${id}.md` },
  ];
  return (
    <div class="actions exports">
      {formats.map((f) => (
        <button
          key={f.format}
          type="button"
          class="secondary"
          onClick={() =>
            download(`runs/${encodeURIComponent(id)}/export`, { format: f.format }, f.file).catch(setError)
          }
        >
          {f.label}
        </button>
      ))}
      <ErrorBox error={error} />
    </div>
  );
}

function PowerChart({ series, live, version }: { series?: PowerSeries; live: LiveTicks; version: number }) {
  const { t, lang } = useI18n();
  const plotted = useMemo(() => {
    // Each bucket's mean at its middle, then the live ticks; hosts tick at their own times: one
    // sorted axis for all, and a bucket no channel has a sample in is no point at all.
    const points = new Map<number, Map<string, number>>();
    const at = (x: number) => {
      let point = points.get(x);
      if (!point) {
        point = new Map();
        points.set(x, point);
      }
      return point;
    };
    const keys: string[] = [];
    for (const c of series?.channels ?? []) {
      const key = channelKey(c.host, c.component, c.deviceIndex);
      keys.push(key);
      c.meanW.forEach((w, i) => {
        if (w !== null) at((series!.t[i] + series!.bucketMs / 2) / 1000).set(key, w);
      });
    }
    for (const [key, values] of live) {
      if (values.size > 0 && !keys.includes(key)) keys.push(key);
      for (const [x, w] of values) at(x).set(key, w);
    }
    const xs = [...points.keys()].sort((a, b) => a - b);
    const data: uPlot.AlignedData = [xs, ...keys.map((k) => xs.map((x) => points.get(x)?.get(k) ?? null))];
    return { keys, data };
  }, [series, version]);
  const { keys, data } = plotted;
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [timeAxis(lang), axis((v) => `${num(v, lang)} W`)],
      series: [
        { label: 'UTC' },
        ...keys.map((k, i) => ({
          label: k,
          stroke: COLOURS[i % COLOURS.length],
          width: 2,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${num(v, lang)} W`),
        })),
      ],
    }),
    [keys.join('|'), lang],
  );
  return <Chart id="power-chart" options={options} data={data} height={300} label={t('runs.powerChart')} />;
}
