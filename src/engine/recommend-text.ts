/** Labels and trade-offs of recommendations, in English and French (placeholders in braces). */
export type TextLang = 'en' | 'fr';

const EN = {
  hardware: 'Train on {hardware} instead of {baseline}',
  'region-near': 'Train in {location} ({intensity} g CO2e/kWh), the lowest-carbon cloud region of {region}',
  'region-greenest': 'Train in {location} ({intensity} g CO2e/kWh), the lowest-carbon cloud region',
  'schedule-defer': 'Start at the cleanest hour of the next 24 h (carbon-aware start)',
  'schedule-pause':
    'Pause during the dirtiest hours, finishing within twice the time (carbon-aware pause and resume)',
  'compute-optimal':
    'Train a compute-optimal {params}-parameter model on {tokens} tokens (same predicted loss)',
  'mixed-precision': 'Train in mixed precision (BF16) instead of {precision}',
  fp8: 'Train in FP8 instead of BF16',
  'power-cap': 'Cap GPU power to run at a more energy-efficient point',
  'fewer-trials': 'Tune hyper-parameters on a small proxy (μTransfer) instead of {trials} full-size runs',
  'time.chipHours': '{change}% chip-hours: with the same number of chips, training is {direction}',
  'time.shorter': 'shorter',
  'time.longer': 'longer',
  'money.unknown':
    'Price per chip-hour is not in the catalog: compare rates for about {chipHours} chip-hours (now {baseline})',
  'money.region': 'Prices per chip-hour differ by region and are not in the catalog',
  'other.embodied': 'Manufacturing share {change}% ({embodied} kg CO2e embodied)',
  'other.region':
    'Data must be allowed to move there (residency, transfer cost); availability of {hardware} there is not checked; PUE {pue}',
  'time.defer': 'Starts up to 24 h later',
  'time.pause': 'Wall-clock time up to twice as long',
  'other.shift':
    'Typical saving for a {duration} job in {zone} (2023 hourly data); `empreinte schedule` finds the actual window',
  'other.shiftMedian':
    'Typical saving for a {duration} job: median of 16 grid zones (2023 hourly data; none for {zone}); `empreinte schedule` finds the actual window',
  'other.pause': 'The accelerators stay reserved while paused (their idle power is not counted here)',
  'other.durationAssumed': 'job length unknown (give --chips or --days): assumed a month',
  'quality.chinchilla':
    'Same predicted pre-training loss ({loss}) under {fit}; published fits disagree on the optimal split',
  'other.chinchillaData': 'Needs {tokens} training tokens ({change}%); {inference}',
  'other.smallerServe': 'the smaller model is cheaper to serve',
  'other.largerServe': 'the larger model costs more to serve',
  'quality.mixed': 'Usually the same accuracy (FP16 needs loss scaling, BF16 does not)',
  'quality.fp8':
    'FP8-LM reports BF16-level accuracy up to 175B parameters with its recipe; FP8 needs per-tensor scaling and can be less stable',
  'time.powerCap':
    'Slightly longer training (a "marginal" increase at a 150 W cap on 250 W V100s); Zeus tunes the limit per job to a chosen energy/time trade-off',
  'quality.trials':
    'μTransfer matched or beat the published GPT-3 6.7B hyper-parameters; the model must use the μP parametrisation',
  'time.trials': 'Tuning runs on a ~40M-parameter proxy instead of {trials} full-size runs',
} as const;

export type TextKey = keyof typeof EN;

