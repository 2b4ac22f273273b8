import type { Message } from '../../messages/index.js';
import type { Signal } from '../series.js';

/** Where a CSV file's fields are, found by csv.ts or recognised by a provider's format (electricitymaps.ts). */
export interface CsvColumns {
  time: number;
  value: number;
  zone?: number;
  /** Column saying whether a row is estimated (Electricity Maps `Data Estimated`). */
  estimated?: number;
  signal: Signal;
  /** Multiplier to g CO2e/kWh and what was converted, when the header names another unit. */
  factor: number;
  conversion?: Message;
  /** The header says its timestamps are UTC (`Datetime (UTC)`). */
  utcHeader: boolean;
  format: 'csv' | 'electricitymaps-csv';
}
