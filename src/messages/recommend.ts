import type { Table } from './table.js';

/** Labels and trade-offs of recommendations (`src/engine/recommend`), [English, French]. */
export const RECOMMEND = {
  'recommend.hardware': [
    'Train on {hardware} instead of {baseline}',
    'Entraîner sur {hardware} au lieu de {baseline}',
  ],
  'recommend.region-near': [
    'Train in {location} ({intensity} g CO2e/kWh), the lowest-carbon cloud region of {region}',
    'Entraîner dans {location} ({intensity} g CO2e/kWh), la région cloud la moins carbonée de {region}',
  ],
  'recommend.region-greenest': [
    'Train in {location} ({intensity} g CO2e/kWh), the lowest-carbon cloud region',
    'Entraîner dans {location} ({intensity} g CO2e/kWh), la région cloud la moins carbonée',
  ],
  'recommend.schedule-defer': [
    'Start at the cleanest hour of the next 24 h (carbon-aware start)',
    'Démarrer à l’heure la moins carbonée des prochaines 24 h (démarrage piloté par le carbone)',
  ],
  'recommend.schedule-pause': [
    'Pause during the dirtiest hours, finishing within twice the time (carbon-aware pause and resume)',
    'Suspendre aux heures les plus carbonées, en finissant en deux fois le temps (pause et reprise)',
  ],
  'recommend.compute-optimal': [
    'Train a compute-optimal {params}-parameter model on {tokens} tokens (same predicted loss)',
    'Entraîner un modèle optimal de {params} paramètres sur {tokens} tokens (même perte prédite)',
  ],
  'recommend.mixed-precision': [
    'Train in mixed precision (BF16) instead of {precision}',
    'Entraîner en précision mixte (BF16) au lieu de {precision}',
  ],
  'recommend.fp8': ['Train in FP8 instead of BF16', 'Entraîner en FP8 au lieu de BF16'],
  'recommend.power-cap': [
    'Cap GPU power to run at a more energy-efficient point',
    'Plafonner la puissance des GPU pour travailler à un point plus efficace',
  ],
  'recommend.fewer-trials': [
    'Tune hyper-parameters on a small proxy (μTransfer) instead of {trials} full-size runs',
    'Régler les hyper-paramètres sur un petit modèle (μTransfer) au lieu de {trials} entraînements complets',
  ],
  'recommend.time.chipHours': [
    '{change}% chip-hours: with the same number of chips, training is {direction}',
    '{change} % d’heures-puce : à nombre de puces égal, l’entraînement est plus {direction}',
  ],
  'recommend.time.shorter': ['shorter', 'court'],
  'recommend.time.longer': ['longer', 'long'],
  'recommend.money.unknown': [
    'Price per chip-hour is not in the catalog: compare rates for about {chipHours} chip-hours (now {baseline})',
    'Le prix de l’heure-puce n’est pas au catalogue : comparer les tarifs pour environ {chipHours} heures-puce (actuellement {baseline})',
  ],
  'recommend.money.region': [
    'Prices per chip-hour differ by region and are not in the catalog',
    'Les prix de l’heure-puce varient selon la région et ne sont pas au catalogue',
  ],
  'recommend.other.embodied': [
    'Manufacturing share {change}% ({embodied} kg CO2e embodied)',
    'Part de la fabrication {change} % ({embodied} kg CO2e)',
  ],
  'recommend.other.region': [
    'Data must be allowed to move there (residency, transfer cost); availability of {hardware} there is not checked; PUE {pue}',
    'Les données doivent pouvoir y aller (résidence, coût de transfert) ; la disponibilité de {hardware} n’est pas vérifiée ; PUE {pue}',
  ],
  'recommend.time.defer': ['Starts up to 24 h later', 'Démarre jusqu’à 24 h plus tard'],
  'recommend.time.pause': ['Wall-clock time up to twice as long', 'Durée jusqu’à deux fois plus longue'],
  'recommend.other.shift': [
    'Typical saving for a {duration} job in {zone} (2023 hourly data); `empreinte schedule` finds the actual window',
    'Gain typique pour une tâche de {duration} dans {zone} (données horaires 2023) ; `empreinte schedule` trouve la vraie fenêtre',
  ],
  'recommend.other.shiftMedian': [
    'Typical saving for a {duration} job: median of 16 grid zones (2023 hourly data; none for {zone}); `empreinte schedule` finds the actual window',
    'Gain typique pour une tâche de {duration} : médiane de 16 zones (données horaires 2023 ; aucune pour {zone}) ; `empreinte schedule` trouve la vraie fenêtre',
  ],
  'recommend.other.pause': [
    'The accelerators stay reserved while paused (their idle power is not counted here)',
    'Les accélérateurs restent réservés pendant les pauses (leur puissance au repos n’est pas comptée ici)',
  ],
  'recommend.other.durationAssumed': [
    'job length unknown (give --chips or --days): assumed a month',
    'durée inconnue (donner --chips ou --days) : un mois supposé',
  ],
  'recommend.quality.chinchilla': [
    'Same predicted pre-training loss ({loss}) under {fit}; published fits disagree on the optimal split',
    'Même perte prédite ({loss}) selon {fit} ; les ajustements publiés divergent sur le partage optimal',
  ],
  'recommend.fit.hoffmann-2022': [
    'Chinchilla (Hoffmann et al. 2022), published fit',
    'Chinchilla (Hoffmann et al. 2022), ajustement publié',
  ],
  'recommend.fit.besiroglu-2024': [
    'Chinchilla replication (Besiroglu et al. 2024), refit',
    'réplication de Chinchilla (Besiroglu et al. 2024), nouvel ajustement',
  ],
  'recommend.other.chinchillaData': [
    'Needs {tokens} training tokens ({change}%); {inference}',
    'Demande {tokens} tokens d’entraînement ({change} %) ; {inference}',
  ],
  'recommend.other.smallerServe': [
    'the smaller model is cheaper to serve',
    'le modèle plus petit coûte moins cher à servir',
  ],
  'recommend.other.largerServe': [
    'the larger model costs more to serve',
    'le modèle plus grand coûte plus cher à servir',
  ],
  'recommend.quality.mixed': [
    'Usually the same accuracy (FP16 needs loss scaling, BF16 does not)',
    'En général la même précision (FP16 demande une mise à l’échelle de la perte, BF16 non)',
  ],
  'recommend.quality.fp8': [
    'FP8-LM reports BF16-level accuracy up to 175B parameters with its recipe; FP8 needs per-tensor scaling and can be less stable',
    'FP8-LM obtient la précision du BF16 jusqu’à 175 Md de paramètres avec sa méthode ; le FP8 demande une mise à l’échelle par tenseur et peut être moins stable',
  ],
  'recommend.time.powerCap': [
    'Slightly longer training (a "marginal" increase at a 150 W cap on 250 W V100s); Zeus tunes the limit per job to a chosen energy/time trade-off',
    'Entraînement un peu plus long (hausse « marginale » avec un plafond de 150 W sur des V100 de 250 W) ; Zeus règle le plafond par tâche selon le compromis énergie/temps voulu',
  ],
  'recommend.quality.trials': [
    'μTransfer matched or beat the published GPT-3 6.7B hyper-parameters; the model must use the μP parametrisation',
    'μTransfer a égalé ou battu les hyper-paramètres publiés de GPT-3 6.7B ; le modèle doit utiliser la paramétrisation μP',
  ],
  'recommend.time.trials': [
    'Tuning runs on a ~40M-parameter proxy instead of {trials} full-size runs',
    'Les essais tournent sur un modèle de ~40 M de paramètres au lieu de {trials} entraînements complets',
  ],
} as const satisfies Table;
