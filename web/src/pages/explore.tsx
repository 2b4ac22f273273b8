import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { post } from '../api';
import { axis, Chart, LOG_SCALE, logAxis } from '../components/chart';
import { COLOURS } from '../components/colours';
import { ErrorBox, Figure } from '../components/ui';
import { loadHardware, loadLocations, useLoad } from '../data';
import { energy, mass, num, powerOfTen, sci } from '../format';
import { useI18n } from '../i18n';
import type { SweepRow } from '../types';

/** Accelerators offered on the slider, oldest first (those in the catalog). */
const HARDWARE = [
  'nvidia-v100-sxm2',
  'nvidia-a100-sxm4-80gb',
  'google-tpu-v4',
  'nvidia-h100-sxm5-80gb',
  'amd-mi300x',
  'google-tpu-v5p',
  'nvidia-h200-sxm-141gb',
  'nvidia-b200',
];
/** Grids offered on the slider; shown cleanest first (sorted by the catalog's intensity). */
const REGIONS = ['se', 'fr', 'ca', 'br', 'gb', 'es', 'us', 'de', 'jp', 'cn', 'in', 'pl', 'za'];
const FIRST_YEAR = 2025;
const LAST_YEAR = 2040;
/** Model sizes drawn as the curve: 10^8 to 10^12 parameters. */
const SIZES = Array.from({ length: 25 }, (_, i) => 10 ** (8 + i / 6));

interface State {
  logParams: number;
  logTokens: number;
  hardware: number;
  region: number;
  year: number;
}

/** The accelerators and grids the sliders offer, in the catalogs' order once they are in. */
function useChoices() {
  const hwCatalog = useLoad(loadHardware);
  const locCatalog = useLoad(loadLocations);
  const hardware = useMemo(
    () => HARDWARE.filter((id) => !hwCatalog.data || hwCatalog.data.some((h) => h.id === id)),
    [hwCatalog.data],
  );
  const regions = useMemo(() => {
    const known = locCatalog.data;
    if (!known) return REGIONS;
    const intensity = (id: string) => known.find((l) => l.id === id)?.intensityGPerKwh ?? Number.NaN;
    return REGIONS.filter((id) => Number.isFinite(intensity(id))).sort((a, b) => intensity(a) - intensity(b));
  }, [locCatalog.data]);
  // The slider positions index the catalog-ordered lists: ask only once both catalogs are in (or
  // failed), else the first answer is for a region the slider no longer names.
  const ready = Boolean((hwCatalog.data || hwCatalog.error) && (locCatalog.data || locCatalog.error));
  return { hwCatalog, locCatalog, hardware, regions, ready };
}

/** The sweep the sliders name: the curve's sizes plus the chosen one, on one accelerator, grid and year. */
function sweepRequest(state: State, hw: string, region: string) {
  const params = 10 ** state.logParams;
  return {
    params: [...SIZES, params].sort((a, b) => a - b),
    tokens: [10 ** state.logTokens],
    hardware: [hw],
    location: [region],
    ...(state.year > FIRST_YEAR ? { year: [state.year] } : {}),
  };
}
type SweepRequest = ReturnType<typeof sweepRequest>;

/** The rows of the newest request, asked one request at a time. */
function useSweep(request: SweepRequest, ready: boolean) {
  const { lang } = useI18n();
  const [rows, setRows] = useState<SweepRow[]>();
  const [error, setError] = useState<unknown>();
  const inFlight = useRef(false);
  const latest = useRef(request);
  latest.current = request;

  // One request at a time; while one runs, only the newest request is sent after it.
  const fetchRows = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    let sent: SweepRequest;
    try {
      do {
        sent = latest.current;
        setRows(await post<SweepRow[]>('explore', sent, { lang }));
        setError(undefined);
      } while (latest.current !== sent);
    } catch (err) {
      setError(err);
    } finally {
      inFlight.current = false;
    }
  };
  useEffect(() => {
    if (ready) fetchRows();
  }, [request, ready]);
  return { rows, error };
}

/** The row the sliders name, or none while that row is on its way. */
function rowFor(
  rows: SweepRow[] | undefined,
  params: number,
  region: string,
  hw: string,
): SweepRow | undefined {
  return rows?.find(
    (r) =>
      r.params !== undefined &&
      Math.abs(r.params / params - 1) < 1e-9 &&
      (r.location === undefined || r.location === region) &&
      (r.hardware === undefined || r.hardware === hw),
  );
}

export function ExplorePage() {
  const { t } = useI18n();
  const choices = useChoices();
  const { hwCatalog, hardware, regions } = choices;
  const [state, setState] = useState<State>({
    logParams: 10,
    logTokens: 12,
    hardware: 3,
    region: 4,
    year: FIRST_YEAR,
  });
  const params = 10 ** state.logParams;
  const hw = hardware[Math.min(state.hardware, hardware.length - 1)];
  const region = regions[Math.min(state.region, regions.length - 1)];
  const request = useMemo(
    () => sweepRequest(state, hw, region),
    [params, state.logTokens, hw, region, state.year],
  );
  const { rows, error } = useSweep(request, choices.ready);
  return (
    <section aria-labelledby="explore-title">
      <h1 id="explore-title">{t('explore.title')}</h1>
      <p class="lead">{t('explore.lead')}</p>
      <Sliders state={state} setState={setState} choices={choices} hw={hw} region={region} />
      <ErrorBox error={error ?? hwCatalog.error} />
      <ExploreFigures current={rowFor(rows, params, region, hw)} />
      {rows && <ExploreChart rows={rows} params={params} />}
    </section>
  );
}

