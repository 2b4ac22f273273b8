import type { Table } from './table.js';

/** Messages of `src/schedule` (errors, warnings, notes), [English, French]. */
export const SCHEDULE = {
  'schedule.acceptedSeries': ['one or more series files', 'un ou plusieurs fichiers de séries'],
  'schedule.notDuration': ['{field}: {hours} h is not a duration', '{field} : {hours} h n’est pas une durée'],
  'schedule.acceptedDuration': ['a duration > 0', 'une durée > 0'],
  'schedule.underMinute': [
    '{field}: {value} h is shorter than a minute',
    '{field} : {value} h dure moins d’une minute',
  ],
  'schedule.acceptedMinute': ['a duration of at least 1 minute (1m)', 'une durée d’au moins 1 minute (1m)'],
  'schedule.mixedUnits': [
    '{field}: g/kWh series and a WattTime signal index cannot be compared',
    '{field} : des séries en g/kWh et un indice de signal WattTime ne se comparent pas',
  ],
  'schedule.acceptedOneUnit': ['series in one unit', 'des séries dans une même unité'],
  'schedule.toTooEarly': [
    '{field}: {from} → {value} is shorter than {durationField} {hours} h',
    '{field} : {from} → {value} est plus court que {durationField} {hours} h',
  ],
  'schedule.acceptedTo': [
    'a time at least {hours} h after {fromField}',
    'un instant au moins {hours} h après {fromField}',
  ],
  'schedule.noWindow': [
    '{field}: no {hours} h window fits between {from} and {to} in any series without a gap',
    '{field} : aucune fenêtre de {hours} h ne tient entre {from} et {to} dans une série sans trou',
  ],
  'schedule.acceptedNoWindow': [
    'a shorter job, a wider {fromField}/{toField}, or {interpolateField}',
    'une tâche plus courte, un intervalle {fromField}/{toField} plus large, ou {interpolateField}',
  ],
  'schedule.searchTooLarge': [
    '{field}: {slots} slots × {states} states is too large a search; narrow {fromField}/{toField} or allow more pauses',
    '{field} : {slots} créneaux × {states} états, la recherche est trop grande ; resserrez {fromField}/{toField} ou autorisez plus de pauses',
  ],
  'schedule.acceptedSearch': ['a search of at most {max} states', 'une recherche d’au plus {max} états'],
  'schedule.seriesOrApi': [
    'series: give one or more series (CSV or JSON exports), or fromApi',
    'series : donnez une ou plusieurs séries (exports CSV ou JSON), ou fromApi',
  ],
  'schedule.acceptedSeriesOrApi': [
    'series: [{ name, content }] or fromApi',
    'series : [{ name, content }] ou fromApi',
  ],
  'schedule.isoTime': [
    '{field}: expected an ISO 8601 time (2023-06-01T00:00Z) or now',
    '{field} : attendu : un instant ISO 8601 (2023-06-01T00:00Z) ou now',
  ],
  'schedule.timeZone': [
    '{field}: expected an IANA time zone (e.g. Europe/Paris)',
    '{field} : attendu : un fuseau horaire IANA (p. ex. Europe/Paris)',
  ],
  'schedule.mixedSignals': [
    'zones use different signals ({signals}): comparing them across zones is approximate',
    'les zones n’ont pas le même signal ({signals}) : les comparer entre elles est approximatif',
  ],
  'schedule.nowUnavailable': [
    'no data for a {hours} h run from {from} in {zone} (outside the series or across a gap): no baseline, no saving',
    'pas de données pour une exécution de {hours} h à partir de {from} dans {zone} (hors de la série ou à travers un trou) : ni référence, ni économie',
  ],
  'schedule.zoneNoWindow': [
    'no {hours} h window between {from} and {to} in {zone} without crossing a gap or the end of its data',
    'aucune fenêtre de {hours} h entre {from} et {to} dans {zone} sans traverser un trou ou la fin de ses données',
  ],
  'schedule.relativeSignal': [
    'a signal index ranks windows but gives no saving in percent and no CO2e',
    'un indice de signal classe les fenêtres mais ne donne ni économie en pourcentage ni CO2e',
  ],
} as const satisfies Table;
