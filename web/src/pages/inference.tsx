import { useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { post } from '../api';
import { axis, Chart } from '../components/chart';
import { COLOURS } from '../components/colours';
import { BarList, Breakdown, ErrorBox, Field, Figure, Loading, Sourced } from '../components/ui';
import { loadHardware, useLoad } from '../data';
import { energy, mass, num, pct, range, scaleEnergy, scaleMass } from '../format';
import { useI18n } from '../i18n';
import type { DeploymentEstimate } from '../types';

/** Options compared with the preset's baseline (the `--compare` syntax of the CLI). */
const COMPARE = [
  'prompt-caching=on',
  'response-cache=0.2',
  'route=0.6:1B',
  'params=70B',
  'weights-bits=4',
  'hardware=nvidia-l40s',
  'location=fr',
];

interface Form {
  params: string;
  hardware: string;
  location: string;
  conversationsPerDay: string;
  promptCaching: boolean;
}

export function InferencePage() {
  const { t, lang } = useI18n();
  const hardware = useLoad(loadHardware);
  const [form, setForm] = useState<Form>({
    params: '8B',
    hardware: 'nvidia-h100-sxm5-80gb',
    location: 'us',
    conversationsPerDay: '5000',
    promptCaching: false,
  });
  const [result, setResult] = useState<DeploymentEstimate>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        preset: 'customer-service',
        params: form.params || undefined,
        hardware: form.hardware || undefined,
        location: form.location || undefined,
        conversationsPerDay: form.conversationsPerDay || undefined,
        promptCaching: form.promptCaching,
        compare: COMPARE.filter((c) => !(form.promptCaching && c.startsWith('prompt-caching'))),
      };
      setResult(await post<DeploymentEstimate>('estimate/deployment', body, { lang }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    run();
  }, [lang]);

  const text = (name: 'params' | 'location' | 'conversationsPerDay') => (
    <input
      id={`d-${name}`}
      value={form[name]}
      autocomplete="off"
      onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
    />
  );
  return (
    <section aria-labelledby="inference-title">
      <h1 id="inference-title">{t('inference.title')}</h1>
      <p class="lead">{t('inference.lead')}</p>
      <form class="card form-grid" onSubmit={run}>
        <Field id="d-params" label={t('field.params')} hint={t('hint.number')}>
          {text('params')}
        </Field>
        <Field id="d-hardware" label={t('field.hardware')}>
          <select
            id="d-hardware"
            value={form.hardware}
            onChange={(e) => setForm({ ...form, hardware: e.currentTarget.value })}
          >
            {(hardware.data ?? [{ id: form.hardware, name: form.hardware, kind: 'gpu', year: 0 }])
              .filter((h) => h.kind !== 'cpu')
              .map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
          </select>
        </Field>
        <Field id="d-location" label={t('field.location')}>
          {text('location')}
        </Field>
        <Field id="d-conversationsPerDay" label={t('field.conversationsPerDay')}>
          {text('conversationsPerDay')}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={form.promptCaching}
            onChange={(e) => setForm({ ...form, promptCaching: e.currentTarget.checked })}
          />
          {t('field.promptCaching')}
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('status.computing') : t('action.estimate')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {!result && !error && <Loading />}
      {result && <DeploymentResult r={result} />}
    </section>
  );
}

function DeploymentResult({ r }: { r: DeploymentEstimate }) {
  const { t } = useI18n();
  return (
    <div id="deployment-result" class="result" aria-live="polite">
      <DeploymentFigures r={r} />
      <h2>{t('inference.breakdown')}</h2>
      <DeploymentBreakdown r={r} />
      {r.comparisons && r.comparisons.length > 0 && <Comparisons r={r} comparisons={r.comparisons} />}
      <h2>{t('inference.hourly')}</h2>
      <HourlyChart r={r} />
      {r.perTurn && r.perTurn.length > 1 && (
        <>
          <h2>{t('inference.perTurn')}</h2>
          <TurnChart r={r} />
        </>
      )}
      <Inputs inputs={r.inputs} />
      {r.notes.length > 0 && (
        <ul class="notes">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DeploymentFigures({ r }: { r: DeploymentEstimate }) {
  const { t, lang } = useI18n();
  return (
    <div class="figures">
      <Figure
        label={t('inference.yearCo2e')}
        value={mass(r.yearly.totalCo2eKg.central, lang)}
        detail={range(r.yearly.totalCo2eKg, scaleMass, lang)}
        testId="year-co2e"
      />
      <Figure
        label={t('inference.yearEnergy')}
        value={energy(r.yearly.energyKwh.central, lang)}
        detail={range(r.yearly.energyKwh, scaleEnergy, lang)}
      />
      <Figure
        label={t('inference.perRequest')}
        value={`${num(r.perRequest.energyWh.central, lang)}\u00a0Wh`}
        detail={`${num(r.perRequest.co2eG.central, lang)}\u00a0g CO₂e`}
      />
      {r.perConversation && (
        <Figure
          label={t('inference.perConversation')}
          value={`${num(r.perConversation.energyWh.central, lang)}\u00a0Wh`}
        />
      )}
    </div>
  );
}

/** The year's energy: accelerators busy and idle, the host, the facility. */
function DeploymentBreakdown({ r }: { r: DeploymentEstimate }) {
  const { t, lang } = useI18n();
  const b = r.breakdownKwhPerYear;
  return (
    <Breakdown
      label={t('inference.breakdown')}
      parts={[
        {
          label: t('inference.active'),
          value: b.acceleratorActive,
          text: energy(b.acceleratorActive, lang),
          colour: COLOURS[0],
        },
        {
          label: t('inference.idle'),
          value: b.acceleratorIdle,
          text: energy(b.acceleratorIdle, lang),
          colour: COLOURS[1],
        },
        { label: t('inference.host'), value: b.host, text: energy(b.host, lang), colour: COLOURS[2] },
        {
          label: t('inference.facility'),
          value: b.facility,
          text: energy(b.facility, lang),
          colour: COLOURS[3],
        },
      ]}
    />
  );
}

/** The baseline beside each option compared with it, lowest emissions first. */
function Comparisons({
  r,
  comparisons,
}: {
  r: DeploymentEstimate;
  comparisons: NonNullable<DeploymentEstimate['comparisons']>;
}) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2>{t('inference.comparisons')}</h2>
      <p class="hint">{t('inference.comparisonsHint')}</p>
      <BarList
        id="comparisons"
        label={t('inference.comparisons')}
        rows={[
          {
            key: 'baseline',
            label: t('inference.baseline'),
            value: r.yearly.co2eKg.central,
            text: mass(r.yearly.co2eKg.central, lang),
            highlight: true,
          },
          ...[...comparisons]
            .sort((a, c) => a.co2eKg.central - c.co2eKg.central)
            .map((c) => ({
              key: c.id,
              label: c.label,
              value: c.co2eKg.central,
              text: `${mass(c.co2eKg.central, lang)} (${pct(-c.co2eSavingPct, lang, true)})`,
            })),
        ]}
      />
    </>
  );
}

/** Every input the estimate used, folded away, each with its source on hover. */
function Inputs({ inputs }: { inputs: DeploymentEstimate['inputs'] }) {
  const { t, lang } = useI18n();
  return (
    <details>
      <summary>{t('result.inputs')}</summary>
      <ul class="notes">
        {Object.entries(inputs).map(([name, input]) => (
          <li key={name}>
            {name}:{' '}
            <Sourced source={input.source}>
              {typeof input.value === 'object'
                ? num(input.value.central, lang)
                : typeof input.value === 'number'
                  ? num(input.value, lang)
                  : input.value}
            </Sourced>
          </li>
        ))}
      </ul>
    </details>
  );
}

function HourlyChart({ r }: { r: DeploymentEstimate }) {
  const { t, lang } = useI18n();
  const data = useMemo<uPlot.AlignedData>(
    () => [r.hourly.map((h) => h.hour), r.hourly.map((h) => h.requests), r.hourly.map((h) => h.energyKwh)],
    [r],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false }, req: {}, kwh: {} },
      axes: [
        axis((v) => `${v}h`, t('inference.hourUtc')),
        { ...axis((v) => num(v, lang), t('inference.requests')), scale: 'req' },
        { ...axis((v) => num(v, lang), 'kWh'), scale: 'kwh', side: 1, grid: { show: false } },
      ],
      series: [
        { label: t('inference.hour') },
        {
          label: t('inference.requests'),
          scale: 'req',
          stroke: COLOURS[2],
          width: 2,
          value: (_u, v) => num(v, lang),
        },
        {
          label: t('inference.energyHour'),
          scale: 'kwh',
          stroke: COLOURS[0],
          width: 2,
          fill: 'rgba(11,110,79,0.12)',
          value: (_u, v) => energy(v, lang),
        },
      ],
    }),
    [lang],
  );
  return <Chart id="hourly-chart" options={options} data={data} label={t('inference.hourly')} height={260} />;
}

function TurnChart({ r }: { r: DeploymentEstimate }) {
  const { t, lang } = useI18n();
  const turns = r.perTurn ?? [];
  const data = useMemo<uPlot.AlignedData>(
    () => [turns.map((x) => x.turn), turns.map((x) => x.energyWh)],
    [r],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      axes: [
        { ...axis((v) => num(v, lang), t('inference.turn')), incrs: [1, 2, 5, 10] },
        axis((v) => `${num(v, lang)} Wh`),
      ],
      series: [
        { label: t('inference.turn') },
        {
          label: t('inference.energyTurn'),
          stroke: COLOURS[1],
          width: 2,
          points: { show: true, size: 7 },
          value: (_u, v) => `${num(v, lang)} Wh`,
        },
      ],
    }),
    [lang],
  );
  return <Chart id="turn-chart" options={options} data={data} label={t('inference.perTurn')} height={220} />;
}
