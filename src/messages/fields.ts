import type { Table } from './table.js';

/** What each input field is, as the CLI's help and the API's descriptions say it, [English, French]. */
export const FIELD_HELP = {
  'help.pue': ['data-centre power usage effectiveness', 'efficacité énergétique du centre de données (PUE)'],
  'help.location': [
    'country (fr), grid zone (US-CAL-CISO) or cloud region (aws:eu-west-3)',
    'pays (fr), zone de réseau (US-CAL-CISO) ou région cloud (aws:eu-west-3)',
  ],
  'help.gridIntensity': ['grid carbon intensity, g CO2e/kWh', 'intensité carbone du réseau, g CO2e/kWh'],
  'help.renewableShare': [
    'share covered by renewable contracts (market-based figure)',
    'part couverte par des contrats d’électricité renouvelable (chiffre « market-based »)',
  ],
  'help.seed': ['Monte Carlo seed (default 42)', 'graine du Monte-Carlo (42 par défaut)'],
  'help.draws': ['Monte Carlo draws (default 10000)', 'tirages du Monte-Carlo (10000 par défaut)'],
  'help.precision': [
    'fp32, tf32, bf16, fp8 or int8 (default: the chip’s training precision)',
    'fp32, tf32, bf16, fp8 ou int8 (par défaut : la précision d’entraînement de la puce)',
  ],
  'help.trainingModel': [
    'a model of the catalog (fills the other inputs from its publication)',
    'un modèle du catalogue (remplit les autres paramètres d’après sa publication)',
  ],
  'help.trainingParams': ['total parameters (70e9, 70B)', 'nombre total de paramètres (70e9, 70B)'],
  'help.activeParams': [
    'parameters active per token (mixture-of-experts)',
    'paramètres actifs par jeton (mélange d’experts)',
  ],
  'help.tokens': ['training tokens (2T)', 'jetons d’entraînement (2T)'],
  'help.trainingHardware': [
    'accelerator (h100, a100-40gb, tpu-v4...)',
    'accélérateur (h100, a100-40gb, tpu-v4...)',
  ],
  'help.chips': ['number of accelerators', 'nombre d’accélérateurs'],
  'help.chipHours': ['accelerator-hours, if known', 'heures-accélérateur, si on les connaît'],
  'help.days': ['wall-clock days (with --chips)', 'jours calendaires (avec --chips)'],
  'help.mfu': ['model FLOPs utilisation', 'taux d’utilisation des FLOP du modèle (MFU)'],
  'help.powerW': ['system power per chip, host included', 'puissance du système par puce, hôte compris'],
  'help.layers': [
    'transformer layers (adds the attention FLOP term)',
    'couches du transformeur (ajoute le terme de FLOP de l’attention)',
  ],
  'help.contextLength': [
    'training sequence length (attention FLOP term)',
    'longueur des séquences d’entraînement (terme de FLOP de l’attention)',
  ],
  'help.dModel': ['model width (attention FLOP term)', 'largeur du modèle (terme de FLOP de l’attention)'],
  'help.calibration': [
    'utilisation and chip power from your measured runs (empreinte calibrate)',
    'taux d’utilisation et puissance par puce tirés de vos mesures (empreinte calibrate)',
  ],
  'help.trials': [
    'full training runs including hyper-parameter trials (default 1)',
    'entraînements complets, essais d’hyperparamètres compris (1 par défaut)',
  ],
  'help.calibrationName': [
    'calibration name; several runs under one name refine it (default: the hardware id)',
    'nom de la calibration ; plusieurs mesures sous un même nom l’affinent (par défaut : l’identifiant du matériel)',
  ],
  'help.calibrationHardware': [
    'the chip, when the GPU name the driver reported is not in the catalog',
    'la puce, quand le nom de GPU donné par le pilote n’est pas dans le catalogue',
  ],
  'help.calibrationPrecision': [
    'precision the run trained at (default: the chip’s training precision)',
    'précision de l’entraînement mesuré (par défaut : la précision d’entraînement de la puce)',
  ],
  'help.cacheCostFraction': [
    'cost of a cached token relative to a fresh one (default 0.1)',
    'coût d’un jeton en cache par rapport à un jeton neuf (0.1 par défaut)',
  ],
  'help.servingModel': [
    'a model of the catalog (gives its parameter counts)',
    'un modèle du catalogue (donne ses nombres de paramètres)',
  ],
  'help.servingParams': ['total parameters (8B, 70e9)', 'nombre total de paramètres (8B, 70e9)'],
  'help.servingHardware': [
    'accelerator (h100, a100-80gb, l4, mi300x, tpu-v5e...)',
    'accélérateur (h100, a100-80gb, l4, mi300x, tpu-v5e...)',
  ],
  'help.gpus': [
    'accelerators per replica (default: the fewest that hold weights and KV cache)',
    'accélérateurs par réplique (par défaut : le moins qui contienne poids et cache KV)',
  ],
  'help.batch': ['sequences decoded together (default 32)', 'séquences décodées ensemble (32 par défaut)'],
  'help.weightsBits': [
    'bits per weight: 16, 8 (FP8), 4 (quantised) (default 16)',
    'bits par poids : 16, 8 (FP8), 4 (quantifié) (16 par défaut)',
  ],
  'help.kvBytesPerToken': [
    'KV-cache bytes per token of context (default: estimated from the model size)',
    'octets de cache KV par jeton de contexte (par défaut : estimés d’après la taille du modèle)',
  ],
  'help.servingDraws': ['Monte Carlo draws', 'tirages du Monte-Carlo'],
  'help.inputTokens': [
    'input (prompt) tokens per request (default 500)',
    'jetons d’entrée (prompt) par requête (500 par défaut)',
  ],
  'help.cachedInputTokens': [
    'prompt tokens served from a prefix cache',
    'jetons du prompt servis depuis un cache de préfixe',
  ],
  'help.outputTokens': [
    'output tokens per request (default 250)',
    'jetons de sortie par requête (250 par défaut)',
  ],
  'help.requests': [
    'number of requests the totals are for (default 1000)',
    'nombre de requêtes des totaux (1000 par défaut)',
  ],
  'help.preset': [
    'customer-service: a retrieval-augmented support chatbot with cited defaults',
    'customer-service : un agent conversationnel d’assistance avec recherche documentaire, aux valeurs par défaut sourcées',
  ],
  'help.requestsPerDay': ['requests per day (plain traffic)', 'requêtes par jour (trafic simple)'],
  'help.deploymentInputTokens': [
    'input tokens per request (plain traffic, default 500)',
    'jetons d’entrée par requête (trafic simple, 500 par défaut)',
  ],
  'help.deploymentOutputTokens': [
    'output tokens per request (plain traffic, default 250)',
    'jetons de sortie par requête (trafic simple, 250 par défaut)',
  ],
  'help.conversationsPerDay': ['conversations per day', 'conversations par jour'],
  'help.turns': ['user turns per conversation', 'tours de parole de l’utilisateur par conversation'],
  'help.tokensPerTurn': ['tokens of each user message', 'jetons de chaque message de l’utilisateur'],
  'help.replyTokens': ['tokens of each reply', 'jetons de chaque réponse'],
  'help.systemPromptTokens': ['tokens of the system prompt', 'jetons du prompt système'],
  'help.retrievedTokens': [
    'retrieved (RAG) tokens added to each turn',
    'jetons récupérés (RAG) ajoutés à chaque tour',
  ],
  'help.promptCaching': [
    'serve the system prompt and history from a prefix cache',
    'servir le prompt système et l’historique depuis un cache de préfixe',
  ],
  'help.replicas': [
    'provisioned replicas (default: sized for the busiest hour)',
    'répliques provisionnées (par défaut : dimensionnées pour l’heure la plus chargée)',
  ],
  'help.responseCacheHitRate': [
    'share of requests answered from a response cache',
    'part des requêtes servies par un cache de réponses',
  ],
  'help.trainingCo2eKg': [
    'training footprint to amortise (default: the published figure of --model)',
    'empreinte d’entraînement à amortir (par défaut : le chiffre publié de --model)',
  ],
  'help.trainingLifetimeYears': [
    'years over which training is amortised (default 1)',
    'années d’amortissement de l’entraînement (1 par défaut)',
  ],
  'help.compare': [
    'an option to compare, repeatable: model=a,b  hardware=a,b  batch=8,64  weights-bits=8,4  location=fr,pl  response-cache=0.2  prompt-caching=on  route=0.6:8B',
    'une option à comparer, répétable : model=a,b  hardware=a,b  batch=8,64  weights-bits=8,4  location=fr,pl  response-cache=0.2  prompt-caching=on  route=0.6:8B',
  ],
  'help.year': ['year to project to (2030)', 'année de la projection (2030)'],
  'help.scenario': [
    'grid scenario: current-policies (default), pledges or net-zero',
    'scénario du réseau : current-policies (par défaut), pledges ou net-zero',
  ],
  'help.mix': [
    'a generation mix instead of the grid: solar=0.3,wind=0.3,nuclear=0.2,gas=0.2',
    'un mix de production au lieu du réseau : solar=0.3,wind=0.3,nuclear=0.2,gas=0.2',
  ],
  'help.efficiencyTrend': [
    'accelerator efficiency trend: ml-gpus (default) or leading',
    'tendance d’efficacité des accélérateurs : ml-gpus (par défaut) ou leading',
  ],
  'help.exploreYear': [
    'project to these years: accelerators and grids of that year (2030,2035)',
    'projeter à ces années : accélérateurs et réseaux de l’année (2030,2035)',
  ],
  'help.exploreScenario': [
    'grid scenario for --year: current-policies, pledges, net-zero',
    'scénario du réseau pour --year : current-policies, pledges, net-zero',
  ],
  'help.computeBudget': [
    'training FLOP budgets for --compute-optimal (1e23,1e24)',
    'budgets de FLOP d’entraînement pour --compute-optimal (1e23,1e24)',
  ],
  'help.exploreEfficiencyTrend': [
    'accelerator efficiency trend for --year: ml-gpus (default) or leading',
    'tendance d’efficacité des accélérateurs pour --year : ml-gpus (par défaut) ou leading',
  ],
  'help.sort': [
    'sort rows by a column (co2eKg, energyKwh, params...; -co2eKg for descending)',
    'trier les lignes selon une colonne (co2eKg, energyKwh, params... ; -co2eKg pour l’ordre décroissant)',
  ],
  'help.computeOptimal': [
    'Chinchilla: pick tokens (and sizes) that minimise the fitted loss',
    'Chinchilla : choisir les jetons (et les tailles) qui minimisent la perte ajustée',
  ],
  'help.scalingFit': [
    'loss fit: hoffmann-2022 (default) or besiroglu-2024',
    'loi de perte : hoffmann-2022 (par défaut) ou besiroglu-2024',
  ],
  'help.tokensPerParam': [
    'tokens per parameter with --compute-optimal --params (default 20)',
    'jetons par paramètre avec --compute-optimal --params (20 par défaut)',
  ],
  'help.ranges': [
    'low and high values beside the central ones (default true)',
    'valeurs basses et hautes à côté des centrales (true par défaut)',
  ],
  'help.noRanges': ['central values only (faster)', 'valeurs centrales seulement (plus rapide)'],
  'help.calibrateRun': [
    'a run measured with empreinte run (id or unique prefix)',
    'une exécution mesurée par empreinte run (identifiant ou début unique)',
  ],
  'help.calibrateParams': [
    'parameters the run trained (7e9, 7B)',
    'paramètres entraînés par l’exécution (7e9, 7B)',
  ],
  'help.calibrateTokens': [
    'tokens the run processed (forward and backward), e.g. 2B',
    'jetons traités par l’exécution (passes avant et arrière), p. ex. 2B',
  ],
  'help.calibrationDb': [
    'database holding the calibration (with --calibration)',
    'base de données qui contient la calibration (avec --calibration)',
  ],
  'help.calibrateList': ['list the stored calibrations', 'lister les calibrations enregistrées'],
  'help.sources': ['show the full source of every input', 'montrer la source complète de chaque paramètre'],
  'help.exploreCsv': [
    'CSV on stdout (one row per scenario; ranges as COL, COLLow, COLHigh)',
    'CSV sur la sortie standard (une ligne par scénario ; fourchettes en COL, COLLow, COLHigh)',
  ],
  'help.exploreLimit': [
    'rows shown in the table (default 50; --csv and --json print all)',
    'lignes montrées dans le tableau (50 par défaut ; --csv et --json impriment tout)',
  ],
  'help.profile': [
    '{names} or 24 comma-separated hourly weights',
    '{names} ou 24 poids horaires séparés par des virgules',
  ],
  'help.interval': ['in {low}, {high}{unit}', 'dans {low}, {high}{unit}'],
  'help.integerInterval': ['integer in {low}, {high}{unit}', 'entier dans {low}, {high}{unit}'],
  'help.runLocation': ['{base} (default: world average)', '{base} (par défaut : moyenne mondiale)'],
  'help.runPue': [
    '{base} (default: provider or industry average)',
    '{base} (par défaut : moyenne de l’opérateur ou du secteur)',
  ],
  // schedule
  'help.scheduleSeries': [
    'intensity series files (CSV, Electricity Maps, WattTime, UK CI, Carbon Aware SDK)',
    'fichiers de séries d’intensité (CSV, Electricity Maps, WattTime, UK CI, Carbon Aware SDK)',
  ],
  'help.scheduleDuration': [
    'job duration: 90m, 24h, 2d (a bare number is hours)',
    'durée de la tâche : 90m, 24h, 2d (un nombre seul compte des heures)',
  ],
  'help.scheduleFrom': [
    'earliest start, ISO 8601 (no offset = UTC) or "now"; default: start of the data',
    'début au plus tôt, ISO 8601 (sans décalage = UTC) ou le mot now ; par défaut : début des données',
  ],
  'help.scheduleTo': [
    'latest end, ISO 8601 or "now"; default: end of the data',
    'fin au plus tard, ISO 8601 ou le mot now ; par défaut : fin des données',
  ],
  'help.scheduleSignal': [
    'direct or lifecycle emission factors (files with both columns; Electricity Maps API)',
    'facteurs d’émission direct ou lifecycle (cycle de vie) (fichiers avec les deux colonnes ; API Electricity Maps)',
  ],
  'help.scheduleInterruptible': [
    'the job may pause: cheapest slots adding up to the duration',
    'la tâche peut s’interrompre : les créneaux les moins chers qui totalisent la durée',
  ],
  'help.scheduleMaxPauses': [
    'at most N pauses (implies --interruptible)',
    'N pauses au plus (implique --interruptible)',
  ],
  'help.schedulePowerW': [
    'average power of the job, W: gives kWh and kg CO2e',
    'puissance moyenne de la tâche, W : donne les kWh et les kg CO2e',
  ],
  'help.scheduleRun': [
    'take the average power of a measured run (see empreinte runs)',
    'prendre la puissance moyenne d’une exécution mesurée (voir empreinte runs)',
  ],
  'help.scheduleDb': [
    'run store for --run (default: EMPREINTE_DB or ~/.empreinte/empreinte.db)',
    'stockage des exécutions pour --run (par défaut : EMPREINTE_DB ou ~/.empreinte/empreinte.db)',
  ],
  'help.scheduleForecast': [
    'extend each series with a forecast (regression + MSTL) up to --to',
    'prolonger chaque série par une prévision (régression + MSTL) jusqu’à --to',
  ],
  'help.scheduleFromApi': ['fetch live data', 'chercher des données en direct'],
  'help.scheduleZone': [
    'zone for --from-api; or the zone to keep from a multi-zone file',
    'zone pour --from-api ; ou la zone à garder d’un fichier à plusieurs zones',
  ],
  'help.scheduleFormat': ['input format (default: detected)', 'format d’entrée (par défaut : détecté)'],
  'help.scheduleTimeColumn': [
    'CSV: the timestamp column (name or 1-based index)',
    'CSV : la colonne des horodatages (nom ou numéro, à partir de 1)',
  ],
  'help.scheduleValueColumn': [
    'CSV: the intensity column (name or 1-based index)',
    'CSV : la colonne de l’intensité (nom ou numéro, à partir de 1)',
  ],
  'help.scheduleTimezone': [
    'CSV: IANA time zone of timestamps without an offset (default UTC)',
    'CSV : fuseau horaire IANA des horodatages sans décalage (UTC par défaut)',
  ],
  'help.scheduleUploads': [
    'intensity series as uploaded text, [{ name, content }] (CSV, Electricity Maps, WattTime, UK CI, Carbon Aware SDK)',
    'séries d’intensité envoyées en texte, [{ name, content }] (CSV, Electricity Maps, WattTime, UK CI, Carbon Aware SDK)',
  ],
  'help.scheduleIncludeSeries': [
    'add the series read (and any forecast) to the answer, for charts',
    'ajouter à la réponse les séries lues (et la prévision éventuelle), pour les graphiques',
  ],
  'help.scheduleInterpolate': [
    'fill gaps inside series by straight lines instead of avoiding them',
    'combler les trous des séries par des segments de droite au lieu de les éviter',
  ],
} as const satisfies Table;