interface SliderProps {
  state: State;
  setState: (state: State) => void;
}

function Slider(
  props: SliderProps & {
    name: keyof State;
    min: number;
    max: number;
    step: number;
    label: string;
    shown: string;
  },
) {
  const { state, setState, name: key, shown } = props;
  return (
    <div class="slider">
      <label for={`x-${key}`}>
        {props.label}: <output for={`x-${key}`}>{shown}</output>
      </label>
      <input
        id={`x-${key}`}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={state[key]}
        aria-valuetext={shown}
        onInput={(e) => setState({ ...state, [key]: Number(e.currentTarget.value) })}
      />
    </div>
  );
}

function Sliders(
  props: SliderProps & { choices: ReturnType<typeof useChoices>; hw: string; region: string },
) {
  const { t, lang } = useI18n();
  const { state, choices, hw, region } = props;
  const at = { state, setState: props.setState };
  const params = 10 ** state.logParams;
  const tokens = 10 ** state.logTokens;
  const hwName = choices.hwCatalog.data?.find((h) => h.id === hw)?.name ?? hw;
  const regionName = choices.locCatalog.data?.find((l) => l.id === region)?.name ?? region;
  const year = state.year === FIRST_YEAR ? t('explore.today') : String(state.year);
  return (
    <div class="card sliders">
      <Slider
        {...at}
        name="logParams"
        min={8}
        max={12}
        step={0.05}
        label={t('explore.params')}
        shown={`${sci(params, lang)} (${num(params / 1e9, lang)} B)`}
      />
      <Slider
        {...at}
        name="logTokens"
        min={9}
        max={14}
        step={0.05}
        label={t('explore.tokens')}
        shown={`${sci(tokens, lang)} (${num(tokens / 1e9, lang)} B)`}
      />
      <Slider
        {...at}
        name="hardware"
        min={0}
        max={choices.hardware.length - 1}
        step={1}
        label={t('explore.hardware')}
        shown={hwName}
      />
      <Slider
        {...at}
        name="region"
        min={0}
        max={choices.regions.length - 1}
        step={1}
        label={t('explore.region')}
        shown={regionName}
      />
      <Slider
        {...at}
        name="year"
        min={FIRST_YEAR}
        max={LAST_YEAR}
        step={1}
        label={t('explore.year')}
        shown={year}
      />
    </div>
  );
}

function ExploreFigures({ current }: { current?: SweepRow }) {
  const { t, lang } = useI18n();
  return (
    <div class="figures" aria-live="polite">
      <Figure
        label={t('result.totalCo2e')}
        value={current ? mass(current.totalCo2eKg.central, lang) : '…'}
        testId="explore-co2e"
      />
      <Figure label={t('result.energy')} value={current ? energy(current.energyKwh.central, lang) : '…'} />
      <Figure
        label={t('explore.intensity')}
        value={current ? `${num(current.intensityGPerKwh, lang)} g/kWh` : '…'}
      />
    </div>
  );
}

function ExploreChart({ rows, params }: { rows: SweepRow[]; params: number }) {
  const { t, lang } = useI18n();
  const data = useMemo<uPlot.AlignedData>(() => {
    const sorted = rows.filter((r) => r.params !== undefined).sort((a, b) => a.params! - b.params!);
    return [
      sorted.map((r) => r.params!),
      sorted.map((r) => r.totalCo2eKg.low),
      sorted.map((r) => r.totalCo2eKg.central),
      sorted.map((r) => r.totalCo2eKg.high),
      sorted.map((r) => (Math.abs(r.params! / params - 1) < 1e-9 ? r.totalCo2eKg.central : null)),
    ];
  }, [rows, params]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const y = (v: number) => mass(v, lang);
    const line = (label: string, colour: string, dash?: number[]) => ({
      label,
      stroke: colour,
      width: dash ? 1 : 2.5,
      dash,
      points: { show: false },
      value: (_u: uPlot, v: number | null) => (v === null ? '—' : y(v)),
    });
    return {
      scales: { x: { ...LOG_SCALE, time: false }, y: LOG_SCALE },
      axes: [logAxis(axis(powerOfTen, t('explore.params'))), logAxis(axis(y))],
      series: [
        { label: t('explore.params'), value: (_u, v) => (v === null ? '—' : sci(v, lang)) },
        line(t('explore.low'), '#5b5b5b', [4, 4]),
        line(t('result.totalCo2e'), COLOURS[0]),
        line(t('explore.high'), '#5b5b5b', [4, 4]),
        {
          label: t('explore.thisModel'),
          stroke: COLOURS[1],
          paths: () => null,
          points: { show: true, size: 12, fill: COLOURS[1], stroke: COLOURS[1] },
          value: (_u, v) => (v === null ? '—' : y(v)),
        },
      ],
    };
  }, [lang]);
  return (
    <Chart id="explore-chart" options={options} data={data} height={340} label={t('explore.chartLabel')} />
  );
}
