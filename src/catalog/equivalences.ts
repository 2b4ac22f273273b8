import type { EquivalenceEntry } from './types.js';

/**
 * Everyday and sector equivalents of an amount of CO2e or energy. `perUnit` is the amount of the
 * basis (kg CO2e or kWh) that one `unit` stands for; the equivalent of X is X / perUnit.
 * Order matters: reports show the first few, so the most telling come first.
 */

const KM_PER_MILE = 1.609344;
/** Paris CDG - New York JFK great-circle distance, one way (3,626 statute miles). */
const PARIS_NEW_YORK_KM = 5835;

export const EQUIVALENCES: readonly EquivalenceEntry[] = [
  {
    id: 'car-km',
    label: { en: 'driving an average petrol car', fr: 'en voiture essence moyenne' },
    basis: 'co2eKg',
    perUnit: 403 / 1000 / KM_PER_MILE,
    unit: { en: 'km', fr: 'km' },
    source: {
      citation:
        'US EPA, Greenhouse Gas Equivalencies Calculator, calculations and references (2022 version): 4.03 × 10⁻⁴ t CO2e per mile driven by an average gasoline passenger vehicle (0.250 kg per km)',
      year: 2022,
      url: 'https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references',
    },
  },
  {
    id: 'flight-paris-new-york',
    label: {
      en: 'Paris–New York return flights, per passenger',
      fr: 'allers-retours Paris–New York en avion, par passager',
    },
    basis: 'co2eKg',
    perUnit: 2 * PARIS_NEW_YORK_KM * 0.152,
    unit: { en: 'round trips', fr: 'allers-retours' },
    source: {
      citation:
        'ADEME, Base Carbone: long-haul flight (> 3,500 km) 0.152 kg CO2e per passenger-km including contrails and other non-CO2 effects (2018 factor), × 2 × 5,835 km (CDG–JFK great circle)',
      year: 2018,
      url: 'https://base-empreinte.ademe.fr/',
    },
  },
  {
    id: 'person-year-france',
    label: {
      en: 'the yearly carbon footprint of a person in France',
      fr: 'l’empreinte carbone annuelle d’un Français',
    },
    basis: 'co2eKg',
    perUnit: 9200,
    unit: { en: 'person-years', fr: 'personnes-ans' },
    source: {
      citation:
        'SDES (French Ministry for Ecological Transition), L’empreinte carbone de la France: 9.2 t CO2e per person in 2022',
      year: 2022,
      url: 'https://www.statistiques.developpement-durable.gouv.fr/lempreinte-carbone-de-la-france-de-1995-2022',
    },
  },
  {
    id: 'home-electricity-eu',
    label: {
      en: 'yearly electricity of an average EU home',
      fr: 'consommation électrique annuelle d’un logement européen moyen',
    },
    basis: 'energyKwh',
    perUnit: 3600,
    unit: { en: 'home-years', fr: 'logements-ans' },
    source: {
      citation:
        'Odyssee-Mure, Electricity consumption per dwelling: EU27 average 3.6 MWh per year (update of November 2025)',
      year: 2025,
      url: 'https://www.odyssee-mure.eu/publications/efficiency-by-sector/households/electricity-consumption-dwelling.html',
    },
  },
  {
    id: 'smartphone-charges',
    label: { en: 'smartphone full charges', fr: 'recharges complètes de smartphone' },
    basis: 'energyKwh',
    perUnit: 0.012,
    unit: { en: 'charges', fr: 'recharges' },
    source: {
      citation:
        'US EPA, Greenhouse Gas Equivalencies Calculator, calculations and references (2022 version): 0.012 kWh per smartphone charged (14.46 Wh per 24 h less 22 h of 0.13 W maintenance)',
      year: 2022,
      url: 'https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references',
    },
  },
  {
    id: 'tree-seedlings-10-years',
    label: {
      en: 'tree seedlings grown for 10 years to absorb it',
      fr: 'jeunes arbres plantés et cultivés pendant 10 ans pour l’absorber',
    },
    basis: 'co2eKg',
    perUnit: 60,
    unit: { en: 'trees', fr: 'arbres' },
    source: {
      citation:
        'US EPA, Greenhouse Gas Equivalencies Calculator, calculations and references (2022 version): 0.060 t CO2 sequestered per urban tree seedling grown for 10 years',
      year: 2022,
      url: 'https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references',
    },
  },
  {
    id: 'person-year-world',
    label: {
      en: 'the yearly emissions of an average person worldwide',
      fr: 'les émissions annuelles d’un habitant moyen de la planète',
    },
    basis: 'co2eKg',
    perUnit: 57.1e12 / 8.0e9,
    unit: { en: 'person-years', fr: 'personnes-ans' },
    source: {
      citation:
        'UNEP, Emissions Gap Report 2024: global GHG emissions 57.1 Gt CO2e in 2023; divided by a world population of 8.0 billion (UN DESA, World Population Prospects 2022)',
      year: 2024,
      url: 'https://www.unep.org/resources/emissions-gap-report-2024',
    },
  },
  {
    id: 'home-electricity-france',
    label: {
      en: 'yearly electricity of an average French home',
      fr: 'consommation électrique annuelle d’un foyer français moyen',
    },
    basis: 'energyKwh',
    perUnit: 156e9 / (37.8e6 * 0.821),
    unit: { en: 'home-years', fr: 'foyers-ans' },
    source: {
      citation:
        'SDES, Bilan énergétique de la France pour 2023, §5.3: residential electricity 156 TWh (climate-corrected); divided by 31.0 million main residences (INSEE Focus no. 309, 2023: 37.8 million dwellings, 82.1% main residences)',
      year: 2023,
      url: 'https://www.statistiques.developpement-durable.gouv.fr/edition-numerique/bilan-energetique/fr/28-53-residentiel--baisse-de',
    },
  },
  {
    id: 'home-electricity-us',
    label: {
      en: 'yearly electricity of an average US home',
      fr: 'consommation électrique annuelle d’un foyer américain moyen',
    },
    basis: 'energyKwh',
    perUnit: 10_791,
    unit: { en: 'home-years', fr: 'foyers-ans' },
    source: {
      citation:
        'US EIA, How much electricity does an American home use? (FAQ): 10,791 kWh per residential customer in 2022',
      year: 2022,
      url: 'https://www.eia.gov/tools/faqs/faq.php?id=97&t=3',
    },
  },
  {
    id: 'video-streaming-hours',
    label: { en: 'hours of video streaming', fr: 'heures de streaming vidéo' },
    basis: 'co2eKg',
    perUnit: 0.036,
    unit: { en: 'hours', fr: 'heures' },
    source: {
      citation:
        'IEA (G. Kamiya), The carbon footprint of streaming video: fact-checking the headlines, 2020: 36 g CO2 per hour of streaming (2019 global average)',
      year: 2020,
      url: 'https://www.iea.org/commentaries/the-carbon-footprint-of-streaming-video-fact-checking-the-headlines',
    },
  },
  {
    id: 'chatgpt-queries',
    label: { en: 'average ChatGPT queries', fr: 'requêtes ChatGPT moyennes' },
    basis: 'energyKwh',
    perUnit: 0.34 / 1000,
    unit: { en: 'queries', fr: 'requêtes' },
    source: {
      citation:
        'S. Altman (OpenAI), The Gentle Singularity, June 2025: an average ChatGPT query uses about 0.34 Wh',
      year: 2025,
      url: 'https://blog.samaltman.com/the-gentle-singularity',
    },
  },
  {
    id: 'gemini-prompts',
    label: { en: 'median Gemini text prompts', fr: 'requêtes texte Gemini médianes' },
    basis: 'energyKwh',
    perUnit: 0.24 / 1000,
    unit: { en: 'prompts', fr: 'requêtes' },
    source: {
      citation:
        'Google (Elsworth et al.), Measuring the environmental impact of delivering AI at Google scale, arXiv 2508.15734, 2025: median Gemini Apps text prompt 0.24 Wh',
      year: 2025,
      url: 'https://arxiv.org/abs/2508.15734',
    },
  },
  {
    id: 'google-searches',
    label: { en: 'Google web searches (2009 figure)', fr: 'recherches Google (chiffre de 2009)' },
    basis: 'energyKwh',
    perUnit: 0.0003,
    unit: { en: 'searches', fr: 'recherches' },
    source: {
      citation:
        'U. Hölzle (Google), Powering a Google search, Official Google Blog, January 2009: 0.0003 kWh (1 kJ) per search',
      year: 2009,
      url: 'https://googleblog.blogspot.com/2009/01/powering-google-search.html',
    },
  },
];
