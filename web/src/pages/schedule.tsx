import { useMemo, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { post } from '../api';
import { axis, Chart, timeAxis } from '../components/chart';
import { COLOURS } from '../components/colours';
import { ErrorBox, Field, Figure } from '../components/ui';
import { useSubmit } from '../data';
import { dateTime, mass, num, pct } from '../format';
import { useI18n } from '../i18n';
import type { ScheduleResult, WindowReport } from '../types';

interface Form {
  duration: string;
  forecast: boolean;
  interruptible: boolean;
  powerW: string;
  fromApi: string;
  zone: string;
}

/** The request's body: the uploaded series (read as text), the job and where to read intensity. */
async function scheduleBody(form: Form, files: File[]) {
  const series = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
  return {
    ...(series.length > 0 ? { series } : {}),
    duration: form.duration,
    forecast: form.forecast,
    interruptible: form.interruptible,
    ...(form.powerW ? { powerW: form.powerW } : {}),
    ...(form.fromApi ? { fromApi: form.fromApi } : {}),
    ...(form.zone ? { zone: form.zone } : {}),
    includeSeries: true,
  };
}

export function SchedulePage() {
  const { t, lang } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [form, setForm] = useState<Form>({
    duration: '4h',
    forecast: false,
    interruptible: false,
    powerW: '',
    fromApi: '',
    zone: '',
  });
  const { result, error, busy, submit } = useSubmit(async () =>
    post<ScheduleResult>('schedule', await scheduleBody(form, files), { lang }),
  );
  return (
    <section aria-labelledby="schedule-title">
      <h1 id="schedule-title">{t('schedule.title')}</h1>
      <p class="lead">{t('schedule.lead')}</p>
      <form class="card form-grid" onSubmit={submit}>
        <SourceFields form={form} setForm={setForm} setFiles={setFiles} />
        <JobFields form={form} setForm={setForm} />
        <div class="actions">
          <button type="submit" disabled={busy || (files.length === 0 && !form.fromApi)}>
            {busy ? t('status.computing') : t('schedule.find')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      <div aria-live="polite">{result && <ScheduleView r={result} />}</div>
      <details class="card how-to" open={!result}>
        <summary>{t('schedule.howTo')}</summary>
        <ul>
          <li>{t('schedule.howTo.em')}</li>
          <li>{t('schedule.howTo.ukci')}</li>
          <li>{t('schedule.howTo.watttime')}</li>
          <li>{t('schedule.howTo.csv')}</li>
        </ul>
      </details>
    </section>
  );
}

interface FormProps {
  form: Form;
  setForm: (form: Form) => void;
}

/** Where the intensity comes from: uploaded exports, or a connector and its zone. */
function SourceFields({ form, setForm, setFiles }: FormProps & { setFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Field id="s-files" label={t('schedule.files')} hint={t('schedule.filesHint')}>
        <input
          id="s-files"
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.json,text/csv,application/json"
          aria-describedby="s-files-hint"
          onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
        />
      </Field>
      <Field id="s-fromApi" label={t('schedule.connector')} hint={t('schedule.connectorHint')}>
        <select
          id="s-fromApi"
          value={form.fromApi}
          aria-describedby="s-fromApi-hint"
          onChange={(e) => setForm({ ...form, fromApi: e.currentTarget.value })}
        >
          <option value="">{t('schedule.noConnector')}</option>
          <option value="ukci">UK Carbon Intensity (GB)</option>
          <option value="electricitymaps">Electricity Maps</option>
          <option value="watttime">WattTime</option>
        </select>
      </Field>
      <Field id="s-zone" label={t('schedule.zone')}>
        <input
          id="s-zone"
          value={form.zone}
          autocomplete="off"
          onInput={(e) => setForm({ ...form, zone: e.currentTarget.value })}
        />
      </Field>
    </>
  );
}

/** The job to place: how long it runs, its power, and whether it may wait for a forecast or pause. */
function JobFields({ form, setForm }: FormProps) {
  const { t } = useI18n();
  return (
    <>
      <Field id="s-duration" label={t('schedule.duration')} hint="90m, 4h, 2d">
        <input
          id="s-duration"
          required
          value={form.duration}
          onInput={(e) => setForm({ ...form, duration: e.currentTarget.value })}
        />
      </Field>
      <Field id="s-power" label={t('schedule.power')} hint={t('hint.optional')}>
        <input
          id="s-power"
          inputMode="decimal"
          value={form.powerW}
          onInput={(e) => setForm({ ...form, powerW: e.currentTarget.value })}
        />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={form.forecast}
          onChange={(e) => setForm({ ...form, forecast: e.currentTarget.checked })}
        />
        {t('schedule.forecast')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={form.interruptible}
          onChange={(e) => setForm({ ...form, interruptible: e.currentTarget.checked })}
        />
        {t('schedule.interruptible')}
      </label>
    </>
  );
}

function windowText(w: WindowReport | null, lang: 'en' | 'fr'): string {
  if (!w) return '—';
  return `${w.zone}: ${dateTime(w.start, lang)} → ${dateTime(w.end, lang)}`;
}

function ScheduleView({ r }: { r: ScheduleResult }) {
  const { t, lang } = useI18n();
  const unit = r.unit === 'percentile' ? t('schedule.index') : 'g CO₂e/kWh';
  const value = (w: WindowReport | null) => (w ? num(w.intensityGPerKwh ?? w.signalIndex, lang) : '—');
  return (
    <div id="schedule-result" class="result">
      <div class="figures">
        <Figure
          label={t('schedule.best')}
          value={`${value(r.best)} ${unit}`}
          detail={windowText(r.best, lang)}
          testId="best-window"
        />
        <Figure
          label={t('schedule.now')}
          value={`${value(r.now)} ${unit}`}
          detail={windowText(r.now, lang)}
        />
        <Figure
          label={t('schedule.saving')}
          value={pct(r.savingPct, lang)}
          detail={
            r.co2eKg?.savedKg != null ? `${mass(r.co2eKg.savedKg, lang)} ${t('schedule.saved')}` : undefined
          }
          testId="saving"
        />
      </div>
      {r.series && r.series.length > 0 && <SeriesChart r={r} />}
      {r.best?.slots && r.best.slots.length > 1 && (
        <>
          <h2>{t('schedule.slots')}</h2>
          <ul>
            {r.best.slots.map((s) => (
              <li key={s.start}>
                {dateTime(s.start, lang)} → {dateTime(s.end, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {(r.warnings.length > 0 || r.notes.length > 0) && (
        <ul class="notes">
          {[...r.warnings, ...r.notes].map((w, i) => (
            <li key={`${w.code}${i}`}>{w.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Intensity over time per zone; forecast dashed; the best window shaded green, "now" grey. */
function SeriesChart({ r }: { r: ScheduleResult }) {
  const { t, lang } = useI18n();
  const series = r.series ?? [];
  // A zone has a forecast line (and legend entry) only when its series was extended by one.
  const forecasted = (s: (typeof series)[number]) =>
    s.forecastFrom !== undefined && s.forecastFrom < s.values.length;
  const data = useMemo<uPlot.AlignedData>(() => {
    const tables: uPlot.AlignedData[] = [];
    for (const s of series) {
      const t0 = Date.parse(s.start) / 1000;
      const xs = s.values.map((_, i) => t0 + (i * s.stepMs) / 1000);
      const cut = s.forecastFrom ?? s.values.length;
      const observed = s.values.map((v, i) => (i < cut ? v : null));
      tables.push(
        forecasted(s) ? [xs, observed, s.values.map((v, i) => (i >= cut - 1 ? v : null))] : [xs, observed],
      );
    }
    return uPlot.join(tables as [number[], ...(number | null)[][]][]);
  }, [r]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const band = (u: uPlot, w: WindowReport | null, colour: string) => {
      if (!w) return;
      const parts = w.slots && w.slots.length > 0 ? w.slots : [w];
      const { ctx } = u;
      ctx.save();
      ctx.fillStyle = colour;
      for (const p of parts) {
        const x0 = u.valToPos(Date.parse(p.start) / 1000, 'x', true);
        const x1 = u.valToPos(Date.parse(p.end) / 1000, 'x', true);
        ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
      }
      ctx.restore();
    };
    return {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      axes: [
        timeAxis(lang),
        axis((v) => num(v, lang), r.unit === 'percentile' ? t('schedule.index') : 'g CO₂e/kWh'),
      ],
      series: [
        { label: 'UTC' },
        ...series.flatMap((s, i) => [
          { label: s.zone, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: false },
          ...(forecasted(s)
            ? [
                {
                  label: `${s.zone} (${t('schedule.forecastShort')})`,
                  stroke: COLOURS[i % COLOURS.length],
                  width: 2,
                  dash: [6, 4],
                },
              ]
            : []),
        ]),
      ],
      hooks: {
        drawClear: [
          (u) => {
            band(u, r.now, 'rgba(90,90,90,0.15)');
            band(u, r.best, 'rgba(11,110,79,0.25)');
          },
        ],
      },
    };
  }, [r, lang]);
  return (
    <figure>
      <Chart
        id="schedule-chart"
        options={options}
        data={data}
        height={320}
        label={t('schedule.chartLabel')}
      />
      <figcaption class="hint">
        {t('schedule.chartCaption')}
        {series.some(forecasted) ? ` ${t('schedule.chartCaptionForecast')}` : ''}
      </figcaption>
    </figure>
  );
}
