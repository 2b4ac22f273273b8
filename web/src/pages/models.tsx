import { useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { post } from '../api';
import { axis, Chart, LOG_SCALE, logAxis } from '../components/chart';
import { COLOURS } from '../components/colours';
import { ErrorBox, Loading } from '../components/ui';
import { loadModels, useLoad } from '../data';
import { energy, mass, pct, powerOfTen, sci } from '../format';
import { type Lang, useI18n } from '../i18n';
import type { ModelEntry, TrainingEstimate } from '../types';

interface Row {
  model: ModelEntry;
  estimate: TrainingEstimate;
}

/** Estimates every catalog model with a published figure, six requests at a time. */
async function loadRows(lang: Lang): Promise<Row[]> {
  const models = (await loadModels()).filter((m) => m.energyKwh !== undefined || m.co2eKg !== undefined);
  const rows: Row[] = [];
  let next = 0;
  const worker = async () => {
    while (next < models.length) {
      const model = models[next++];
      rows.push({
        model,
        estimate: await post<TrainingEstimate>('estimate/training', { model: model.id }, { lang }),
      });
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return rows;
}

type Metric = 'energy' | 'co2e';
type SortKey =
  | 'name'
  | 'year'
  | 'flop'
  | 'energyPub'
  | 'energyOurs'
  | 'energyDiff'
  | 'co2ePub'
  | 'co2eOurs'
  | 'co2eDiff';

const value = (r: Row, key: SortKey): number | string | undefined => {
  const e = r.estimate;
  switch (key) {
    case 'name':
      return r.model.name.toLowerCase();
    case 'year':
      return r.model.year;
    case 'flop':
      return e.flop ?? undefined;
    case 'energyPub':
      return r.model.energyKwh;
    case 'energyOurs':
      return e.energyKwh.central;
    case 'energyDiff':
      return e.published?.differencePct.energyKwh;
    case 'co2ePub':
      return r.model.co2eKg;
    case 'co2eOurs':
      return e.co2eKg.central;
    case 'co2eDiff':
      return e.published?.differencePct.co2eKg;
  }
};

type Sort = { key: SortKey; dir: 1 | -1 };

/** The rows in the table's order: by the chosen column, rows without its value last. */
function sortRows(rows: Row[] | undefined, sort: Sort): Row[] {
  const list = [...(rows ?? [])];
  return list.sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  });
}

export function ModelsPage() {
  const { t, lang } = useI18n();
  const rows = useLoad(() => loadRows(lang), [lang]);
  const [metric, setMetric] = useState<Metric>('co2e');
  const [sort, setSort] = useState<Sort>({ key: 'flop', dir: -1 });
  const sorted = useMemo(() => sortRows(rows.data, sort), [rows.data, sort]);
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">{t('models.title')}</h1>
      <p class="lead">{t('models.lead')}</p>
      <ErrorBox error={rows.error} />
      {!rows.data && !rows.error && <Loading />}
      {rows.data && (
        <>
          <MetricChoice metric={metric} setMetric={setMetric} />
          <ModelsChart rows={rows.data} metric={metric} />
          <ModelsTable rows={sorted} sort={sort} setSort={setSort} />
        </>
      )}
    </section>
  );
}

function MetricChoice({ metric, setMetric }: { metric: Metric; setMetric: (metric: Metric) => void }) {
  const { t } = useI18n();
  return (
    <fieldset class="mode inline">
      <legend>{t('models.metric')}</legend>
      {(['energy', 'co2e'] as const).map((m) => (
        <label key={m} class="radio">
          <input type="radio" name="metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
          {t(`models.metric.${m}`)}
        </label>
      ))}
    </fieldset>
  );
}

interface SortProps {
  sort: Sort;
  setSort: (sort: Sort) => void;
}

/** A column header that sorts by its column; a second click reverses the order. */
function SortHeader({ sort, setSort, name: key, label }: SortProps & { name: SortKey; label: string }) {
  return (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        class="sort"
        onClick={() =>
          setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : key === 'name' ? 1 : -1 })
        }
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

