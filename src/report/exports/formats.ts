/** The names of the exports, apart from the exporters: a command can list them without loading any. */

/** Exports of a measured run, by format name (`runs export ID --format NAME`). */
export const EXPORT_FORMATS = ['codecarbon-csv', 'hf-model-card', 'json', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `training_type` of a Hugging Face model card's CO2 block. */
export type TrainingType = 'pre-training' | 'fine-tuning';
export const TRAINING_TYPES: readonly TrainingType[] = ['pre-training', 'fine-tuning'];
