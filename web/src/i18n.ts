import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from './format';

export type { Lang } from './format';

/**
 * Every label in both languages side by side ([English, French]), so that neither can lack a key.
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
const MESSAGES = {
  'nav.label': ['Pages', 'Pages'],
  'nav.skip': ['Skip to content', 'Aller au contenu'],
  'nav.language': ['Language', 'Langue'],
  'nav.training': ['Training', 'Entraînement'],
  'nav.models': ['Popular models', 'Modèles connus'],
  'nav.inference': ['Inference', 'Inférence'],
  'nav.explore': ['Explore', 'Explorer'],
  'nav.schedule': ['Schedule', 'Planifier'],
  'nav.runs': ['Runs', 'Mesures'],
  'footer.text': [
    'empreinte estimates and measures the energy and carbon footprint of AI. Every figure carries its source; ranges show the uncertainty.',
    'empreinte estime et mesure l’empreinte énergétique et carbone de l’IA. Chaque chiffre a sa source\u202f; les fourchettes montrent l’incertitude.',
  ],
  'action.estimate': ['Estimate', 'Estimer'],
  'action.retry': ['Retry', 'Réessayer'],
  'status.loading': ['Loading…', 'Chargement…'],
  'status.computing': ['Computing…', 'Calcul…'],
  'error.accepted': ['accepted:', 'accepté\u00a0:'],
  'error.network': [
    'The server cannot be reached. Is empreinte serve still running?',
    'Le serveur ne répond pas. empreinte serve tourne-t-il toujours\u202f?',
  ],
  'error.token': [
    'This server needs an access token (empreinte serve --token).',
    'Ce serveur demande un jeton d’accès (empreinte serve --token).',
  ],
  'error.tokenLabel': ['Access token', 'Jeton d’accès'],
  'field.model': ['Model', 'Modèle'],
  'field.params': ['Parameters', 'Paramètres'],
  'field.tokens': ['Training tokens', 'Jetons d’entraînement'],
  'field.hardware': ['Accelerator', 'Accélérateur'],
  'field.chips': ['Number of accelerators', 'Nombre d’accélérateurs'],
  'field.days': ['Wall-clock days', 'Durée en jours'],
  'field.mfu': ['Model FLOPs utilisation', 'Taux d’utilisation (MFU)'],
  'field.calibration': ['Calibration from your runs', 'Calibration sur vos mesures'],
  'option.noCalibration': ['none (published defaults)', 'aucune (valeurs publiées)'],
  'field.location': ['Location', 'Lieu'],
  'field.pue': ['PUE', 'PUE'],
  'field.conversationsPerDay': ['Conversations per day', 'Conversations par jour'],
  'field.promptCaching': ['Prompt caching', 'Cache des prompts'],
  'hint.number': ['70e9, 70B or 70000000000', '70e9, 70B ou 70000000000'],
  'hint.optional': ['optional', 'facultatif'],
  'hint.calibration': [
    'utilisation and chip power measured on your runs (empreinte calibrate); replaces accelerator and MFU',
    'utilisation et puissance mesurées sur vos exécutions (empreinte calibrate)\u202f; remplace accélérateur et MFU',
  ],
  'hint.mfu': [
    'between 0 and 1; default from the hardware',
    'entre 0 et 1\u202f; par défaut selon le matériel',
  ],
  'hint.location': [
    'country (fr), grid zone (US-CAL-CISO) or cloud region (aws:eu-west-3); default: world average',
    'pays (fr), zone (US-CAL-CISO) ou région cloud (aws:eu-west-3)\u202f; par défaut\u00a0: moyenne mondiale',
  ],
  'hint.pue': [
    'data-centre overhead, ≥ 1; default from the provider or the industry average',
    'surcoût du centre de données, ≥ 1\u202f; par défaut selon l’hébergeur ou la moyenne du secteur',
  ],
  'training.title': ['Estimate a training run', 'Estimer un entraînement'],
  'training.lead': [
    'Energy, emissions (operational and manufacturing) and chip-hours of training a model, with the range of the estimate and the source of every input.',
    'Énergie, émissions (exploitation et fabrication) et heures-puces d’un entraînement, avec la fourchette de l’estimation et la source de chaque donnée.',
  ],
  'training.mode': ['Start from', 'Partir de'],
  'training.mode.catalog': ['a published model', 'un modèle publié'],
  'training.mode.custom': ['my own run', 'mon propre entraînement'],
  'training.hint': [
    'Hover or focus a value to see its source.',
    'Survolez ou sélectionnez une valeur pour voir sa source.',
  ],
  'result.totalCo2e': ['Total emissions', 'Émissions totales'],
  'result.energy': ['Energy', 'Énergie'],
  'result.co2e': ['Emissions', 'Émissions'],
  'result.chipHours': ['Chip-hours', 'Heures-puces'],
  'result.range': ['range', 'fourchette'],
  'result.breakdown': ['Where the emissions come from', 'D’où viennent les émissions'],
  'result.it': ['IT equipment (electricity)', 'Matériel informatique (électricité)'],
  'result.facility': ['Data-centre overhead (PUE)', 'Surcoût du centre de données (PUE)'],
  'result.embodied': ['Manufacturing (embodied)', 'Fabrication du matériel'],
  'result.market': ['Market-based emissions', 'Émissions (méthode market-based)'],
  'result.published': ['Published figures', 'Chiffres publiés'],
  'result.publishedFigure': ['Published', 'Publié'],
  'result.ours': ['Our estimate', 'Notre estimation'],
  'result.difference': ['Difference', 'Écart'],
  'result.equivalents': ['That is about', 'Cela représente environ'],
  'result.inputs': ['Inputs and their sources', 'Données et leurs sources'],
  'result.inputsHint': [
    'user: you gave it; catalog: a published figure; default: a cited default.',
    'user\u00a0: donnée saisie\u202f; catalog\u00a0: chiffre publié\u202f; default\u00a0: valeur par défaut sourcée.',
  ],
  'result.input': ['Input', 'Donnée'],
  'result.value': ['Value', 'Valeur'],
  'result.source': ['Source', 'Source'],
  'result.notes': ['Notes', 'Remarques'],
  'models.title': ['Popular models', 'Modèles connus'],
  'models.lead': [
    'Published energy and emissions of well-known models against their training compute (6 · N · D), with our estimate from the same inputs beside each published figure.',
    'Énergie et émissions publiées de modèles connus en fonction du calcul d’entraînement (6 · N · D), avec notre estimation à partir des mêmes données à côté de chaque chiffre publié.',
  ],
  'models.metric': ['Show', 'Afficher'],
  'models.metric.energy': ['energy', 'l’énergie'],
  'models.metric.co2e': ['emissions', 'les émissions'],
  'models.table': ['Models and their figures', 'Modèles et leurs chiffres'],
  'models.chartLabel': [
    'Published figure and our estimate against training compute, log-log',
    'Chiffre publié et notre estimation selon le calcul d’entraînement, échelles logarithmiques',
  ],
  'models.axis.flop': ['training compute (FLOP)', 'calcul d’entraînement (FLOP)'],
  'models.col.model': ['Model', 'Modèle'],
  'models.col.year': ['Year', 'Année'],
  'models.col.flop': ['Compute', 'Calcul'],
  'models.col.energyPub': ['Energy published', 'Énergie publiée'],
  'models.col.energyOurs': ['Energy (ours)', 'Énergie (nous)'],
  'models.col.co2ePub': ['CO₂e published', 'CO₂e publié'],
  'models.col.co2eOurs': ['CO₂e (ours)', 'CO₂e (nous)'],
  'models.col.diff': ['Diff.', 'Écart'],
  'inference.title': ['Inference and deployment', 'Inférence et déploiement'],
  'inference.lead': [
    'A customer-service assistant (retrieval-augmented chat in office hours) served for a year, and what each option changes.',
    'Un assistant de service client (chat avec recherche documentaire, aux heures de bureau) servi pendant un an, et ce que change chaque option.',
  ],
  'inference.yearCo2e': ['Emissions per year', 'Émissions par an'],
  'inference.yearEnergy': ['Energy per year', 'Énergie par an'],
  'inference.perRequest': ['Per request', 'Par requête'],
  'inference.perConversation': ['Per conversation', 'Par conversation'],
  'inference.breakdown': ['Energy by part, per year', 'Énergie par poste, par an'],
  'inference.active': ['accelerators serving', 'accélérateurs au travail'],
  'inference.idle': ['accelerators idle', 'accélérateurs inactifs'],
  'inference.host': ['host (CPU, RAM, network)', 'hôte (CPU, mémoire, réseau)'],
  'inference.facility': ['facility (PUE)', 'bâtiment (PUE)'],
  'inference.comparisons': [
    'Options compared (operational emissions per year)',
    'Options comparées (émissions d’exploitation par an)',
  ],
  'inference.comparisonsHint': [
    'Lower is better; the percentage is the change from the baseline.',
    'Plus bas, c’est mieux\u202f; le pourcentage est l’écart à la référence.',
  ],
  'inference.baseline': ['baseline', 'référence'],
  'inference.hourly': ['Traffic and energy over a day', 'Trafic et énergie sur une journée'],
  'inference.hour': ['hour', 'heure'],
  'inference.hourUtc': ['hour of the day', 'heure de la journée'],
  'inference.requests': ['requests', 'requêtes'],
  'inference.energyHour': ['energy per hour', 'énergie par heure'],
  'inference.perTurn': [
    'Each turn re-sends the conversation: energy per turn',
    'Chaque tour renvoie la conversation\u00a0: énergie par tour',
  ],
  'inference.turn': ['turn', 'tour'],
  'inference.energyTurn': ['energy of the turn', 'énergie du tour'],
  'explore.title': ['Explore', 'Explorer'],
  'explore.lead': [
    'Drag the sliders: the curve shows total emissions against model size for the chosen tokens, accelerator, grid and year.',
    'Faites glisser les curseurs\u00a0: la courbe montre les émissions totales selon la taille du modèle pour les jetons, l’accélérateur, le réseau et l’année choisis.',
  ],
  'explore.params': ['Model size (parameters)', 'Taille du modèle (paramètres)'],
  'explore.tokens': ['Training tokens', 'Jetons d’entraînement'],
  'explore.hardware': ['Accelerator', 'Accélérateur'],
  'explore.region': ['Electricity grid', 'Réseau électrique'],
  'explore.year': ['Year', 'Année'],
  'explore.today': ['today', 'aujourd’hui'],
  'explore.intensity': ['Grid intensity', 'Intensité du réseau'],
  'explore.low': ['low', 'bas'],
  'explore.high': ['high', 'haut'],
  'explore.thisModel': ['this model', 'ce modèle'],
  'explore.chartLabel': [
    'Total emissions against model size, log-log, with the range',
    'Émissions totales selon la taille du modèle, échelles logarithmiques, avec la fourchette',
  ],
  'schedule.title': ['When and where to run', 'Quand et où lancer un calcul'],
  'schedule.lead': [
    'Upload a grid carbon-intensity series: empreinte finds the cleanest window for your job, and what waiting saves.',
    'Importez une série d’intensité carbone du réseau\u00a0: empreinte trouve la fenêtre la moins carbonée pour votre calcul et ce qu’attendre fait gagner.',
  ],
  'schedule.files': ['Intensity series (CSV or JSON)', 'Série d’intensité (CSV ou JSON)'],
  'schedule.filesHint': [
    'Electricity Maps, WattTime, UK Carbon Intensity, Carbon Aware SDK or a plain CSV; one file per zone',
    'Electricity Maps, WattTime, UK Carbon Intensity, Carbon Aware SDK ou un CSV simple\u202f; un fichier par zone',
  ],
  'schedule.connector': ['Or fetch live data', 'Ou récupérer des données en direct'],
  'schedule.connectorHint': [
    'needs network access from the server; keys come from its environment',
    'demande un accès réseau au serveur\u202f; les clés viennent de son environnement',
  ],
  'schedule.noConnector': ['none (files only)', 'aucune (fichiers seulement)'],
  'schedule.zone': ['Zone', 'Zone'],
  'schedule.duration': ['Job duration', 'Durée du calcul'],
  'schedule.power': ['Average power (W)', 'Puissance moyenne (W)'],
  'schedule.forecast': ['Extend with a forecast', 'Prolonger par une prévision'],
  'schedule.forecastShort': ['forecast', 'prévision'],
  'schedule.interruptible': ['The job can pause', 'Le calcul peut faire des pauses'],
  'schedule.find': ['Find the best window', 'Trouver la meilleure fenêtre'],
  'schedule.best': ['Best window', 'Meilleure fenêtre'],
  'schedule.now': ['Starting now', 'En lançant maintenant'],
  'schedule.saving': ['Saving', 'Gain'],
  'schedule.saved': ['saved', 'évités'],
  'schedule.index': ['index (0–100)', 'indice (0–100)'],
  'schedule.slots': ['Run in these slots', 'Périodes de calcul'],
  'schedule.chartLabel': [
    'Grid carbon intensity over time, best window shaded',
    'Intensité carbone du réseau dans le temps, meilleure fenêtre en surbrillance',
  ],
  'schedule.chartCaption': [
    'Green band: best window. Grey band: starting now. Times in UTC.',
    'Bande verte\u00a0: meilleure fenêtre. Bande grise\u00a0: lancement immédiat. Heures UTC.',
  ],
  'schedule.chartCaptionForecast': ['Dashed: forecast.', 'Pointillés\u00a0: prévision.'],
  'schedule.howTo': ['How to get an export', 'Comment obtenir un export'],
  'schedule.howTo.em': [
    'Electricity Maps: on app.electricitymaps.com open a zone, then “Download data” (hourly CSV, free for past years), or the API’s carbon-intensity/history JSON.',
    'Electricity Maps\u00a0: sur app.electricitymaps.com, ouvrez une zone puis «\u00a0Download data\u00a0» (CSV horaire, gratuit pour les années passées), ou le JSON carbon-intensity/history de l’API.',
  ],
  'schedule.howTo.ukci': [
    'Great Britain: save https://api.carbonintensity.org.uk/intensity/2024-01-01T00:00Z/2024-01-14T00:00Z (JSON, no key needed).',
    'Grande-Bretagne\u00a0: enregistrez https://api.carbonintensity.org.uk/intensity/2024-01-01T00:00Z/2024-01-14T00:00Z (JSON, sans clé).',
  ],
  'schedule.howTo.watttime': [
    'WattTime: the JSON of /v3/historical or /v3/forecast (an account is needed).',
    'WattTime\u00a0: le JSON de /v3/historical ou /v3/forecast (un compte est nécessaire).',
  ],
  'schedule.howTo.csv': [
    'Any CSV with a time column and an intensity column in g CO₂e/kWh; the file name gives the zone (FR.csv).',
    'Tout CSV avec une colonne de temps et une colonne d’intensité en g CO₂e/kWh\u202f; le nom du fichier donne la zone (FR.csv).',
  ],
  'runs.title': ['Measured runs', 'Calculs mesurés'],
  'runs.lead': [
    'Runs measured with empreinte run -- CMD: energy per device, live while they run.',
    'Calculs mesurés avec empreinte run -- CMD\u00a0: énergie par composant, en direct pendant le calcul.',
  ],
  'runs.empty': [
    'No run yet. Measure one with: empreinte run -- python train.py',
    'Aucun calcul pour l’instant. Mesurez-en un avec\u00a0: empreinte run -- python train.py',
  ],
  'runs.name': ['Run', 'Calcul'],
  'runs.status': ['Status', 'État'],
  'runs.status.running': ['running', 'en cours'],
  'runs.status.completed': ['completed', 'terminé'],
  'runs.status.failed': ['failed', 'échec'],
  'runs.status.interrupted': ['interrupted', 'interrompu'],
  'runs.started': ['Started', 'Début'],
  'runs.host': ['Host', 'Machine'],
  'runs.duration': ['Duration', 'Durée'],
  'runs.back': ['All runs', 'Tous les calculs'],
  'runs.more': [
    'The newest {n} runs are shown; older ones are stored too.',
    'Les {n} calculs les plus récents sont affichés\u202f; les plus anciens sont aussi enregistrés.',
  ],
  'runs.showAll': ['Show every run', 'Afficher tous les calculs'],
  'runs.notFound': ['No such run', 'Calcul introuvable'],
  'runs.power': ['Average power', 'Puissance moyenne'],
  'runs.peak': ['peak', 'pic'],
  'runs.sources': ['Measured with', 'Mesuré avec'],
  'runs.none': ['not measured', 'non mesuré'],
  'runs.powerChart': ['Power per device over time', 'Puissance par composant dans le temps'],
  'runs.samples': ['{n} samples', '{n} mesures'],
  'runs.live': ['live', 'en direct'],
  'runs.phases': ['Phases', 'Phases'],
  'runs.phase': ['Phase', 'Phase'],
  'runs.export.codecarbon': ['Download CodeCarbon CSV', 'Télécharger le CSV CodeCarbon'],
  'runs.export.hf': ['Download Hugging Face model card', 'Télécharger la fiche Hugging Face'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof MESSAGES;

export interface I18n {
  lang: Lang;
  t(key: Key | string, params?: Record<string, string | number>): string;
  setLang(lang: Lang): void;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  const index = lang === 'fr' ? 1 : 0;
  return {
    lang,
    setLang,
    t: (key, params = {}) => {
      const pair = (MESSAGES as Record<string, readonly [string, string]>)[key];
      const text = pair ? pair[index] : key;
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => {}));
export const useI18n = () => useContext(I18nContext);

const STORAGE_KEY = 'empreinte.lang';

/** The language chosen before (remembered), else the browser's. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}
