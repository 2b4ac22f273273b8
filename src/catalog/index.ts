// The catalogs only (the `empreinte/data` subpath): typed entries, each with its source.
export { findModel, MODELS, resolveModel } from './models.js';
