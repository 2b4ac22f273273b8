import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { COLOURS } from '../components/colours';
import { Breakdown, ErrorBox, Field, Figure, Sourced } from '../components/ui';
import { loadHardware, loadLocations, loadModels, useLoad, useSubmit } from '../data';
import { energy, mass, num, pct, range, scaleEnergy, scaleMass, sci } from '../format';
import { useI18n } from '../i18n';
import type { HardwareEntry, LocationEntry, ModelEntry, ResolvedInput, TrainingEstimate } from '../types';

type Mode = 'catalog' | 'custom';
const FIELDS = [
  'model',
  'params',
  'tokens',
  'hardware',
  'chips',
  'days',
  'location',
  'pue',
  'mfu',
  'calibration',
] as const;
type Form = Record<(typeof FIELDS)[number], string>;

const INITIAL: Form = {
  model: 'llama-2-70b',
  params: '7B',
  tokens: '2T',
  hardware: 'nvidia-h100-sxm5-80gb',
  chips: '64',
  days: '',
  location: '',
  pue: '',
  mfu: '',
  calibration: '',
};

/** A calibration stored from measured runs (GET /api/v1/calibrations): what the select shows. */
interface CalibrationItem {
  name: string;
  hardware: string;
  mfu: number;
  powerWPerChip: number;
  runs: unknown[];
}
const loadCalibrations = () => get<CalibrationItem[]>('calibrations');

/** Body of the request: only the fields of the chosen mode that are filled in. */
function body(form: Form, mode: Mode): Record<string, string> {
  // A calibration brings its own hardware and utilisation.
  const keep: readonly (keyof Form)[] =
    mode === 'catalog'
      ? ['model', 'location', 'pue']
      : form.calibration
        ? ['params', 'tokens', 'calibration', 'chips', 'days', 'location', 'pue']
        : ['params', 'tokens', 'hardware', 'chips', 'days', 'location', 'pue', 'mfu'];
  return Object.fromEntries(keep.filter((k) => form[k].trim() !== '').map((k) => [k, form[k].trim()]));
}

/** What the form's parts share: its values and how to change one. */
interface FormProps {
  form: Form;
  setForm: (form: Form) => void;
}

/** A text input bound to one field of the form. */
function inputFor({ form, setForm }: FormProps) {
  return (name: keyof Form, props: Record<string, unknown> = {}) => (
    <input
      id={`f-${name}`}
      name={name}
      value={form[name]}
      onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      autocomplete="off"
      {...props}
    />
  );
}

export function TrainingPage() {
  const { t, lang } = useI18n();
  const models = useLoad(loadModels);
  const hardware = useLoad(loadHardware);
  const locations = useLoad(loadLocations);
  const calibrations = useLoad(loadCalibrations);
  const [mode, setMode] = useState<Mode>('catalog');
  const [form, setForm] = useState<Form>(INITIAL);
  const { result, error, busy, submit } = useSubmit(() =>
    post<TrainingEstimate>('estimate/training', body(form, mode), { lang }),
  );
  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t('training.title')}</h1>
      <p class="lead">{t('training.lead')}</p>
      <form class="card form-grid" onSubmit={submit} aria-describedby="training-hint">
        <ModeChoice mode={mode} setMode={setMode} />
        {mode === 'catalog' ? (
          <ModelField form={form} setForm={setForm} models={models.data} />
        ) : (
          <CustomFields
            form={form}
            setForm={setForm}
            hardware={hardware.data}
            calibrations={calibrations.data}
          />
        )}
        <PlaceFields form={form} setForm={setForm} locations={locations.data} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('status.computing') : t('action.estimate')}
          </button>
        </div>
        <p id="training-hint" class="hint">
          {t('training.hint')}
        </p>
      </form>
      <ErrorBox error={error ?? models.error} />
      <div aria-live="polite">{result && <TrainingResult result={result} />}</div>
    </section>
  );
}

