/** The series formats and signals the readers know: plain data, for flags and schemas to list. */
export const FORMATS = ['csv', 'electricitymaps', 'watttime', 'ukci', 'carbon-aware-sdk'] as const;
export type SeriesFormat = (typeof FORMATS)[number];

export const SIGNALS = ['direct', 'lifecycle'] as const;
export type SignalChoice = (typeof SIGNALS)[number];
