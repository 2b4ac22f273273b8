import type { EquivalenceEntry } from './types.js';

/**
 * Everyday and sector equivalents of an amount of CO2e or energy. `perUnit` is the amount of the
 * basis (kg CO2e or kWh) that one `unit` stands for; the equivalent of X is X / perUnit.
 */
export const EQUIVALENCES: readonly EquivalenceEntry[] = [
  {
    id: 'car-km',
    label: { en: 'driving an average petrol car', fr: 'trajet en voiture thermique moyenne' },
    basis: 'co2eKg',
    perUnit: 0.218,
    unit: { en: 'km', fr: 'km' },
    source: {
      citation: 'ADEME, Base Empreinte / Impact CO2: average petrol car, 0.218 kg CO2e per km',
      year: 2024,
      url: 'https://impactco2.fr/outils/transport',
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
      citation: 'U.S. EIA, Electricity use in homes: average residential customer used 10,791 kWh in 2022',
      year: 2022,
      url: 'https://www.eia.gov/tools/faqs/faq.php?id=97&t=3',
    },
  },
];
