/**
 * The arithmetic of a training footprint on plain numbers: no lookups, no allocation. Used once at
 * central values, thousands of times by the Monte Carlo, and millions of times by sweeps.
 */
export interface TrainingPoint {
  /** Training compute, FLOP (only used when chipHours is NaN). */
  flop: number;
  /** Peak dense FLOP/s of one chip at the training precision. */
  peakFlopS: number;
  /** Model FLOPs utilisation, 0..1. */
  mfu: number;
  /** Chip-hours when known; NaN to derive them from flop / (peak · mfu). */
  chipHours: number;
  /** System power per chip (host included) when known, W; NaN to model it from TDP. */
  systemPowerW: number;
  tdpW: number;
  /** Average chip power as a fraction of TDP. */
  powerFraction: number;
  /** Host power as a fraction of chip power. */
  hostOverhead: number;
  pue: number;
  intensityGPerKwh: number;
  /** Share of electricity covered by renewable contracts (market-based accounting), 0..1. */
  renewableShare: number;
  /** Manufacturing footprint per chip-hour, kg CO2e. */
  embodiedKgPerChipHour: number;
  /** IT energy measured by the authors of a published run, kWh: replaces chip-hours × power when set. */
  itEnergyKwh?: number;
}

export interface TrainingOutput {
  chipHours: number;
  /** Energy at the IT equipment (chips and hosts), before PUE. */
  itEnergyKwh: number;
  /** Facility energy (IT · PUE). */
  energyKwh: number;
  co2eKg: number;
  co2eMarketKg: number;
  embodiedCo2eKg: number;
}

/** The figures a training estimate gives as {low, central, high} ranges (totalCo2eKg: operational plus embodied). */
export const TRAINING_RANGE_KEYS = [
  'chipHours',
  'energyKwh',
  'co2eKg',
  'co2eMarketKg',
  'embodiedCo2eKg',
  'totalCo2eKg',
] as const;

export function createTrainingOutput(): TrainingOutput {
  return { chipHours: 0, itEnergyKwh: 0, energyKwh: 0, co2eKg: 0, co2eMarketKg: 0, embodiedCo2eKg: 0 };
}

export function computeTraining(p: TrainingPoint, out: TrainingOutput): TrainingOutput {
  const chipHours = Number.isNaN(p.chipHours) ? p.flop / (p.peakFlopS * p.mfu) / 3600 : p.chipHours;
  const powerW = Number.isNaN(p.systemPowerW)
    ? p.tdpW * p.powerFraction * (1 + p.hostOverhead)
    : p.systemPowerW;
  const itEnergyKwh = p.itEnergyKwh ?? (chipHours * powerW) / 1000;
  const energyKwh = itEnergyKwh * p.pue;
  const co2eKg = (energyKwh * p.intensityGPerKwh) / 1000;
  out.chipHours = chipHours;
  out.itEnergyKwh = itEnergyKwh;
  out.energyKwh = energyKwh;
  out.co2eKg = co2eKg;
  out.co2eMarketKg = co2eKg * (1 - p.renewableShare);
  out.embodiedCo2eKg = chipHours * p.embodiedKgPerChipHour;
  return out;
}

/** Training compute: 6 · N_active · D, plus the attention term 6 · layers · context · d_model per token when given. */
export function trainingFlop(
  activeParams: number,
  tokens: number,
  attention?: { layers: number; contextLength: number; dModel: number },
): number {
  const perToken =
    6 * activeParams + (attention ? 6 * attention.layers * attention.contextLength * attention.dModel : 0);
  return perToken * tokens;
}
