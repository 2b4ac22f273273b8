import type { Table } from './table.js';

/** Messages of `src/grid` (series files, connectors, forecasts), [English, French]. */
export const GRID = {
  'grid.fileProblem': ['{field} {value}: {problem}', '{field} {value} : {problem}'],
  'grid.wattTimePercentile': [
    'WattTime signal index: a 0–100 percentile, not g/kWh; windows are ranked but no CO2e is computed',
    'indice de signal WattTime : un centile de 0 à 100, pas des g/kWh ; les fenêtres sont classées mais aucun CO2e n’est calculé',
  ],
  'grid.unsorted': [
    '{count} timestamp(s) out of order; sorted by time',
    '{count} horodatage(s) dans le désordre ; triés par date',
  ],
  'grid.duplicates': [
    '{count} duplicate timestamp(s), first {first}; {conflicting} with a different value; the last value read was kept',
    '{count} horodatage(s) en double, le premier {first} ; {conflicting} avec une autre valeur ; la dernière valeur lue est gardée',
  ],
  'grid.missingValues': [
    '{count} point(s) have no intensity value; their slots are gaps',
    '{count} point(s) sans valeur d’intensité ; leurs créneaux sont des trous',
  ],
  'grid.mixedResolution': [
    'mixed resolutions ({list}); slots of {minutes} min, each point keeps its own span',
    'résolutions mêlées ({list}) ; créneaux de {minutes} min, chaque point garde sa propre durée',
  ],
  'grid.misaligned': [
    '{count} timestamp(s) not on the {minutes}-min grid; each moved to the start of its slot',
    '{count} horodatage(s) hors de la grille de {minutes} min ; chacun ramené au début de son créneau',
  ],
  'grid.gaps': [
    '{count} gap(s), {slots} missing slot(s) of {minutes} min ({shown}); no window crosses a gap unless {interpolateField}',
    '{count} trou(s), {slots} créneau(x) manquant(s) de {minutes} min ({shown}) ; aucune fenêtre ne traverse un trou sans {interpolateField}',
  ],
  'grid.interpolated': [
    '{count} gap slot(s) filled by linear interpolation ({interpolateField}); windows may cross them',
    '{count} créneau(x) manquant(s) comblé(s) par interpolation linéaire ({interpolateField}) ; les fenêtres peuvent les traverser',
  ],
  'grid.offsetChange': [
    'UTC offset changes {count} time(s) (daylight-saving time), first from {from} to {to} at line {line} ({at}); all times converted to UTC',
    'le décalage UTC change {count} fois (heure d’été), d’abord de {from} à {to} à la ligne {line} ({at}) ; toutes les heures converties en UTC',
  ],
  'grid.naiveTimestamps': [
    '{count} timestamp(s) without a UTC offset (first at line {line}) were read as UTC; local times would shift the schedule (give {timezoneField} for them)',
    '{count} horodatage(s) sans décalage UTC (le premier à la ligne {line}) lu(s) comme UTC ; des heures locales décaleraient le planning (donnez {timezoneField} pour elles)',
  ],
  'grid.forecastBridged': [
    '{count} gap slot(s) in the training data bridged by straight lines (for the model only)',
    '{count} créneau(x) manquant(s) des données d’apprentissage relié(s) par des droites (pour le modèle seulement)',
  ],
  'grid.wattTimeConverted': [
    'WattTime values in lbs CO2/MWh converted to g CO2/kWh (× {factor}); CO2 only, not CO2e',
    'valeurs WattTime en lbs CO2/MWh converties en g CO2/kWh (× {factor}) ; CO2 seul, pas CO2e',
  ],
  'grid.wattTimeImputed': [
    '{count} point(s) use imputed data (WattTime imputed_data_used)',
    '{count} point(s) reposent sur des données imputées (WattTime imputed_data_used)',
  ],
  'grid.nesoForecast': [
    '{count} of {total} half-hour(s) have no actual value yet: the NESO forecast is used',
    '{count} demi-heure(s) sur {total} sans valeur réelle pour l’instant : la prévision de NESO est utilisée',
  ],
  'grid.emEstimated': [
    '{count} of {total} point(s) estimated by Electricity Maps (isEstimated)',
    '{count} point(s) sur {total} estimé(s) par Electricity Maps (isEstimated)',
  ],
  'grid.emForecast': [
    'values are Electricity Maps forecasts, not measurements',
    'les valeurs sont des prévisions d’Electricity Maps, pas des mesures',
  ],
  'grid.emSignalRequested': [
    'the response does not state its emission factor type; taken as {signal} (as requested)',
    'la réponse ne dit pas son type de facteur d’émission ; pris comme {signal} (comme demandé)',
  ],
  'grid.emSignalDefault': [
    'the response does not state its emission factor type; taken as {signal} (Electricity Maps’ default is lifecycle)',
    'la réponse ne dit pas son type de facteur d’émission ; pris comme {signal} (Electricity Maps prend lifecycle par défaut)',
  ],
  'grid.emForecastUnavailable': [
    'Electricity Maps forecast not available with this key (HTTP {status}); past 24 h only',
    'prévision d’Electricity Maps indisponible avec cette clé (HTTP {status}) ; 24 dernières heures seulement',
  ],
  'grid.converted': [
    "column '{name}' in {unit} converted to g/kWh (× {factor})",
    'colonne « {name} » en {unit} convertie en g/kWh (× {factor})',
  ],
  'grid.estimatedRows': [
    '{count} row(s) marked as estimated by the publisher',
    '{count} ligne(s) marquée(s) comme estimée(s) par l’éditeur',
  ],
  'grid.columnsRead': [
    "read column '{time}' as time and '{value}' as intensity ({signal})",
    'colonne « {time} » lue comme l’heure et « {value} » comme l’intensité ({signal})',
  ],
  'grid.noSuchColumn': [
    "no column '{name}' for {columnField} (columns: {columns})",
    'pas de colonne « {name} » pour {columnField} (colonnes : {columns})',
  ],
  'grid.noTimeColumn': [
    'no timestamp column found; name it with {columnField} (columns: {columns})',
    'aucune colonne d’horodatage trouvée ; nommez-la avec {columnField} (colonnes : {columns})',
  ],
  'grid.noValueColumn': [
    'cannot tell which column is the intensity; name it with {columnField} (columns: {columns})',
    'impossible de savoir quelle colonne est l’intensité ; nommez-la avec {columnField} (colonnes : {columns})',
  ],
  'grid.noSuchFile': ['no such file', 'fichier introuvable'],
  'grid.isDirectory': ['is a directory, not a file', 'est un dossier, pas un fichier'],
  'grid.permissionDenied': ['permission denied', 'permission refusée'],
  'grid.noPoints': [
    '{field} {value}: no data points for zone {zone}',
    '{field} {value} : aucun point de données pour la zone {zone}',
  ],
  'grid.acceptedPoints': [
    'at least one timestamp with an intensity',
    'au moins un instant avec une intensité',
  ],
  'grid.tooLong': [
    '{field} {value}: {slots} slots of {minutes} min is too long a series',
    '{field} {value} : {slots} créneaux de {minutes} min, la série est trop longue',
  ],
  'grid.acceptedSlots': ['at most {max} slots', 'au plus {max} créneaux'],
  'grid.onePoint': [
    '{field} {value}: a single point and no stated duration: the resolution is unknown',
    '{field} {value} : un seul point et aucune durée indiquée : la résolution est inconnue',
  ],
  'grid.acceptedTwoPoints': [
    'at least two timestamps, or a format that states each point’s duration',
    'au moins deux instants, ou un format qui indique la durée de chaque point',
  ],
  'grid.tooFine': [
    '{field} {value}: timestamps {seconds} s apart: not a grid-intensity series',
    '{field} {value} : des instants espacés de {seconds} s : ce n’est pas une série d’intensité du réseau',
  ],
  'grid.acceptedMinuteApart': [
    'points at least one minute apart, on whole seconds',
    'des points espacés d’au moins une minute, en secondes entières',
  ],
  'grid.noSeries': ['{field}: no series given', '{field} : aucune série donnée'],
  'grid.acceptedFiles': ['one or more files', 'un ou plusieurs fichiers'],
  'grid.intensityOutOfRange': [
    'intensity {value} gCO2e/kWh is out of range (expected 0 to {max})',
    'l’intensité {value} gCO2e/kWh est hors limites (attendu : de 0 à {max})',
  ],
  'grid.otherSignal': [
    'holds the {signal} signal, not {signalField} {wanted}',
    'contient le signal {signal}, pas {signalField} {wanted}',
  ],
  'grid.signalAssumed': [
    'the file does not state its signal; taken as {signal} ({signalField})',
    'le fichier n’indique pas son signal ; pris comme {signal} ({signalField})',
  ],
  'grid.notTimeZone': [
    "{field}: '{value}' is not an IANA time zone",
    '{field} : « {value} » n’est pas un fuseau horaire IANA',
  ],
  'grid.acceptedTimeZone': [
    'an IANA time zone name, e.g. Europe/Paris, America/New_York, UTC',
    'un nom de fuseau horaire IANA, p. ex. Europe/Paris, America/New_York, UTC',
  ],
  'grid.forecastSlots': [
    '{field}: {value} has {minutes}-min slots; forecasts need hourly or finer slots dividing an hour',
    '{field} : {value} a des créneaux de {minutes} min ; une prévision demande des créneaux d’une heure ou moins divisant l’heure',
  ],
  'grid.acceptedForecastSlots': [
    'a series with 5, 10, 15, 30 or 60-min slots',
    'une série à créneaux de 5, 10, 15, 30 ou 60 min',
  ],
  'grid.forecastTooFar': [
    "{field}: forecasting {hours} h past the end of {zone}'s data ({end}) is too far",
    '{field} : prévoir {hours} h après la fin des données de {zone} ({end}), c’est trop loin',
  ],
  'grid.acceptedHorizon': ['at most {max} h after the data ends', 'au plus {max} h après la fin des données'],
  'grid.shortHistory': [
    '{field}: {value} has {hours} h of data; the model needs at least {min} h (three weeks)',
    '{field} : {value} a {hours} h de données ; le modèle en demande au moins {min} h (trois semaines)',
  ],
  'grid.acceptedHistory': [
    'at least three weeks of history, ending with a value',
    'au moins trois semaines d’historique, se terminant par une valeur',
  ],
  'grid.endsWithGap': [
    "{field}: {value}'s data ends with a gap; nothing recent to forecast from",
    '{field} : les données de {value} se terminent par un trou ; rien de récent d’où prévoir',
  ],
  'grid.acceptedLastValue': [
    'a series whose last slot has a value',
    'une série dont le dernier créneau a une valeur',
  ],
  'grid.unreachable': [
    '{field} {value}: cannot reach {origin} ({reason}); check the network, or {env}',
    '{field} {value} : {origin} est injoignable ({reason}) ; vérifiez le réseau, ou {env}',
  ],
  'grid.acceptedReachable': ['a reachable API', 'une API joignable'],
  'grid.responseTooLarge': [
    '{field} {value}: response over {max} bytes',
    '{field} {value} : réponse de plus de {max} octets',
  ],
  'grid.acceptedResponseSize': ['a response of at most {max} bytes', 'une réponse d’au plus {max} octets'],
  'grid.notJson': [
    '{field} {value}: {url} did not answer JSON',
    '{field} {value} : {url} n’a pas répondu en JSON',
  ],
  'grid.acceptedJson': ['a JSON response', 'une réponse JSON'],
  'grid.settingMissing': [
    '{field} {value}: {why}; set {names}',
    '{field} {value} : {why} ; définissez {names}',
  ],
  'grid.or': ['{a} or {b}', '{a} ou {b}'],
  'grid.whichRegion': ['which region? (e.g. {example})', 'quelle région ? (p. ex. {example})'],
  'grid.whichZone': ['which zone? (e.g. {example})', 'quelle zone ? (p. ex. {example})'],
  'grid.noCredentials': ['no credentials', 'pas d’identifiants'],
  'grid.noToken': ['the login answer had no token', 'la réponse de connexion n’avait pas de jeton'],
  'grid.noApiKey': ['no API key', 'pas de clé d’API'],
  'grid.userAndPassword': [
    'WATTTIME_USERNAME and WATTTIME_PASSWORD',
    'WATTTIME_USERNAME et WATTTIME_PASSWORD',
  ],
  'grid.httpStatus': [
    '{field} {value}: HTTP {status} for {url} ({hint})',
    '{field} {value} : HTTP {status} pour {url} ({hint})',
  ],
  'grid.hintRefused': [
    'the credentials were refused; check {keys}',
    'les identifiants ont été refusés ; vérifiez {keys}',
  ],
  'grid.hintNotFound': ['not found (unknown zone or region?)', 'introuvable (zone ou région inconnue ?)'],
  'grid.hintRateLimited': ['rate limited; try again later', 'trop de requêtes ; réessayez plus tard'],
  'grid.hintServerSaid': ['server said: {body}', 'le serveur a répondu : {body}'],
  'grid.keysWattTime': [
    'WATTTIME_TOKEN or WATTTIME_USERNAME/WATTTIME_PASSWORD, and --zone',
    'WATTTIME_TOKEN ou WATTTIME_USERNAME/WATTTIME_PASSWORD, et --zone',
  ],
  'grid.keysUkci': [
    'the region id (1-17), outward postcode or region name given to --zone',
    'l’identifiant de région (1-17), le début de code postal ou le nom de région donné à --zone',
  ],
  'grid.keysElectricityMaps': ['ELECTRICITYMAPS_API_KEY and --zone', 'ELECTRICITYMAPS_API_KEY et --zone'],
  'grid.lineTooLong': ['line longer than {max} bytes', 'ligne de plus de {max} octets'],
  'grid.jsonTooLarge': [
    '{size} bytes is over the {max}-byte limit for JSON series',
    '{size} octets dépassent la limite de {max} octets des séries JSON',
  ],
  'grid.utf16': [
    'is UTF-16 text (byte order mark); save it as UTF-8',
    'est un texte UTF-16 (indicateur d’ordre des octets) ; enregistrez-le en UTF-8',
  ],
  'grid.binary': [
    'is not UTF-8 text (a NUL byte at offset {offset}: binary or UTF-16); expected a UTF-8 CSV or JSON file',
    'n’est pas un texte UTF-8 (un octet NUL à la position {offset} : binaire ou UTF-16) ; attendu : un fichier CSV ou JSON en UTF-8',
  ],
  'grid.badJson': ['not valid JSON ({detail})', 'JSON invalide ({detail})'],
  'grid.fewFields': [
    '{count} field(s), expected at least {needed} (header: {header})',
    '{count} champ(s), au moins {needed} attendu(s) (en-tête : {header})',
  ],
  'grid.notTimestamp': [
    "'{value}' in column '{column}' is not a timestamp (ISO 8601 with a year from {min} to {max}, or epoch)",
    '« {value} » dans la colonne « {column} » n’est pas un instant (ISO 8601 avec une année de {min} à {max}, ou epoch)',
  ],
  'grid.emptyFile': ['empty file (no header, no rows)', 'fichier vide (ni en-tête, ni lignes)'],
  'grid.noRows': ['no data rows', 'aucune ligne de données'],
  'grid.noRowsForZone': ['no data rows for zone {zone}', 'aucune ligne de données pour la zone {zone}'],
  'grid.notNumberInColumn': [
    "'{value}' in column '{column}' is not a number",
    '« {value} » dans la colonne « {column} » n’est pas un nombre',
  ],
  'grid.negative': [
    "negative intensity {value} in column '{column}'",
    'intensité négative {value} dans la colonne « {column} »',
  ],
  'grid.quoteText': ['text after a closing quote', 'du texte après un guillemet fermant'],
  'grid.quoteOpen': ['unterminated quoted field', 'champ entre guillemets non terminé'],
  'grid.expected': ['expected {shape}', 'attendu : {shape}'],
  'grid.expectedObject': ['expected an object', 'attendu : un objet'],
  'grid.expectedRegion': ['expected a region object', 'attendu : un objet de région'],
  'grid.notIsoTimestamp': ["'{value}' is not an ISO timestamp", '« {value} » n’est pas un instant ISO'],
  'grid.notTimestampValue': ["'{value}' is not a timestamp", '« {value} » n’est pas un instant'],
  'grid.notIntensity': [
    "'{value}' is not an intensity in g/kWh",
    '« {value} » n’est pas une intensité en g/kWh',
  ],
  'grid.notNonNegative': [
    "'{value}' is not a non-negative number",
    '« {value} » n’est pas un nombre positif ou nul',
  ],
  'grid.expectedUkci': [
    'expected a UK Carbon Intensity API response { data: ... }',
    'attendu : une réponse de l’API UK Carbon Intensity { data: ... }',
  ],
  'grid.expectedWattTime': [
    'expected a WattTime v3 response { data: [...], meta: {...} }',
    'attendu : une réponse WattTime v3 { data: [...], meta: {...} }',
  ],
  'grid.expectedCarbonAware': [
    'expected Carbon Aware SDK emissions [{location, time, rating}] or forecasts [{forecastData}]',
    'attendu : des émissions Carbon Aware SDK [{location, time, rating}] ou des prévisions [{forecastData}]',
  ],
  'grid.noRegionMatches': [
    'no region matches {zoneField} {zone}',
    'aucune région ne correspond à {zoneField} {zone}',
  ],
  'grid.noLocation': ["no location '{zone}' in the file", 'pas de lieu « {zone} » dans le fichier'],
  'grid.notRate': [
    "units '{value}' is not an emissions rate (expected lbs_co2_per_mwh or percentile)",
    'les unités « {value} » ne sont pas un taux d’émission (attendu : lbs_co2_per_mwh ou percentile)',
  ],
  'grid.notCo2Signal': [
    "signal_type '{value}' is not a CO2 signal (expected co2_moer or co2_aoer)",
    'signal_type « {value} » n’est pas un signal de CO2 (attendu : co2_moer ou co2_aoer)',
  ],
  'grid.noSignalColumn': [
    'no {signal} intensity column (has: {has})',
    'pas de colonne d’intensité {signal} (présente : {has})',
  ],
  'grid.expectedElectricityMaps': [
    'expected an Electricity Maps JSON object',
    'attendu : un objet JSON Electricity Maps',
  ],
  'grid.expectedEmItem': [
    'expected an object with datetime and carbonIntensity',
    'attendu : un objet avec datetime et carbonIntensity',
  ],
  'grid.mixedFactors': [
    'mixes emission factor types ({types})',
    'mélange des types de facteurs d’émission ({types})',
  ],
  'grid.csvNotJson': [
    '{formatField} {format} reads CSV, not JSON',
    '{formatField} {format} lit du CSV, pas du JSON',
  ],
  'grid.unknownJson': [
    'unknown JSON series format; give {formatField} (one of {formats})',
    'format de série JSON inconnu ; donnez {formatField} (parmi {formats})',
  ],
  'grid.zoneMismatch': [
    'zone {zone} is {signal} {unit} here but {otherSignal} {otherUnit} in {other}',
    'la zone {zone} est en {signal} {unit} ici mais en {otherSignal} {otherUnit} dans {other}',
  ],
} as const satisfies Table;
