/**
 * The part of `@tgwf/co2` (CO2.js, Green Web Foundation) that empreinte uses: its bundled grid
 * intensity data. The package ships JavaScript only; these declarations describe the data modules.
 */
declare module '@tgwf/co2/data' {
  /** Ember yearly average intensity, g CO2e/kWh, keyed by ISO 3166-1 alpha-3 code or aggregate name (`WORLD`, `EU`). */
  export const averageIntensity: { data: Record<string, number>; type: 'average' };

  export interface ElectricityMapsZone {
    zone: { zoneName: string; displayName?: string; countryName?: string };
    carbonIntensity: { value: number | null; unit: 'gCO2eq/kWh' };
    renewableEnergy: { value: number | null; unit: '%' };
    carbonFreeEnergy: { value: number | null; unit: '%' };
  }

  export interface ElectricityMapsYear {
    /** Keyed by Electricity Maps zone key (`FR`, `US-CAL-CISO`, `IN-WE`). */
    data: Record<string, ElectricityMapsZone>;
    methodology: string;
  }

  export const electricityMaps: {
    yearly2025: ElectricityMapsYear;
    yearly2024: ElectricityMapsYear;
    yearly2023: ElectricityMapsYear;
    yearly2022: ElectricityMapsYear;
    yearly2021: ElectricityMapsYear;
  };
}
