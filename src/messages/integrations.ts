import type { Table } from './table.js';

/** Messages of `src/integrations` (optional packages, Prometheus), [English, French]. */
export const INTEGRATIONS = {
  'integrations.optionalMissing': [
    '{field}: {feature} needs the optional package {value}; install it with: npm install {packages}',
    '{field} : {feature} demande le paquet optionnel {value} ; installez-le avec : npm install {packages}',
  ],
  'integrations.optionalAccepted': ['installed: {packages}', 'installés : {packages}'],
  'integrations.featurePostgres': ['a PostgreSQL database', 'une base PostgreSQL'],
  'integrations.featureOtlp': ['pushing metrics over OTLP', 'l’envoi des métriques en OTLP'],
  'integrations.matcher': [
    "{field}: '{value}' is not a PromQL label matcher",
    '{field} : « {value} » n’est pas un sélecteur d’étiquette PromQL',
  ],
  'integrations.matcherAccepted': [
    'LABEL="value", LABEL!="value", LABEL=~"regex" or LABEL!~"regex"',
    'LABEL="valeur", LABEL!="valeur", LABEL=~"regex" ou LABEL!~"regex"',
  ],
  'integrations.range': ['{from} to {to}', 'du {from} au {to}'],
  'integrations.none': ['none', 'aucun'],
  'integrations.either': ['{first} or {last}', '{first} ou {last}'],
  'integrations.noHostSeries': [
    '{field}: no {metrics} series for {hosts} from {range} (found: {found})',
    '{field} : aucune série {metrics} pour {hosts} sur {range} (trouvés : {found})',
  ],
  'integrations.noHostSeriesAccepted': [
    'hosts named by the {label} label{found}',
    'des machines nommées par l’étiquette {label}{found}',
  ],
  'integrations.noSourceSeries': [
    '{field} {value}: no {metrics} series in {url} from {range}',
    '{field} {value} : aucune série {metrics} dans {url} sur {range}',
  ],
  'integrations.noSourceSeriesAccepted': [
    "a source whose metrics this Prometheus has ({sources}), the run's time range, or --host-label",
    'une source dont ce Prometheus a les métriques ({sources}), la période de l’exécution, ou --host-label',
  ],
  'integrations.coverage': [
    '{host} {channel}: data in {pct}% of the windows; windows without data count as zero',
    '{host} {channel} : données dans {pct} % des fenêtres ; les fenêtres sans données comptent pour zéro',
  ],
  'integrations.powerGauge': [
    '{host} gpu {device}: no energy counter, power gauge integrated',
    '{host} gpu {device} : pas de compteur d’énergie, jauge de puissance intégrée',
  ],
  'integrations.readFrom': [
    'read from Prometheus {url} ({reference}): {windows} windows of {stepS} s',
    'lu dans Prometheus {url} ({reference}) : {windows} fenêtres de {stepS} s',
  ],
  'integrations.notHttpUrl': [
    "{field}: '{value}' is not an http(s) URL",
    '{field} : « {value} » n’est pas une URL http(s)',
  ],
  'integrations.prometheusUrl': [
    'the base URL of Prometheus, e.g. http://prometheus:9090',
    'l’URL de base de Prometheus, p. ex. http://prometheus:9090',
  ],
  'integrations.unreachable': [
    '{field}: cannot reach Prometheus at {value} ({cause})',
    '{field} : Prometheus injoignable à {value} ({cause})',
  ],
  'integrations.reachableUrl': [
    'the base URL of a reachable Prometheus, e.g. http://prometheus:9090',
    'l’URL de base d’un Prometheus joignable, p. ex. http://prometheus:9090',
  ],
  'integrations.tooLarge': [
    '{field}: {value} answered more than {bytes} bytes to {query}',
    '{field} : {value} a répondu plus de {bytes} octets à {query}',
  ],
  'integrations.tooLargeAccepted': [
    'a shorter time range or a larger --step',
    'une période plus courte ou un --step plus grand',
  ],
  'integrations.answered': [
    '{field}: {value} answered {why} to {query}',
    '{field} : {value} a répondu {why} à {query}',
  ],
  'integrations.malformed': [
    '{field}: {value} answered a malformed matrix to {query}',
    '{field} : {value} a répondu une matrice mal formée à {query}',
  ],
  'integrations.apiAccepted': [
    'a Prometheus HTTP API (/api/v1/query_range)',
    'une API HTTP Prometheus (/api/v1/query_range)',
  ],
  'integrations.hostTakenAccepted': [
    'a new run id, or a run without these hosts',
    'un nouvel identifiant d’exécution, ou une exécution sans ces machines',
  ],
} as const satisfies Table;
