// The run records' former home: they live in src/records.ts, which new code imports.
export type * from '../records.js';
