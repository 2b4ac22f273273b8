import type { Table } from './table.js';

/** Messages of `src/metrics` (Prometheus endpoint, OTLP push), [English, French]. */
export const METRICS = {
  'metrics.pushFailed': [
    '--otlp: cannot push metrics to {url} ({cause}); the run goes on',
    '--otlp : impossible d’envoyer les métriques à {url} ({cause}) ; l’exécution continue',
  ],
  'metrics.exportFailed': ['export failed', 'échec de l’export'],
  'metrics.notPort': [
    "{field}: '{value}' is not a port (expected PORT or HOST:PORT, PORT 0 to 65535)",
    '{field} : « {value} » n’est pas un port (attendu : PORT ou HÔTE:PORT, PORT de 0 à 65535)',
  ],
  'metrics.portAccepted': [
    'PORT or HOST:PORT, e.g. 9464 or 127.0.0.1:9464',
    'PORT ou HÔTE:PORT, p. ex. 9464 ou 127.0.0.1:9464',
  ],
  'metrics.cannotListen': [
    '{field}: cannot listen on {value} ({cause})',
    '{field} : impossible d’écouter sur {value} ({cause})',
  ],
  'metrics.listenAccepted': [
    'a free port (0 picks one), after an address of this machine if any (127.0.0.1:9100)',
    'un port libre (0 en choisit un), précédé d’une adresse de cette machine s’il y a lieu (127.0.0.1:9100)',
  ],
  'metrics.otlpUrl': [
    "{field}: '{value}' is not an http(s) URL",
    '{field} : « {value} » n’est pas une URL http(s)',
  ],
  'metrics.otlpAccepted': [
    'an OTLP/HTTP endpoint, e.g. http://collector:4318 or http://collector:4318/v1/metrics',
    'un point d’accès OTLP/HTTP, p. ex. http://collector:4318 ou http://collector:4318/v1/metrics',
  ],
} as const satisfies Table;
