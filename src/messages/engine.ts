import type { Table } from './table.js';

/** Messages of `src/engine` (errors and notes), [English, French]. */
export const ENGINE = {
  // Shared pieces.
  'engine.arg': ['{argField} {arg}', '{argField} {arg}'],
  'engine.nor': ['{a} nor {b}', '{a} ni {b}'],
  'engine.space': ['{a} {b}', '{a} {b}'],
  'engine.integerAtLeast1': ['an integer >= 1', 'un entier >= 1'],
  'engine.activeExceeds': [
    '{field}: {value} exceeds {paramsField} {params}',
    '{field} : {value} dépasse {paramsField} {params}',
  ],
  'engine.acceptedActive': [
    'active parameters <= total parameters',
    'des paramètres actifs <= paramètres totaux',
  ],
  'engine.noPeak': [
    '{field} {value}: the catalog has no peak throughput for it',
    '{field} {value} : le catalogue ne donne pas son débit de calcul de crête',
  ],
  'engine.acceptedPeak': [
    'an accelerator with a known peak FLOP/s',
    'un accélérateur dont la crête en FLOP/s est connue',
  ],

  // Training (engine/training.ts).
  'training.chipsWithDays': [
    '{field} is required with {daysField} (chip-hours = chips × days × 24)',
    '{field} est obligatoire avec {daysField} (heures-puce = puces × jours × 24)',
  ],
  'training.chipHoursDisagree': [
    '{field} {value} disagrees with {chipsField} {chips} × {daysField} {days} × 24 = {fromDays}',
    '{field} {value} ne concorde pas avec {chipsField} {chips} × {daysField} {days} × 24 = {fromDays}',
  ],
  'training.acceptedChipHours': [
    'give either {field} or {chipsField} with {daysField}, or values that agree within 5%',
    'donnez soit {field}, soit {chipsField} avec {daysField}, ou des valeurs qui concordent à 5 % près',
  ],
  'training.notEnough': [
    'not enough inputs: give {chipHoursField} (or {chipsField} with {daysField}), or {paramsField}, {tokensField} and {hardwareField} (or {modelField})',
    'paramètres insuffisants : donnez {chipHoursField} (ou {chipsField} avec {daysField}), ou {paramsField}, {tokensField} et {hardwareField} (ou {modelField})',
  ],
  'training.acceptedEnough': [
    '{chipHoursField} N | {chipsField} N {daysField} N | {paramsField} N {tokensField} N {hardwareField} ID | {modelField} ID',
    '{chipHoursField} N | {chipsField} N {daysField} N | {paramsField} N {tokensField} N {hardwareField} ID | {modelField} ID',
  ],
  'training.powerNeeded': [
    '{field} or {powerField} is required to know the power per chip',
    '{field} ou {powerField} est obligatoire pour connaître la puissance par puce',
  ],
  'training.acceptedPower': ['{field} ID | {powerField} W', '{field} ID | {powerField} W'],
  'training.catalogGap': [
    '{modelField} {model}: its publication gives no chip-hours, and no {missing}; give {give}, or {chipHoursField} N with {powerField} W',
    '{modelField} {model} : sa publication ne donne ni heures-puce, ni {missing} ; donnez {give}, ou {chipHoursField} N avec {powerField} W',
  ],
  'training.acceptedCatalogGap': [
    '{give} | {chipHoursField} N {powerField} W',
    '{give} | {chipHoursField} N {powerField} W',
  ],
  'training.gapTokens': ['training tokens', 'jetons d’entraînement'],
  'training.gapHardware': ['hardware', 'matériel'],
  'training.gapHardwareLabel': [
    'single catalog hardware (it names {label})',
    'matériel unique du catalogue (elle cite {label})',
  ],

  // Inference (engine/inference.ts).
  'inference.modelNeeded': [
    '{field} or {paramsField} is required to know the size of the model (e.g. {field} llama-2-7b or {paramsField} 8B)',
    '{field} ou {paramsField} est obligatoire pour connaître la taille du modèle (p. ex. {field} llama-2-7b ou {paramsField} 8B)',
  ],
  'inference.acceptedModel': [
    '{field} ID (see `empreinte models`) | {paramsField} N (8B, 70e9)',
    '{field} ID (voir `empreinte models`) | {paramsField} N (8B, 70e9)',
  ],
  'inference.hardwareNeeded': [
    '{field} is required: the accelerator that serves the model (e.g. h100, a100-80gb, l4; see `empreinte hardware`)',
    '{field} est obligatoire : l’accélérateur qui sert le modèle (p. ex. h100, a100-80gb, l4 ; voir `empreinte hardware`)',
  ],
  'inference.acceptedHardware': [
    'an accelerator id such as h100, a100-80gb, l4, tpu-v5e (see `empreinte hardware`)',
    'un identifiant d’accélérateur comme h100, a100-80gb, l4, tpu-v5e (voir `empreinte hardware`)',
  ],
  'inference.noBandwidth': [
    '{field} {value}: the catalog has no memory bandwidth for it, which decode depends on',
    '{field} {value} : le catalogue ne donne pas sa bande passante mémoire, dont dépend le décodage',
  ],
  'inference.acceptedBandwidth': [
    'an accelerator with a known memory bandwidth (e.g. h100, a100-80gb, l4, mi300x, tpu-v5e)',
    'un accélérateur dont la bande passante mémoire est connue (p. ex. h100, a100-80gb, l4, mi300x, tpu-v5e)',
  ],
  'inference.gpusNeeded': [
    '{field} is required: the catalog has no memory size for {hardware}',
    '{field} est obligatoire : le catalogue ne donne pas la taille mémoire de {hardware}',
  ],
  'inference.weightsDoNotFit': [
    '{field} {value}: {weights} GB of weights do not fit in {value} × {memoryGb} GB of {hardware} (needs at least {needed}, or fewer {bitsField})',
    '{field} {value} : {weights} Go de poids ne tiennent pas dans {value} × {memoryGb} Go de {hardware} (il en faut au moins {needed}, ou moins de {bitsField})',
  ],
  'inference.acceptedGpus': [
    'at least {needed} (or fewer {bitsField})',
    'au moins {needed} (ou moins de {bitsField})',
  ],
  'inference.noTokens': [
    '{field}: a request needs at least one input or output token',
    '{field} : une requête demande au moins un jeton d’entrée ou de sortie',
  ],

  // Deployments (engine/deployment.ts, deployment-compare.ts).
  'deployment.requestsNeeded': [
    '{field} is required (or {presetField} customer-service, or {conversationsField})',
    '{field} est obligatoire (ou {presetField} customer-service, ou {conversationsField})',
  ],
  'deployment.acceptedTraffic': [
    '{field} N | {conversationsField} N {turnsField} N | {presetField} customer-service',
    '{field} N | {conversationsField} N {turnsField} N | {presetField} customer-service',
  ],
  'deployment.conversationNeeds': [
    '{field} is required for conversational traffic (or use {presetField} customer-service)',
    '{field} est obligatoire pour un trafic conversationnel (ou utilisez {presetField} customer-service)',
  ],
  'deployment.acceptedConversation': [
    'a number, or {presetField} customer-service for cited defaults',
    'un nombre, ou {presetField} customer-service pour des valeurs par défaut citées',
  ],
  'deployment.flatProfile': [
    '{field}: at least one hourly weight must be above 0',
    '{field} : au moins un poids horaire doit être au-dessus de 0',
  ],
  'deployment.acceptedProfile': ['24 weights >= 0, not all 0', '24 poids >= 0, pas tous nuls'],
  'compare.unknownOption': [
    "{field}: unknown option '{value}' (expected {dimensions})",
    '{field} : option inconnue « {value} » (attendu : {dimensions})',
  ],
  'compare.acceptedDimensions': [
    '{dimensions} (e.g. model=llama-2-7b,llama-2-13b or route=0.6:llama-2-7b)',
    '{dimensions} (p. ex. model=llama-2-7b,llama-2-13b ou route=0.6:llama-2-7b)',
  ],
  'compare.option': ['{field} {value}: {detail}', '{field} {value} : {detail}'],
  'compare.route': [
    '{field} {value}: expected route=SHARE:MODEL with 0 < SHARE < 1 (e.g. route=0.6:llama-2-7b)',
    '{field} {value} : attendu : route=PART:MODÈLE avec 0 < PART < 1 (p. ex. route=0.6:llama-2-7b)',
  ],
  'compare.acceptedRoute': [
    'route=0.6:llama-2-7b (60% of requests to llama-2-7b) or route=60%:8B',
    'route=0.6:llama-2-7b (60 % des requêtes vers llama-2-7b) ou route=60%:8B',
  ],
  'compare.notPair': [
    "{field}: '{value}' is not DIMENSION=VALUE[,VALUE...] (e.g. model=llama-2-7b,llama-2-13b)",
    '{field} : « {value} » n’est pas DIMENSION=VALEUR[,VALEUR...] (p. ex. model=llama-2-7b,llama-2-13b)',
  ],
  'compare.acceptedPair': [
    '{dimensions}, e.g. model=llama-2-7b,llama-2-13b',
    '{dimensions}, p. ex. model=llama-2-7b,llama-2-13b',
  ],

  // Footprint comparisons (engine/compare.ts).
  'compare.accepted': [
    '{co2eField} N, {energyField} N (either or both) or {modelField} ID',
    '{co2eField} N, {energyField} N (l’un, l’autre ou les deux) ou {modelField} ID',
  ],
  'compare.modelAndFigures': [
    '{field}: cannot be combined with {otherField} (give one or the other)',
    '{field} : ne se combine pas avec {otherField} (donnez l’un ou l’autre)',
  ],
  'compare.required': [
    '{co2eField}, {energyField} or {modelField} is required ({accepted})',
    '{co2eField}, {energyField} ou {modelField} est obligatoire ({accepted})',
  ],
  'compare.noFigures': [
    '{field}: {model} has no published energy or CO2e figure',
    '{field} : {model} n’a pas de chiffre publié d’énergie ou de CO2e',
  ],
  'compare.acceptedPublished': [
    'a catalog model with published training figures (see empreinte models)',
    'un modèle du catalogue aux chiffres d’entraînement publiés (voir empreinte models)',
  ],
  'scaling.unknownFit': [
    "{field}: '{value}' is not a known fit (expected {accepted})",
    '{field} : « {value} » n’est pas un ajustement connu (attendu : {accepted})',
  ],

  // Calibrations (engine/calibration.ts).
  'calibration.aboveOne': [
    "{field}: {value} tokens of a {activeParams}-parameter model in {chipSeconds} chip-seconds imply a utilisation of {mfu} (above 1, more than the chips' peak): give the tokens this run processed and the parameters it trained ({paramsField}, {activeField}), or the {precisionField} it ran at",
    '{field} : {value} jetons d’un modèle de {activeParams} paramètres en {chipSeconds} puce-secondes impliquent un taux d’utilisation de {mfu} (au-dessus de 1, plus que la crête des puces) : donnez les jetons que cette exécution a traités et les paramètres qu’elle a entraînés ({paramsField}, {activeField}), ou la {precisionField} utilisée',
  ],
  'calibration.acceptedAtMostOne': [
    'inputs that imply a utilisation <= 1',
    'des valeurs qui impliquent un taux d’utilisation <= 1',
  ],
  'calibration.notWithMfu': [
    '{field}: not with {calibrationField} {name}, which gives the utilisation measured on your runs',
    '{field} : pas avec {calibrationField} {name}, qui donne le taux d’utilisation mesuré sur vos exécutions',
  ],
  'calibration.notWithPower': [
    '{field}: not with {calibrationField} {name}, which gives the power per chip measured on your runs',
    '{field} : pas avec {calibrationField} {name}, qui donne la puissance par puce mesurée sur vos exécutions',
  ],
  'calibration.acceptedEither': [
    'either {field} or {calibrationField}',
    'soit {field}, soit {calibrationField}',
  ],
  'calibration.otherChip': [
    '{field}: {given} is not the chip calibration {name} was measured on ({hardware})',
    '{field} : {given} n’est pas la puce sur laquelle la calibration {name} a été mesurée ({hardware})',
  ],
  'calibration.otherPrecision': [
    '{field}: calibration {name} holds for {precision}, not {value}',
    '{field} : la calibration {name} vaut pour {precision}, pas pour {value}',
  ],
  'calibration.basisOne': [
    'one run: no spread of its own, a default ×/÷ {factor} ({citation})',
    'une exécution : pas de dispersion propre, ×/÷ {factor} par défaut ({citation})',
  ],
  'calibration.basisRuns': [
    "{runs} runs: geometric mean and 90% prediction interval of their log values (Student's t), at least ×/÷ {floor}",
    '{runs} exécutions : moyenne géométrique et intervalle de prédiction à 90 % de leurs logarithmes (t de Student), au moins ×/÷ {floor}',
  ],
  'calibration.acceptedOrNone': ['{expected}, or no {field}', '{expected}, ou pas de {field}'],

  // Explore (engine/explore.ts, engine/sweep/).
  'explore.budgetNeedsOptimal': ['{field} needs {optimalField}', '{field} demande {optimalField}'],
  'explore.acceptedOptimalBudget': ['{optimalField} {field} FLOP', '{optimalField} {field} FLOP'],
  'explore.optimalChooses': [
    '{optimalField} chooses the design: leave out {field}',
    '{optimalField} choisit la conception : retirez {field}',
  ],
  'explore.acceptedOptimal': [
    '{optimalField} with {budgetField} FLOP or {paramsField} LIST',
    '{optimalField} avec {budgetField} FLOP ou {paramsField} LISTE',
  ],
  'explore.budgetChooses': [
    '{budgetField} chooses the model sizes: leave out {field}',
    '{budgetField} choisit les tailles de modèle : retirez {field}',
  ],
  'explore.acceptedBudget': ['{budgetField} FLOP or {field} LIST', '{budgetField} FLOP ou {field} LISTE'],
  'explore.optimalNeedsBudget': [
    '{optimalField} needs {field} FLOP (or {paramsField} LIST)',
    '{optimalField} demande {field} FLOP (ou {paramsField} LISTE)',
  ],
  'explore.acceptedBudgetExample': ['e.g. {field} 1e23', 'p. ex. {field} 1e23'],
  'sweep.notColumn': [
    "{field}: '{value}' is not a column of this sweep (expected one of {accepted})",
    '{field} : « {value} » n’est pas une colonne de ce balayage (valeurs possibles : {accepted})',
  ],

  // Projections (engine/projection.ts).
  'projection.unknownTrend': [
    "{field}: '{value}' is not a known trend (expected {accepted})",
    '{field} : « {value} » n’est pas une tendance connue (attendu : {accepted})',
  ],
  'projection.unknownScenario': [
    "{field}: '{value}' is not a known scenario (expected {accepted})",
    '{field} : « {value} » n’est pas un scénario connu (attendu : {accepted})',
  ],
  'projection.unknownTechnology': [
    "{field}: '{value}' is not a generation technology (expected {accepted})",
    '{field} : « {value} » n’est pas une technologie de production (attendu : {accepted})',
  ],
  'projection.shareRange': [
    '{field}: the share of {name} must be between 0 and 1 (got {value})',
    '{field} : la part de {name} doit être entre 0 et 1 (reçu : {value})',
  ],
  'projection.acceptedShare': ['a share in [0, 1]', 'une part dans [0, 1]'],
  'projection.sharesSum': [
    '{field}: shares must add up to 1 (they add up to {value})',
    '{field} : les parts doivent faire 1 au total (elles font {value})',
  ],
  'projection.acceptedSum': [
    'shares summing to 1, e.g. solar=0.3,wind=0.3,nuclear=0.2,gas=0.2',
    'des parts dont la somme fait 1, p. ex. solar=0.3,wind=0.3,nuclear=0.2,gas=0.2',
  ],

  'sweep.tooMany': [
    'the sweep has {total} scenarios, more than the {max} allowed: shorten some lists',
    'le balayage compte {total} scénarios, plus que les {max} permis : raccourcissez des listes',
  ],
  'sweep.acceptedAtMost': ['at most {max} scenarios', 'au plus {max} scénarios'],
  'sweep.bothTimeAxes': [
    '{field} and {daysField} cannot both be swept: give one of them',
    '{field} et {daysField} ne peuvent pas être balayés ensemble : donnez l’un des deux',
  ],
  'sweep.acceptedTimeAxes': [
    '{field} LIST | {chipsField} LIST {daysField} LIST',
    '{field} LISTE | {chipsField} LISTE {daysField} LISTE',
  ],
  'sweep.everyActiveExceeds': [
    '{field}: every value exceeds {paramsField}',
    '{field} : chaque valeur dépasse {paramsField}',
  ],
  'sweep.hardwareNeeded': [
    'not enough inputs: {field} is required (or {modelField} with known hardware)',
    'paramètres insuffisants : {field} est obligatoire (ou {modelField} avec un matériel connu)',
  ],
  'sweep.modelWithoutHardware': [
    '{field} is required: a model of the sweep has no hardware in the catalog',
    '{field} est obligatoire : un modèle du balayage n’a pas de matériel dans le catalogue',
  ],
  'sweep.acceptedHardware': ['{field} ID', '{field} ID'],

  // Notes on estimates: said beside the figures, never errors.
  'note.cloudPue': [
    "{locationField} {location}: the {provider} PUE {pue} replaces the publication's {published} (give {pueField} to keep it).",
    '{locationField} {location} : le PUE {pue} de {provider} remplace celui de la publication, {published} (donnez {pueField} pour le garder).',
  ],
  'note.boundary': [
    'accelerator = GPU/TPU chips only (comparable with nvidia-smi, NVML or Zeus GPU measurements); host = CPU, memory and network share of the servers; facility = data-centre overhead (PUE − 1)',
    'accélérateur = puces GPU ou TPU seules (comparable aux mesures de GPU par nvidia-smi, NVML ou Zeus) ; hôte = part des serveurs pour le processeur, la mémoire et le réseau ; bâtiment = surcoût du centre de données (PUE − 1)',
  ],
  'note.boundaryDeployment': [
    '{boundary}; acceleratorIdle = provisioned accelerators waiting for requests',
    '{boundary} ; accélérateurs au repos = accélérateurs provisionnés en attente de requêtes',
  ],
  'published.differs': [
    'the estimate differs from the published run in {first}{rest}',
    'l’estimation diffère de l’entraînement publié par {first}{rest}',
  ],
  'published.more': [', {item}{rest}', ', {item}{rest}'],
  'published.input': ['{inputField}', '{inputField}'],
  'published.run': [
    'the run (params, tokens, hardware, MFU or calibration)',
    'l’entraînement (paramètres, jetons, matériel, MFU ou calibration)',
  ],
  'published.operatorPue': [
    'the PUE (of the {locationField} operator)',
    'le PUE (de l’opérateur de {locationField})',
  ],
  'note.publishedPueKept': [
    "{locationField} changes the grid only: the publication's PUE {published} is kept (give {pueField} to change it).",
    '{locationField} ne change que le réseau : le PUE de la publication, {published}, est gardé (donnez {pueField} pour le changer).',
  ],
  'note.worldIntensity': [
    'No location given: the world-average grid intensity was used ({locationField} fr, {locationField} aws:eu-west-3...).',
    'Aucun lieu donné : l’intensité moyenne mondiale du réseau est utilisée ({locationField} fr, {locationField} aws:eu-west-3...).',
  ],
  'note.hardwareFamily': [
    "'{name}' is a family: using its flagship {id} ({label}).",
    '« {name} » est une famille : son modèle phare {id} ({label}) est utilisé.',
  ],
  'note.hardwareFamilyOthers': [
    "'{name}' is a family: using its flagship {id} ({label}); name one of {others} for another variant.",
    '« {name} » est une famille : son modèle phare {id} ({label}) est utilisé ; nommez l’un de {others} pour une autre variante.',
  ],
  'note.calibration': [
    "Utilisation and chip power from calibration '{name}' ({runs} measured runs on {hardware}, {precision}); range: {basis}. Host power is the default overhead on top.",
    'Taux d’utilisation et puissance par puce de la calibration « {name} » ({runs} exécutions mesurées sur {hardware}, {precision}) ; fourchette : {basis}. La puissance de l’hôte s’y ajoute par défaut.',
  ],
  'note.calibrationOne': [
    "Utilisation and chip power from calibration '{name}' ({runs} measured run on {hardware}, {precision}); range: {basis}. Host power is the default overhead on top.",
    'Taux d’utilisation et puissance par puce de la calibration « {name} » ({runs} exécution mesurée sur {hardware}, {precision}) ; fourchette : {basis}. La puissance de l’hôte s’y ajoute par défaut.',
  ],
  'note.calibrationTransfer': [
    "The run differs from those of calibration '{name}' (size, tokens or chips): their utilisation is carried to it by the fitted model's slopes, and its range is the transfer's error between published sibling runs.",
    'L’exécution diffère de celles de la calibration « {name} » (taille, jetons ou puces) : leur taux d’utilisation lui est transposé par les pentes du modèle ajusté, et sa fourchette est l’erreur de cette transposition entre exécutions publiées d’une même famille.',
  ],
  'note.noEmbodied': [
    'No hardware given: embodied (manufacturing) emissions are not counted.',
    'Aucun matériel donné : les émissions de fabrication ne sont pas comptées.',
  ],
  'note.kvCache': [
    'The KV cache of {batch} sequences does not fit beside the weights on {gpus} × {memoryGb} GB: a real engine would batch fewer requests (lower {batchField} or raise {gpusField}).',
    'Le cache KV de {batch} séquences ne tient pas à côté des poids sur {gpus} × {memoryGb} Go : un vrai moteur regrouperait moins de requêtes (baissez {batchField} ou augmentez {gpusField}).',
  ],
  'note.queue': [
    '{pool}: {replicas} replica(s) cannot keep up at the busiest hour ({pct}% of capacity); requests would queue.',
    '{pool} : {replicas} réplique(s) ne suivent pas à l’heure la plus chargée ({pct} % de la capacité) ; les requêtes attendraient.',
  ],
  'note.trainingShared': [
    'Training is shared by every deployment of the model: the amortised figure charges all of it to this one, an upper bound.',
    'L’entraînement est partagé par tous les déploiements du modèle : le chiffre amorti l’impute tout entier à celui-ci, c’est un majorant.',
  ],

  'note.sweepIntensityAsGiven': [
    'A grid intensity given with {field} is used as given, not projected.',
    'Une intensité du réseau donnée par {field} est prise telle quelle, sans projection.',
  ],
  'note.projectMarketShare': [
    'Market-based figures subtract the {pct}% covered by renewable contracts (PPAs, certificates); location-based figures are what the grid emitted.',
    'Les chiffres méthode marché retranchent les {pct} % couverts par des contrats d’électricité renouvelable (PPA, certificats) ; les chiffres méthode localisation sont ce que le réseau a émis.',
  ],
  'note.projectNoContracts': [
    'No renewable contracts given ({shareField}): market-based equals location-based.',
    'Aucun contrat d’électricité renouvelable donné ({shareField}) : la méthode marché égale la méthode localisation.',
  ],
  'note.projectIntensityAsGiven': [
    'The grid intensity given with {field} is used as given, not projected.',
    'L’intensité du réseau donnée par {field} est prise telle quelle, sans projection.',
  ],
  'note.worldIntensityList': [
    'No location given: the world-average grid intensity was used ({locationField} fr,pl,aws:eu-west-3...).',
    'Aucun lieu donné : l’intensité moyenne mondiale du réseau est utilisée ({locationField} fr,pl,aws:eu-west-3...).',
  ],
  'note.designsSkipped': [
    '{count} design(s) skipped: active parameters above total parameters.',
    '{count} conception(s) écartée(s) : paramètres actifs au-dessus des paramètres totaux.',
  ],
  'note.noPeakSkipped': [
    '{hardware} has no {precision} throughput: those rows are skipped.',
    '{hardware} n’a pas de débit en {precision} : ces lignes sont écartées.',
  ],
  'note.noPeakSkippedAny': [
    '{hardware} has no peak throughput: those rows are skipped.',
    '{hardware} n’a pas de débit de crête : ces lignes sont écartées.',
  ],
  'sweep.noPeak': [
    '{field}: {hardware} has no {precision} throughput',
    '{field} : {hardware} n’a pas de débit en {precision}',
  ],
  'sweep.noPeakAny': [
    '{field}: {hardware} has no peak throughput',
    '{field} : {hardware} n’a pas de débit de crête',
  ],
  'sweep.notEvaluated': [
    '{field}: the scenario could not be evaluated.',
    '{field} : le scénario n’a pas pu être évalué.',
  ],
  'sweep.acceptedPeak': [
    'an accelerator with a known peak FLOP/s at the chosen precision (see empreinte hardware)',
    'un accélérateur dont la crête en FLOP/s est connue à la précision choisie (voir empreinte hardware)',
  ],
  'note.noHardwareProjection': [
    'No hardware given: accelerator efficiency is not projected.',
    'Aucun matériel donné : l’efficacité des accélérateurs n’est pas projetée.',
  ],
  'note.releasedAfter': [
    '{hardware} was released in {year}: no efficiency gain is projected before then.',
    '{hardware} est sorti en {year} : aucun gain d’efficacité n’est projeté avant.',
  ],
  'note.noHardwareCompared': [
    'Without {paramsField}, {tokensField} and {hardwareField} (chip-hours or power given instead), other hardware is not compared.',
    'Sans {paramsField}, {tokensField} et {hardwareField} (heures-puce ou puissance données à la place), les autres matériels ne sont pas comparés.',
  ],
  'note.greenestOnly': [
    'No location given (or none with a known world region): only the lowest-carbon cloud region overall is proposed.',
    'Aucun lieu donné (ou aucun dans une région du monde connue) : seule la région cloud la moins carbonée de toutes est proposée.',
  ],
  // Provenance labels that say something in words (tags, ids and citations stay as they are).
  'source.pueInPower': [
    '{origin} (PUE folded into the published power per chip)',
    '{origin} (PUE comprise dans la puissance publiée par puce)',
  ],
  'source.netIntensity': [
    '{origin} (net {net} g/kWh over a grid of {gross} g/kWh)',
    '{origin} (net : {net} g/kWh, pour un réseau à {gross} g/kWh)',
  ],
  'source.measuredEnergy': ['{origin} (measured)', '{origin} (mesurée)'],
  'source.worldAverage': ['default:world average', 'default:moyenne mondiale'],
  'source.fittedMfu': [
    'default:fitted goodput ({class}{chips})',
    'default:débit utile ajusté ({class}{chips})',
  ],
  'source.chipsFromFlop': [', chips ≈ {chips} from FLOP', ', puces ≈ {chips} d’après les FLOP'],
  'source.defaultPrecision': [
    'catalog:{hardware}:default precision',
    'catalog:{hardware}:précision par défaut',
  ],
  'source.kvEstimate': [
    'default:{attention} estimate from active parameters',
    'default:estimation {attention} d’après les paramètres actifs',
  ],
  'source.layersEstimate': ['default:estimated from parameters', 'default:estimé d’après les paramètres'],
  'source.gpusFromMemory': [
    'derived:memory (weights {weights} GB + KV cache {kv} GB) / ({memoryGb} GB × {fraction}), rounded up to a power of two',
    'derived:mémoire (poids {weights} Go + cache KV {kv} Go) / ({memoryGb} Go × {fraction}), arrondi à la puissance de deux supérieure',
  ],
  'source.expertShare': [
    'default:active / total parameters (experts per token unknown)',
    'default:paramètres actifs / totaux (experts par jeton inconnus)',
  ],
} as const satisfies Table;
