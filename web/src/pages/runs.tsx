import { useEffect, useMemo, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { ApiError, download, get } from '../api';
import { axis, Chart, timeAxis } from '../components/chart';
import { COLOURS } from '../components/colours';
import { ErrorBox, Figure, Loading, Sourced } from '../components/ui';
import { useLoad } from '../data';
import { dateTime, duration, energy, mass, num } from '../format';
import { useI18n } from '../i18n';
import type { PowerSeries, RunListEntry, RunReport } from '../types';
import { channelKey, type LiveTicks, useRunFeed } from './run-feed';

export function RunsPage({ id }: { id?: string }) {
  return id ? <RunView id={id} /> : <RunList />;
}

/** How many runs the page asks for at first, the newest: a store can hold thousands. */
const FIRST_RUNS = 200;

function RunList() {
  const { t, lang } = useI18n();
  const [tick, setTick] = useState(0);
  const [every, setEvery] = useState(false);
  // One run more than shown says whether older ones exist.
  const runs = useLoad(
    () => get<RunListEntry[]>('runs', every ? {} : { limit: String(FIRST_RUNS + 1) }),
    [tick, every],
  );
  const more = !every && (runs.data?.length ?? 0) > FIRST_RUNS;
  const shown = more ? runs.data?.slice(0, FIRST_RUNS) : runs.data;
  const running = shown?.some((r) => r.status === 'running');
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
      {shown && shown.length === 0 && <p class="card">{t('runs.empty')}</p>}
      {shown && shown.length > 0 && (
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
              {shown.map((r) => (
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
      {more && (
        <p class="hint" id="runs-more">
          {t('runs.more', { n: num(FIRST_RUNS, lang) })}{' '}
          <button type="button" class="secondary" onClick={() => setEvery(true)}>
            {t('runs.showAll')}
          </button>
        </p>
      )}
    </section>
  );
}

function RunView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { report: r, error, status, series, live, version, chartBox, count } = useRunFeed(id, lang);
  if (error instanceof ApiError && error.status === 404) return <RunNotFound />;
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
      {r && <RunSummary r={r} />}
      <h2>{t('runs.powerChart')}</h2>
      <p class="hint" aria-live="polite" data-testid="sample-count" data-count={count}>
        {t('runs.samples', { n: num(count, lang, 6) })}
        {status === 'running' ? ` — ${t('runs.live')}` : ''}
      </p>
      <div ref={chartBox}>
        <PowerChart series={series} live={live} version={version} />
      </div>
      {r && r.phases.length > 0 && <Phases phases={r.phases} />}
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

function RunNotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('runs.notFound')}</h1>
      <p>
        <a href="#/runs">{t('runs.back')}</a>
      </p>
    </section>
  );
}

/** The run's command, its totals and where each component's reading came from. */
function RunSummary({ r }: { r: RunReport }) {
  const { t, lang } = useI18n();
  return (
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
            {c.toUpperCase()} <Sourced source={r.sources[c] ?? t('runs.none')}>
              {r.sources[c] ?? '—'}
            </Sourced>{' '}
          </span>
        ))}
      </p>
    </>
  );
}

function Phases({ phases }: { phases: RunReport['phases'] }) {
  const { t, lang } = useI18n();
  return (
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
          {phases.map((p) => (
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
