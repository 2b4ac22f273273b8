import type { Table } from './table.js';

/** Messages of `src/store`, [English, French]. */
export const STORE = {
  // Where the database is.
  'store.dbEmpty': ['{field} is empty', '{field} est vide'],
  'store.envDbEmpty': ['EMPREINTE_DB is set but empty', 'EMPREINTE_DB est défini mais vide'],
  'store.dbAccepted': ['a file path or a PostgreSQL URL', 'un chemin de fichier ou une URL PostgreSQL'],
  'store.envDbAccepted': [
    'a file path or a PostgreSQL URL, or EMPREINTE_DB unset for ~/.empreinte/empreinte.db',
    'un chemin de fichier ou une URL PostgreSQL, ou EMPREINTE_DB non défini pour ~/.empreinte/empreinte.db',
  ],
  'store.unsupportedDb': [
    '{field}: {value} is not a supported database (expected a file path or a PostgreSQL URL)',
    '{field} : {value} n’est pas une base de données prise en charge (attendu : un chemin de fichier ou une URL PostgreSQL)',
  ],
  'store.unsupportedDbAccepted': [
    'a SQLite file path, or postgres://user:password@host:port/database',
    'un chemin de fichier SQLite, ou postgres://utilisateur:mot-de-passe@hôte:port/base',
  ],
  'store.postgresUnreachable': [
    '{field}: cannot open {value} ({cause})',
    '{field} : impossible d’ouvrir {value} ({cause})',
  ],
  'store.postgresAccepted': [
    'a reachable PostgreSQL URL, postgres://user:password@host:port/database',
    'une URL PostgreSQL joignable, postgres://utilisateur:mot-de-passe@hôte:port/base',
  ],
  'store.hostTaken': [
    '{field}: run {value} already has a host named {host}',
    '{field} : l’exécution {value} a déjà une machine nommée {host}',
  ],
  // A database file the user can act on (sqlite-errors.ts).
  'store.sqlite': ['{field} {value}: {what}', '{field} {value} : {what}'],
  'store.newer': [
    'written by a newer version of empreinte (unknown migration {migrations}); this version will not change it',
    'écrite par une version plus récente d’empreinte (migration inconnue {migrations}) ; cette version ne la modifiera pas',
  ],
  'store.newerAccepted': [
    'a database of this version or older: upgrade empreinte, or give another --db',
    'une base de cette version ou plus ancienne : mettez empreinte à jour, ou donnez une autre --db',
  ],
  'store.locked': [
    'the database is locked by another process; try again when it is done',
    'la base de données est verrouillée par un autre processus ; réessayez quand il aura fini',
  ],
  'store.lockedAccepted': [
    'a database no other process holds locked',
    'une base qu’aucun autre processus ne verrouille',
  ],
  'store.full': ['the disk is full', 'le disque est plein'],
  'store.fullAccepted': ['a database on a disk with free space', 'une base sur un disque qui a de la place'],
  'store.readOnly': [
    'cannot write there (read-only file, folder or file system)',
    'écriture impossible à cet endroit (fichier, dossier ou système de fichiers en lecture seule)',
  ],
  'store.readOnlyAccepted': [
    'a database file and folder you can write',
    'un fichier de base et un dossier où vous pouvez écrire',
  ],
  'store.cantOpen': [
    'cannot open or create the database file there',
    'impossible d’ouvrir ou de créer le fichier de base à cet endroit',
  ],
  'store.cantOpenAccepted': [
    'a path in a folder you can write',
    'un chemin dans un dossier où vous pouvez écrire',
  ],
  'store.notDb': ['not an SQLite database', 'ce n’est pas une base SQLite'],
  'store.notDbAccepted': [
    'an empreinte SQLite database, or a new file',
    'une base SQLite d’empreinte, ou un nouveau fichier',
  ],
  'store.corrupt': [
    'the database file is damaged (some of its pages cannot be read); restore it from a backup, or save what is readable with `sqlite3 {file} .recover | sqlite3 new.db` and use new.db',
    'le fichier de base est endommagé (certaines de ses pages sont illisibles) ; restaurez-le depuis une sauvegarde, ou sauvez ce qui est lisible avec `sqlite3 {file} .recover | sqlite3 new.db` et utilisez new.db',
  ],
  'store.corruptAccepted': [
    'an undamaged empreinte database, or a new file',
    'une base d’empreinte intacte, ou un nouveau fichier',
  ],
  'store.ioError': ['input/output error ({cause})', 'erreur d’entrée/sortie ({cause})'],
  'store.ioErrorAccepted': ['a database on a working disk', 'une base sur un disque en état de marche'],
  // Imported files (samples-csv.ts, import-file.ts).
  'store.fileLine': ['{file} line {line}: {what}', '{file} ligne {line} : {what}'],
  'store.file': ['{file}: {what}', '{file} : {what}'],
  'store.csvHeader': ['not a samples CSV header', 'ce n’est pas l’en-tête d’un CSV d’échantillons'],
  'store.csvFields': ['expected 7 fields, got {count}', '7 champs attendus, {count} trouvés'],
  'store.csvUnclosedQuote': ['an unclosed quote', 'un guillemet non fermé'],
  'store.csvTimestamp': [
    "timestamp '{value}' is not an ISO 8601 time",
    'timestamp « {value} » n’est pas une heure ISO 8601',
  ],
  'store.csvTimestampAccepted': ['e.g. 2026-01-01T00:00:01.000Z', 'p. ex. 2026-01-01T00:00:01.000Z'],
  'store.csvHostEmpty': ['host is empty', 'host est vide'],
  'store.csvHostAccepted': ['a host name', 'un nom de machine'],
  'store.csvComponent': [
    "component '{value}' is not gpu, cpu or ram",
    'component « {value} » n’est ni gpu, ni cpu, ni ram',
  ],
  'store.csvDevice': [
    "device_index '{value}' is not a device number",
    'device_index « {value} » n’est pas un numéro de périphérique',
  ],
  'store.csvDeviceAccepted': ['an integer from 0', 'un entier à partir de 0'],
  'store.csvPower': [
    "power_w '{value}' is not a power in W",
    'power_w « {value} » n’est pas une puissance en W',
  ],
  'store.csvEnergy': [
    "energy_j '{value}' is not an energy in J",
    'energy_j « {value} » n’est pas une énergie en J',
  ],
  'store.csvNonNegative': ['a number ≥ 0', 'un nombre ≥ 0'],
  'store.csvSourceEmpty': ['source is empty', 'source est vide'],
  'store.csvSourceAccepted': [
    'a provenance such as measured:nvml-counter',
    'une provenance telle que measured:nvml-counter',
  ],
  'store.csvEmpty': ['empty file', 'fichier vide'],
  'store.csvOrder': [
    '{value} is earlier than the previous row of host {host}',
    '{value} précède la ligne précédente de la machine {host}',
  ],
  'store.csvOrderAccepted': [
    'rows of each host in time order (as runs export writes them)',
    'les lignes de chaque machine dans l’ordre du temps (comme les écrit runs export)',
  ],
  'store.unreadable': ['cannot read it ({cause})', 'illisible ({cause})'],
  'store.unreadableAccepted': [
    'a readable samples CSV or JSON export',
    'un CSV d’échantillons ou un export JSON lisible',
  ],
  'store.noSamples': ['no sample rows after the header', 'aucune ligne d’échantillon après l’en-tête'],
  'store.noSamplesAccepted': ['at least one sample', 'au moins un échantillon'],
  'store.jsonAccepted': ['the JSON of runs export --format json', 'le JSON de runs export --format json'],
  'store.notJson': ['not valid JSON ({cause})', 'JSON invalide ({cause})'],
  'store.importedFrom': ['imported from {file}', 'importée de {file}'],
  'store.importedTotals': [
    'imported from {file} (run {run}): totals, not samples',
    'importée de {file} (exécution {run}) : des totaux, pas des échantillons',
  ],
  'store.jsonTime': ['{name} is not an ISO 8601 time', '{name} n’est pas une heure ISO 8601'],
  'store.jsonNoHosts': [
    'no hosts (expected the JSON of runs export --format json)',
    'aucune machine (attendu : le JSON de runs export --format json)',
  ],
  'store.jsonEnergy': [
    'energyKwh.gpu, .cpu and .ram must be numbers ≥ 0',
    'energyKwh.gpu, .cpu et .ram doivent être des nombres ≥ 0',
  ],
  'store.jsonHostMissing': ['{name} is missing', '{name} manque'],
  'store.jsonDuration': ['{name} must be a number ≥ 0', '{name} doit être un nombre ≥ 0'],
  'store.runNotStored': [
    "run '{value}' is not in {store} (expected {accepted})",
    'l’exécution « {value} » n’est pas dans {store} (attendu : {accepted})',
  ],
  'store.noRunStored': [
    "run '{value}' is not in {store}: no run is stored there yet (empreinte run -- CMD ARGS... measures one)",
    'l’exécution « {value} » n’est pas dans {store} : aucune exécution n’y est encore enregistrée (empreinte run -- CMD ARGS... en mesure une)',
  ],
  'store.fieldRunNotStored': ['{field}: {problem}', '{field} : {problem}'],
  'store.acceptedRunId': [
    'an id or unique prefix (4+ characters) such as {recent}',
    'un identifiant ou un préfixe unique (4 caractères ou plus) comme {recent}',
  ],
  'store.acceptedNoRun': ['a run measured first', 'une exécution mesurée d’abord'],
} as const satisfies Table;