function ModelsTable({ rows, sort, setSort }: SortProps & { rows: Row[] }) {
  const { t } = useI18n();
  const at = { sort, setSort };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-scroll" tabIndex={0} aria-label={t('models.table')}>
      <table class="data" id="models-table">
        <thead>
          <tr>
            <SortHeader {...at} name="name" label={t('models.col.model')} />
            <SortHeader {...at} name="year" label={t('models.col.year')} />
            <SortHeader {...at} name="flop" label={t('models.col.flop')} />
            <SortHeader {...at} name="energyPub" label={t('models.col.energyPub')} />
            <SortHeader {...at} name="energyOurs" label={t('models.col.energyOurs')} />
            <SortHeader {...at} name="energyDiff" label={t('models.col.diff')} />
            <SortHeader {...at} name="co2ePub" label={t('models.col.co2ePub')} />
            <SortHeader {...at} name="co2eOurs" label={t('models.col.co2eOurs')} />
            <SortHeader {...at} name="co2eDiff" label={t('models.col.diff')} />
            <th scope="col">{t('result.source')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ModelRow key={row.model.id} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One model: its published figures, our estimates, the differences and the source. */
function ModelRow({ row: { model: m, estimate: e } }: { row: Row }) {
  const { lang } = useI18n();
  return (
    <tr>
      <th scope="row">
        {m.name}
        <small class="muted"> {m.org}</small>
      </th>
      <td>{m.year}</td>
      <td>{sci(e.flop, lang)}</td>
      <td>{energy(m.energyKwh, lang)}</td>
      <td>{energy(e.energyKwh.central, lang)}</td>
      <td>{pct(e.published?.differencePct.energyKwh, lang, true)}</td>
      <td>{mass(m.co2eKg, lang)}</td>
      <td>{mass(e.co2eKg.central, lang)}</td>
      <td>{pct(e.published?.differencePct.co2eKg, lang, true)}</td>
      <td class="source" title={m.source.citation}>
        {m.source.url ? (
          <a href={m.source.url} rel="noreferrer noopener" target="_blank">
            {m.source.citation}
          </a>
        ) : (
          m.source.citation
        )}
      </td>
    </tr>
  );
}

/** Published figure and our estimate against training compute, both axes logarithmic. */
function ModelsChart({ rows, metric }: { rows: Row[]; metric: Metric }) {
  const { t, lang } = useI18n();
  const points = useMemo(
    () =>
      rows
        .filter((r) => r.estimate.flop && r.estimate.flop > 0)
        .sort((a, b) => a.estimate.flop! - b.estimate.flop!),
    [rows],
  );
  const data = useMemo<uPlot.AlignedData>(() => {
    const pub = (r: Row) => (metric === 'energy' ? r.model.energyKwh : r.model.co2eKg);
    const ours = (r: Row) => (metric === 'energy' ? r.estimate.energyKwh.central : r.estimate.co2eKg.central);
    const positive = (v: number | undefined) => (v !== undefined && v > 0 ? v : null);
    return [
      points.map((r) => r.estimate.flop!),
      points.map((r) => positive(pub(r))),
      points.map((r) => positive(ours(r))),
    ];
  }, [points, metric]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const y = metric === 'energy' ? (v: number) => energy(v, lang) : (v: number) => mass(v, lang);
    const dot = (colour: string, shape: number) => ({
      stroke: colour,
      paths: () => null,
      points: { show: true, size: shape, fill: colour, stroke: colour },
    });
    return {
      scales: { x: { ...LOG_SCALE, time: false }, y: LOG_SCALE },
      axes: [logAxis(axis(powerOfTen, t('models.axis.flop'))), logAxis(axis(y))],
      series: [
        {
          label: t('models.col.model'),
          value: (_u, _v, _s, i) =>
            i === null ? '—' : `${points[i]?.model.name} (${sci(points[i]?.estimate.flop, lang)} FLOP)`,
        },
        {
          label: t('result.publishedFigure'),
          ...dot(COLOURS[1], 9),
          value: (_u, v) => (v === null ? '—' : y(v)),
        },
        { label: t('result.ours'), ...dot(COLOURS[0], 7), value: (_u, v) => (v === null ? '—' : y(v)) },
      ],
      cursor: { points: { size: 10 } },
    };
  }, [points, metric, lang]);
  return (
    <Chart id="models-chart" options={options} data={data} height={360} label={t('models.chartLabel')} />
  );
}