function ModeChoice({ mode, setMode }: { mode: Mode; setMode: (mode: Mode) => void }) {
  const { t } = useI18n();
  return (
    <fieldset class="mode">
      <legend>{t('training.mode')}</legend>
      {(['catalog', 'custom'] as const).map((m) => (
        <label key={m} class="radio">
          <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
          {t(`training.mode.${m}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Catalog mode: a published model, its figures from the catalog. */
function ModelField({ form, setForm, models }: FormProps & { models?: ModelEntry[] }) {
  const { t } = useI18n();
  return (
    <Field id="f-model" label={t('field.model')}>
      <select
        id="f-model"
        value={form.model}
        onChange={(e) => setForm({ ...form, model: e.currentTarget.value })}
      >
        {(models ?? [{ id: form.model, name: form.model, year: 0, org: '' }]).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.org ? ` — ${m.org}, ${m.year}` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Custom mode: the model's size and tokens, and the cluster that trains it. */
function CustomFields(props: FormProps & { hardware?: HardwareEntry[]; calibrations?: CalibrationItem[] }) {
  const { t } = useI18n();
  const { form, setForm } = props;
  const input = inputFor(props);
  return (
    <>
      <Field id="f-params" label={t('field.params')} hint={t('hint.number')}>
        {input('params', { inputMode: 'text', required: true, 'aria-describedby': 'f-params-hint' })}
      </Field>
      <Field id="f-tokens" label={t('field.tokens')}>
        {input('tokens', { required: true })}
      </Field>
      <CalibrationField form={form} setForm={setForm} calibrations={props.calibrations} />
      <HardwareField form={form} setForm={setForm} hardware={props.hardware} />
      <Field id="f-chips" label={t('field.chips')}>
        {input('chips', { inputMode: 'numeric' })}
      </Field>
      <Field id="f-days" label={t('field.days')} hint={t('hint.optional')}>
        {input('days', { inputMode: 'decimal' })}
      </Field>
      <Field id="f-mfu" label={t('field.mfu')} hint={t('hint.mfu')}>
        {input('mfu', {
          inputMode: 'decimal',
          'aria-describedby': 'f-mfu-hint',
          disabled: form.calibration !== '',
        })}
      </Field>
    </>
  );
}

function CalibrationField({ form, setForm, calibrations }: FormProps & { calibrations?: CalibrationItem[] }) {
  const { t, lang } = useI18n();
  return (
    <Field id="f-calibration" label={t('field.calibration')} hint={t('hint.calibration')}>
      <select
        id="f-calibration"
        value={form.calibration}
        aria-describedby="f-calibration-hint"
        onChange={(e) => setForm({ ...form, calibration: e.currentTarget.value })}
      >
        <option value="">{t('option.noCalibration')}</option>
        {(calibrations ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} — {c.hardware}, MFU {num(c.mfu, lang)}, {num(c.powerWPerChip, lang)} W ({c.runs.length})
          </option>
        ))}
      </select>
    </Field>
  );
}
function HardwareField({ form, setForm, hardware }: FormProps & { hardware?: HardwareEntry[] }) {
  const { t } = useI18n();
  return (
    <Field id="f-hardware" label={t('field.hardware')}>
      <select
        id="f-hardware"
        disabled={form.calibration !== ''}
        value={form.hardware}
        onChange={(e) => setForm({ ...form, hardware: e.currentTarget.value })}
      >
        {(hardware ?? [])
          .filter((h) => h.kind !== 'cpu')
          .map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} ({h.year})
            </option>
          ))}
      </select>
    </Field>
  );
}

/** Where the training runs: the grid's location and the data centre's PUE (both modes). */
function PlaceFields(props: FormProps & { locations?: LocationEntry[] }) {
  const { t } = useI18n();
  const input = inputFor(props);
  return (
    <>
      <Field id="f-location" label={t('field.location')} hint={t('hint.location')}>
        {input('location', { list: 'locations-list', 'aria-describedby': 'f-location-hint' })}
        <datalist id="locations-list">
          {(props.locations ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </datalist>
      </Field>
      <Field id="f-pue" label={t('field.pue')} hint={t('hint.pue')}>
        {input('pue', { inputMode: 'decimal', 'aria-describedby': 'f-pue-hint' })}
      </Field>
    </>
  );
}

function TrainingResult({ result: r }: { result: TrainingEstimate }) {
  const { t } = useI18n();
  return (
    <div id="training-result" class="result">
      <TrainingFigures r={r} />
      <h2>{t('result.breakdown')}</h2>
      <TrainingBreakdown r={r} />
      {r.published && <Published r={r} published={r.published} />}
      {r.equivalents.length > 0 && <Equivalents equivalents={r.equivalents} />}
      <InputsTable inputs={r.inputs} />
      {r.notes.length > 0 && (
        <>
          <h2>{t('result.notes')}</h2>
          <ul class="notes">
            {r.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function TrainingFigures({ r }: { r: TrainingEstimate }) {
  const { t, lang } = useI18n();
  return (
    <div class="figures">
      <Figure
        label={t('result.totalCo2e')}
        value={mass(r.totalCo2eKg.central, lang)}
        detail={`${t('result.range')} ${range(r.totalCo2eKg, scaleMass, lang)}`}
        testId="total-co2e"
      />
      <Figure
        label={t('result.energy')}
        value={energy(r.energyKwh.central, lang)}
        detail={`${t('result.range')} ${range(r.energyKwh, scaleEnergy, lang)}`}
        testId="energy"
      />
      <Figure
        label={t('result.chipHours')}
        value={`${num(r.chipHours.central, lang)}\u00a0h`}
        detail={r.flop ? `${sci(r.flop, lang)} FLOP` : undefined}
      />
    </div>
  );
}

/** Operational (IT and facility) and embodied emissions, then the market-based figure if any. */
function TrainingBreakdown({ r }: { r: TrainingEstimate }) {
  const { t, lang } = useI18n();
  const parts = r.breakdownCo2eKg;
  return (
    <>
      <Breakdown
        label={t('result.breakdown')}
        parts={[
          { label: t('result.it'), value: parts.it, text: mass(parts.it, lang), colour: COLOURS[0] },
          {
            label: t('result.facility'),
            value: parts.facility,
            text: mass(parts.facility, lang),
            colour: COLOURS[2],
          },
          {
            label: t('result.embodied'),
            value: parts.embodied,
            text: mass(parts.embodied, lang),
            colour: COLOURS[1],
          },
        ]}
      />
      {r.co2eMarketKg && (
        <p>
          {t('result.market')}: {mass(r.co2eMarketKg.central, lang)}
        </p>
      )}
    </>
  );
}

/** The model's published figures beside ours. */
function Published({
  r,
  published,
}: {
  r: TrainingEstimate;
  published: NonNullable<TrainingEstimate['published']>;
}) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2>{t('result.published')}</h2>
      <table class="data stack">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('result.publishedFigure')}</th>
            <th scope="col">{t('result.ours')}</th>
            <th scope="col">{t('result.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {published.energyKwh !== undefined && (
            <tr>
              <th scope="row">{t('result.energy')}</th>
              <td data-label={t('result.publishedFigure')}>
                <Sourced source={published.source}>{energy(published.energyKwh, lang)}</Sourced>
              </td>
              <td data-label={t('result.ours')}>{energy(r.energyKwh.central, lang)}</td>
              <td data-label={t('result.difference')}>
                {pct(published.differencePct.energyKwh, lang, true)}
              </td>
            </tr>
          )}
          {published.co2eKg !== undefined && (
            <tr>
              <th scope="row">{t('result.co2e')}</th>
              <td data-label={t('result.publishedFigure')}>
                <Sourced source={published.source}>{mass(published.co2eKg, lang)}</Sourced>
              </td>
              <td data-label={t('result.ours')}>{mass(r.co2eKg.central, lang)}</td>
              <td data-label={t('result.difference')}>{pct(published.differencePct.co2eKg, lang, true)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

function Equivalents({ equivalents }: { equivalents: TrainingEstimate['equivalents'] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2>{t('result.equivalents')}</h2>
      <ul class="equivalents">
        {equivalents.slice(0, 6).map((q) => (
          <li key={q.id}>
            <Sourced source={q.source}>
              ≈ <strong>{num(q.value, lang)}</strong> {q.unit}
            </Sourced>{' '}
            — {q.label}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Every input the estimate used, with its value and where it came from. */
function InputsTable({ inputs }: { inputs: TrainingEstimate['inputs'] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2>{t('result.inputs')}</h2>
      <p class="hint">{t('result.inputsHint')}</p>
      <table class="data inputs stack">
        <thead>
          <tr>
            <th scope="col">{t('result.input')}</th>
            <th scope="col">{t('result.value')}</th>
            <th scope="col">{t('result.source')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(inputs).map(([name, input]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <Sourced source={input.source}>{inputValue(input, lang)}</Sourced>
              </td>
              <td class="source" title={input.source} data-label={t('result.source')}>
                {input.source}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function inputValue(input: ResolvedInput, lang: 'en' | 'fr'): string {
  const v = input.value;
  if (typeof v === 'number') return v >= 1e6 ? sci(v, lang) : num(v, lang);
  if (typeof v === 'string') return v;
  return `${num(v.central, lang)} (${num(v.low, lang)}–${num(v.high, lang)})`;
}
