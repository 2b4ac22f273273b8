import type { Table } from './table.js';

/** Messages of `src/services` (calibration, runs), [English, French]. */
export const SERVICES = {
  'calibrate.stillRunning': [
    '{field}: run {run} is still running: calibrate from it once it has finished',
    '{field} : l’exécution {run} tourne encore : calibrez à partir d’elle une fois terminée',
  ],
  'calibrate.stoppedRun': [
    'Run {run} ended {status}: {field} must be the tokens it processed before it stopped.',
    'L’exécution {run} s’est terminée {status} : {field} doit être le nombre de jetons traités avant l’arrêt.',
  ],
  'calibrate.acceptedFinished': ['a finished run', 'une exécution terminée'],
  'calibrate.noGpuData': [
    '{field}: run {run} has no GPU data (no GPU energy was measured): calibration needs a run measured on GPUs',
    '{field} : l’exécution {run} n’a pas de données GPU (aucune énergie GPU mesurée) : la calibration demande une exécution mesurée sur GPU',
  ],
  'calibrate.acceptedGpuRun': [
    'a run measured with empreinte run on a machine with GPUs',
    'une exécution mesurée par empreinte run sur une machine à GPU',
  ],
  'calibrate.noTime': [
    '{field}: run {run} lasted no time',
    '{field} : l’exécution {run} n’a duré aucun temps',
  ],
  'calibrate.acceptedLasted': ['a run that lasted', 'une exécution qui a duré'],
  'calibrate.nameClash': [
    '{field}: calibration {value} holds runs on {hardware} at {precision}, not {newHardware} at {newPrecision}: give another {field}',
    '{field} : la calibration {value} contient des exécutions sur {hardware} en {precision}, pas sur {newHardware} en {newPrecision} : donnez un autre {field}',
  ],
  'calibrate.acceptedName': [
    'a new name, or runs on {hardware} at {precision}',
    'un nouveau nom, ou des exécutions sur {hardware} en {precision}',
  ],
  'calibrate.unknown': [
    "{field}: no calibration named '{value}' in {store} (known: {known})",
    '{field} : aucune calibration nommée « {value} » dans {store} (connues : {known})',
  ],
  'calibrate.unknownNone': [
    "{field}: no calibration named '{value}' in {store} (none is stored yet: empreinte calibrate --run ID ...)",
    '{field} : aucune calibration nommée « {value} » dans {store} (aucune n’est encore enregistrée : empreinte calibrate --run ID ...)',
  ],
  'calibrate.acceptedStored': [
    'a calibration stored with empreinte calibrate',
    'une calibration enregistrée par empreinte calibrate',
  ],
  'calibrate.cpu': [
    '{field}: {hardware} is a CPU, not an accelerator',
    '{field} : {hardware} est un processeur, pas un accélérateur',
  ],
  'calibrate.acceptedAccelerator': [
    'an accelerator of the hardware catalog',
    'un accélérateur du catalogue de matériel',
  ],
  'calibrate.severalGpus': [
    '{field}: run {run} measured several GPU models ({names}): name the one to calibrate',
    '{field} : l’exécution {run} a mesuré plusieurs modèles de GPU ({names}) : nommez celui à calibrer',
  ],
  'calibrate.acceptedHardwareId': [
    'a hardware id (see empreinte hardware)',
    'un identifiant de matériel (voir empreinte hardware)',
  ],
  'calibrate.gpuNotInCatalog': [
    '{field}: the GPU of run {run} ("{value}") is not in the hardware catalog: give {field} ID',
    '{field} : le GPU de l’exécution {run} (« {value} ») n’est pas dans le catalogue de matériel : donnez {field} ID',
  ],
} as const satisfies Table;
