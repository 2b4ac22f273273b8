import { resolveModel } from '../../catalog/models.js';
import { PARAMS_FROM_SHAPE } from '../../catalog/scaling-laws.js';
import { MFU_MODEL } from '../../catalog/training-defaults.js';
import type { HardwareEntry, ModelEntry } from '../../catalog/types.js';
import { predictMfu } from '../training-fit.js';
import { trainingFlop } from '../training-kernel.js';
import type { DesignSpec, SweepSpec } from './spec.js';

export interface Design {
  model?: ModelEntry;
  params: number;
  activeParams: number;
  tokens: number;
  layers?: number;
  contextLength?: number;
  dModel?: number;
  flop: number;
  /** Index in the hardware list of the model's own hardware, when the hardware is not swept. */
  hardware: number;
  valid: boolean;
  extra?: Record<string, number | boolean>;
}

/** The designs of a sweep, each resolved once: its model, parameters, tokens and FLOP. */
export function buildDesigns(spec: SweepSpec, hardwareOf: (name: string) => number): Design[] {
  const specs: DesignSpec[] = spec.designs ?? crossDesigns(spec);
  const models = new Map<string, ModelEntry>();
  return specs.map((d) => {
    let model: ModelEntry | undefined;
    if (d.model !== undefined) {
      model = models.get(d.model) ?? resolveModel(d.model);
      models.set(d.model, model);
    }
    const fromShape =
      d.layers !== undefined && d.dModel !== undefined
        ? PARAMS_FROM_SHAPE.factor * d.layers * d.dModel * d.dModel
        : undefined;
    const params = d.params ?? model?.paramsTotal ?? fromShape ?? Number.NaN;
    const activeParams =
      d.activeParams ?? (d.params !== undefined ? undefined : model?.paramsActive) ?? params;
    const tokens = d.tokens ?? model?.tokens ?? Number.NaN;
    const attention =
      d.layers !== undefined && d.contextLength !== undefined && d.dModel !== undefined
        ? { layers: d.layers, contextLength: d.contextLength, dModel: d.dModel }
        : undefined;
    const flop =
      Number.isNaN(activeParams) || Number.isNaN(tokens)
        ? Number.NaN
        : trainingFlop(activeParams, tokens, attention);
    return {
      model,
      params,
      activeParams,
      tokens,
      layers: d.layers,
      contextLength: d.contextLength,
      dModel: d.dModel,
      flop,
      hardware: model?.hardwareId ? hardwareOf(model.hardwareId) : -1,
      valid: !(activeParams > params),
      extra: d.extra,
    };
  });
}

function crossDesigns(spec: SweepSpec): DesignSpec[] {
  const lists = {
    model: spec.model?.length ? spec.model : [undefined],
    params: spec.params?.length ? spec.params : [undefined],
    activeParams: spec.activeParams?.length ? spec.activeParams : [undefined],
    tokens: spec.tokens?.length ? spec.tokens : [undefined],
    layers: spec.layers?.length ? spec.layers : [undefined],
    contextLength: spec.contextLength?.length ? spec.contextLength : [undefined],
    dModel: spec.dModel?.length ? spec.dModel : [undefined],
  };
  const out: DesignSpec[] = [];
  for (const model of new Set(lists.model))
    for (const params of new Set(lists.params))
      for (const activeParams of new Set(lists.activeParams))
        for (const tokens of new Set(lists.tokens))
          for (const layers of new Set(lists.layers))
            for (const contextLength of new Set(lists.contextLength))
              for (const dModel of new Set(lists.dModel))
                out.push({ model, params, activeParams, tokens, layers, contextLength, dModel });
  return out;
}

/** The fitted MFU of a design on a chip, as the estimator resolves it (chips NaN: not given). */
export function designMfu(design: Design, entry: HardwareEntry, chips: number): number {
  return predictMfu(
    {
      hardware: entry,
      paramsActive: design.activeParams,
      paramsTotal: Number.isNaN(design.params) ? design.activeParams : design.params,
      tokens: design.tokens,
      chips: Number.isNaN(chips) ? undefined : chips,
    },
    MFU_MODEL,
  );
}
