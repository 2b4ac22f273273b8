import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference data beside the repository, for benchmarks only (tests read committed fixtures, the
 * product never reads it): `../shared/data`, or `EMPREINTE_SHARED_DATA` where a checkout lives elsewhere.
 */
export const SHARED_DATA = process.env.EMPREINTE_SHARED_DATA
  ? join(process.env.EMPREINTE_SHARED_DATA, '/')
  : fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** The shared Electricity Maps hourly series (a year per zone). */
export const SHARED_GRID = join(SHARED_DATA, 'grid', 'electricitymaps', '/');