const FR: Record<TextKey, string> = {
  hardware: 'Entraîner sur {hardware} au lieu de {baseline}',
  'region-near':
    'Entraîner dans {location} ({intensity} g CO2e/kWh), la région cloud la moins carbonée de {region}',
  'region-greenest': 'Entraîner dans {location} ({intensity} g CO2e/kWh), la région cloud la moins carbonée',
  'schedule-defer':
    'Démarrer à l’heure la moins carbonée des prochaines 24 h (démarrage piloté par le carbone)',
  'schedule-pause':
    'Suspendre aux heures les plus carbonées, en finissant en deux fois le temps (pause et reprise)',
  'compute-optimal':
    'Entraîner un modèle optimal de {params} paramètres sur {tokens} tokens (même perte prédite)',
  'mixed-precision': 'Entraîner en précision mixte (BF16) au lieu de {precision}',
  fp8: 'Entraîner en FP8 au lieu de BF16',
  'power-cap': 'Plafonner la puissance des GPU pour travailler à un point plus efficace',
  'fewer-trials':
    'Régler les hyper-paramètres sur un petit modèle (μTransfer) au lieu de {trials} entraînements complets',
  'time.chipHours': '{change} % d’heures-puce : à nombre de puces égal, l’entraînement est plus {direction}',
  'time.shorter': 'court',
  'time.longer': 'long',
  'money.unknown':
    'Le prix de l’heure-puce n’est pas au catalogue : comparer les tarifs pour environ {chipHours} heures-puce (actuellement {baseline})',
  'money.region': 'Les prix de l’heure-puce varient selon la région et ne sont pas au catalogue',
  'other.embodied': 'Part de la fabrication {change} % ({embodied} kg CO2e)',
  'other.region':
    'Les données doivent pouvoir y aller (résidence, coût de transfert) ; la disponibilité de {hardware} n’est pas vérifiée ; PUE {pue}',
  'time.defer': 'Démarre jusqu’à 24 h plus tard',
  'time.pause': 'Durée jusqu’à deux fois plus longue',
  'other.shift':
    'Gain typique pour une tâche de {duration} dans {zone} (données horaires 2023) ; `empreinte schedule` trouve la vraie fenêtre',
  'other.shiftMedian':
    'Gain typique pour une tâche de {duration} : médiane de 16 zones (données horaires 2023 ; aucune pour {zone}) ; `empreinte schedule` trouve la vraie fenêtre',
  'other.pause':
    'Les accélérateurs restent réservés pendant les pauses (leur puissance au repos n’est pas comptée ici)',
  'other.durationAssumed': 'durée inconnue (donner --chips ou --days) : un mois supposé',
  'quality.chinchilla':
    'Même perte prédite ({loss}) selon {fit} ; les ajustements publiés divergent sur le partage optimal',
  'other.chinchillaData': 'Demande {tokens} tokens d’entraînement ({change} %) ; {inference}',
  'other.smallerServe': 'le modèle plus petit coûte moins cher à servir',
  'other.largerServe': 'le modèle plus grand coûte plus cher à servir',
  'quality.mixed': 'En général la même précision (FP16 demande une mise à l’échelle de la perte, BF16 non)',
  'quality.fp8':
    'FP8-LM obtient la précision du BF16 jusqu’à 175 Md de paramètres avec sa méthode ; le FP8 demande une mise à l’échelle par tenseur et peut être moins stable',
  'time.powerCap':
    'Entraînement un peu plus long (hausse « marginale » avec un plafond de 150 W sur des V100 de 250 W) ; Zeus règle le plafond par tâche selon le compromis énergie/temps voulu',
  'quality.trials':
    'μTransfer a égalé ou battu les hyper-paramètres publiés de GPT-3 6.7B ; le modèle doit utiliser la paramétrisation μP',
  'time.trials':
    'Les essais tournent sur un modèle de ~40 M de paramètres au lieu de {trials} entraînements complets',
};

export function text(lang: TextLang, key: TextKey, params: Record<string, string | number> = {}): string {
  const template = lang === 'fr' ? FR[key] : EN[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Compact numbers for labels: 3 significant digits with B/T suffixes for counts. */
export function compact(value: number, lang: TextLang): string {
  const units: [number, string][] =
    lang === 'fr'
      ? [
          [1e12, ' T'],
          [1e9, ' Md'],
          [1e6, ' M'],
        ]
      : [
          [1e12, 'T'],
          [1e9, 'B'],
          [1e6, 'M'],
        ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${number(value / size, lang)}${suffix}`;
  }
  return number(value, lang);
}

export function number(value: number, lang: TextLang): string {
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(abs))));
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits }).format(
    value,
  );
}
