import type { Table } from './table.js';

/** Messages of `src/catalog` (unknown and ambiguous names), [English, French]. */
export const CATALOG = {
  'catalog.unknown.hardware': [
    "{field}: unknown hardware '{value}' (closest: {accepted})",
    '{field} : matériel inconnu « {value} » (les plus proches : {accepted})',
  ],
  'catalog.unknown.model': [
    "{field}: unknown model '{value}' (closest: {accepted})",
    '{field} : modèle inconnu « {value} » (les plus proches : {accepted})',
  ],
  'catalog.unknown.location': [
    "{field}: unknown location '{value}' (closest: {accepted})",
    '{field} : lieu inconnu « {value} » (les plus proches : {accepted})',
  ],
  'catalog.unknownLocationMatching': [
    "{field}: unknown location '{value}' (matching: {accepted})",
    '{field} : lieu inconnu « {value} » (correspondances : {accepted})',
  ],
  'catalog.ambiguous': [
    "{field}: '{value}' is ambiguous (one of: {accepted})",
    '{field} : « {value} » est ambigu (au choix : {accepted})',
  ],
  'catalog.severalProviders': [
    "{field}: '{value}' is a region of several providers (one of: {accepted})",
    '{field} : « {value} » est une région de plusieurs fournisseurs (au choix : {accepted})',
  ],
  'catalog.noPeak': [
    '{field} {value}: the catalog has no peak throughput for it',
    '{field} {value} : le catalogue ne donne pas son débit de calcul de crête',
  ],
  'catalog.acceptedPeak': [
    'an accelerator with a known peak FLOP/s (see `empreinte hardware`)',
    'un accélérateur dont la crête en FLOP/s est connue (voir `empreinte hardware`)',
  ],
  'catalog.noPrecisionPeak': [
    '{field}: {hardware} has no {value} peak (known: {accepted})',
    '{field} : {hardware} n’a pas de crête en {value} (connues : {accepted})',
  ],
} as const satisfies Table;
