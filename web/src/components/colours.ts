// Apart from the chart module, so that a page without a chart does not load the chart library.
/** Series colours: distinguishable, and at least 3:1 against white (WCAG non-text contrast). */
export const COLOURS = [
  '#0b6e4f',
  '#b34700',
  '#1f5fbf',
  '#8a2d8a',
  '#6b6b00',
  '#b0163a',
  '#00707a',
  '#5a4a9c',
];
