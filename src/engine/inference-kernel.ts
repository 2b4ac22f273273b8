/**
 * The arithmetic of serving one request on plain numbers: no lookups, no allocation. A roofline
 * model in two phases, with the costs a real engine adds on top:
 *  - prefill (input tokens) is compute-bound: 2 · N_active FLOP per token at a utilisation;
 *  - decode (output tokens) runs in steps that each give one token to every sequence of the batch;
 *    a step reads the weights once (shared by the batch; a mixture-of-experts reads only the experts
 *    its tokens picked) and each sequence's KV cache (at its own achieved bandwidth: scattered pages
 *    read sequence by sequence; as many copies as the split keeps) and recurrent state (state-space
 *    layers: read and written back every step), and lasts max(compute time, memory time) plus
 *    a fixed step overhead (per layer, and per mixture-of-experts layer), a per-sequence overhead
 *    (scheduling, sampling) and, on a replica split over several accelerators, the all-reduces of
 *    every layer (latency-bound at decode sizes).
 * Accelerator power sits between idle and TDP: at the compute-bound fraction in prefill, and in
 * decode the time-weighted mean of each part of the step's own fraction (arithmetic, streaming,
 * per-sequence and fixed overheads). Host and facility energy come on top.
 */
export interface InferencePoint {
  paramsTotal: number;
  /** Parameters used per token (mixture-of-experts); equals paramsTotal for dense models. */
  paramsActive: number;
  /** Bytes per weight (bits / 8). */
  weightBytesPerParam: number;
  /** KV-cache bytes per token of context (all layers, keys and values). */
  kvBytesPerToken: number;
  /**
   * Copies of the KV cache the replica's accelerators hold and read: 1, or more when tensor
   * parallelism splits the attention heads over more accelerators than there are KV heads (a
   * multi-head latent attention cache, one latent per layer, is whole on every one).
   */
  kvCopies: number;
  /** Recurrent state per sequence (state-space layers), bytes, read and written back every decode step; 0 for a transformer. */
  stateBytesPerSequence: number;
  /** Copies of the weights outside the routed experts that the replica reads (its data-parallel attention ranks); 1 otherwise. */
  sharedWeightCopies: number;
  /** Accelerators holding one replica of the model (tensor or expert parallel). */
  gpus: number;
  /** Transformer layers (each costs collective operations when the replica is split). */
  layers: number;
  /** Layers whose feed-forward block is a mixture of experts (0 for a dense model). */
  moeLayers: number;
  /** Experts each token is routed to over routed experts (k / E); 1 for a dense model. */
  expertShare: number;
  /** Peak dense FLOP/s of one accelerator at the compute precision. */
  peakFlopS: number;
  /** Peak memory bandwidth of one accelerator, bytes/s. */
  memoryBandwidthBytesS: number;
  tdpW: number;
  idleW: number;
  /** Sequences decoded together. */
  batch: number;
  /** Input tokens computed afresh. */
  inputTokens: number;
  /** Input tokens served from a prompt (prefix) cache. */
  cachedInputTokens: number;
  /** Cost of a cached input token relative to a fresh one, 0..1. */
  cacheCostFraction: number;
  outputTokens: number;
  /** Achieved fraction of peak FLOP/s in decode's matrix products, 0..1. */
  computeUtilisation: number;
  /** Achieved fraction of peak FLOP/s in prefill, 0..1. */
  prefillUtilisation: number;
  /** Achieved fraction of peak memory bandwidth reading the weights in decode, 0..1. */
  bandwidthFraction: number;
  /** Achieved fraction of peak memory bandwidth reading the KV cache (scattered pages, one sequence at a time), 0..1. */
  kvBandwidthFraction: number;
  /** Fixed time per layer of every decode step (kernel launches, small operations), s. */
  layerOverheadS: number;
  /** Further fixed time per mixture-of-experts layer of every decode step (routing, token permutation, expert dispatch), s. */
  moeLayerOverheadS: number;
  /** Time per sequence of the batch per decode step (scheduling, sampling, attention bookkeeping), s. */
  perSequenceS: number;
  /** Collective time per layer per doubling of the replica's accelerators (all-reduce latency), s. */
  commPerLayerS: number;
  /** Multiplier on accelerator energy: 1 for the central estimate, a drawn residual in the Monte Carlo. */
  acceleratorFactor: number;
  /** Share of the idle-to-TDP range drawn when memory-bound (decode at small batch), 0..1. */
  memoryBoundPowerFraction: number;
  /** Share of the idle-to-TDP range drawn when compute-bound (prefill), 0..1. */
  computeBoundPowerFraction: number;
  /** Share of the idle-to-TDP range drawn during the per-sequence time of a step, 0..1. */
  sequencePowerFraction: number;
  /** Share of the idle-to-TDP range drawn during the per-layer and collective time of a step, 0..1. */
  fixedPowerFraction: number;
  /** Host (CPU, RAM, network) energy as a fraction of accelerator energy. */
  hostOverhead: number;
  pue: number;
}

export interface InferenceOutput {
  /** Wall time of the prefill on the replica, s. */
  prefillS: number;
  /** Wall time of one decode step (one token for every sequence of the batch), s. */
  decodeStepS: number;
  /** Replica time attributable to this request: prefill plus its share of the decode steps, s. */
  replicaS: number;
  /** Fraction of a decode step the arithmetic units are busy (1 = compute-bound). */
  decodeComputeShare: number;
  prefillPowerW: number;
  decodePowerW: number;
  /** Energy per request, J. */
  prefillJ: number;
  decodeJ: number;
  acceleratorJ: number;
  hostJ: number;
  facilityJ: number;
  totalJ: number;
}

export function createInferenceOutput(): InferenceOutput {
  return {
    prefillS: 0,
    decodeStepS: 0,
    replicaS: 0,
    decodeComputeShare: 0,
    prefillPowerW: 0,
    decodePowerW: 0,
    prefillJ: 0,
    decodeJ: 0,
    acceleratorJ: 0,
    hostJ: 0,
    facilityJ: 0,
    totalJ: 0,
  };
}

/**
 * Bytes of weights read in one decode step. Dense: all of them. Mixture-of-experts: the shared part
 * (attention, embeddings, shared experts) always, and of the E routed experts the expected number
 * that at least one of the `batch` tokens picks, E · (1 − (1 − k/E)^batch), each token choosing k
 * independently. The routed parameters follow from total and active ones: active = shared + routed · k/E.
 */
export function weightBytesReadPerStep(p: InferencePoint, batch: number): number {
  const total = p.paramsTotal * p.weightBytesPerParam;
  if (p.paramsActive >= p.paramsTotal || p.expertShare >= 1) return total * p.sharedWeightCopies;
  const share = p.expertShare;
  const routed = Math.min(p.paramsTotal, (p.paramsTotal - p.paramsActive) / (1 - share));
  const shared = p.paramsTotal - routed;
  return (shared * p.sharedWeightCopies + routed * (1 - (1 - share) ** batch)) * p.weightBytesPerParam;
}

/** Bytes of KV cache and recurrent state one sequence moves in a decode step at a given context. */
export function sequenceBytesPerStep(p: InferencePoint, context: number): number {
  return context * p.kvBytesPerToken * p.kvCopies + 2 * p.stateBytesPerSequence;
}

/** Collective time of one decode step: per layer, one latency per doubling of the accelerators. */
export function commPerStepS(p: InferencePoint): number {
  return p.gpus > 1 ? p.commPerLayerS * p.layers * Math.log2(p.gpus) : 0;
}

/**
 * Time of one decode step at a given batch (the batch may be smaller than p.batch at low load), and
 * the share of idle-to-TDP power drawn over it: each part of the step at its own fraction (arithmetic
 * at the compute-bound one, streaming at the memory-bound one, per-sequence and fixed overheads at theirs).
 */
export function decodeStep(
  p: InferencePoint,
  batch: number,
): { stepS: number; computeShare: number; powerFraction: number } {
  const context = p.cachedInputTokens + p.inputTokens + p.outputTokens / 2;
  const bandwidth = p.gpus * p.memoryBandwidthBytesS;
  const memoryS =
    weightBytesReadPerStep(p, batch) / (bandwidth * p.bandwidthFraction) +
    (batch * sequenceBytesPerStep(p, context)) / (bandwidth * p.kvBandwidthFraction);
  const computeS = (2 * p.paramsActive * batch) / (p.gpus * p.peakFlopS * p.computeUtilisation);
  const sequenceS = p.perSequenceS * batch;
  const fixedS = p.layerOverheadS * p.layers + p.moeLayerOverheadS * p.moeLayers + commPerStepS(p);
  const busyS = Math.max(memoryS, computeS);
  const stepS = busyS + sequenceS + fixedS;
  const powerFraction =
    (computeS * p.computeBoundPowerFraction +
      (busyS - computeS) * p.memoryBoundPowerFraction +
      sequenceS * p.sequencePowerFraction +
      fixedS * p.fixedPowerFraction) /
    stepS;
  return { stepS, computeShare: computeS / stepS, powerFraction };
}

const power = (p: InferencePoint, fraction: number) => p.idleW + (p.tdpW - p.idleW) * fraction;

/** Energy and time of one request at batch `batch` (defaults to p.batch). */
export function computeInference(p: InferencePoint, out: InferenceOutput, batch = p.batch): InferenceOutput {
  const prefillTokens = p.inputTokens + p.cachedInputTokens * p.cacheCostFraction;
  const prefillS = (2 * p.paramsActive * prefillTokens) / (p.gpus * p.peakFlopS * p.prefillUtilisation);
  const { stepS, computeShare, powerFraction } = decodeStep(p, batch);
  const decodeS = (p.outputTokens * stepS) / batch;
  const prefillPowerW = power(p, p.computeBoundPowerFraction);
  const decodePowerW = power(p, powerFraction);
  const prefillJ = prefillS * p.gpus * prefillPowerW * p.acceleratorFactor;
  const decodeJ = decodeS * p.gpus * decodePowerW * p.acceleratorFactor;
  const acceleratorJ = prefillJ + decodeJ;
  const hostJ = acceleratorJ * p.hostOverhead;
  const facilityJ = (acceleratorJ + hostJ) * (p.pue - 1);
  out.prefillS = prefillS;
  out.decodeStepS = stepS;
  out.replicaS = prefillS + decodeS;
  out.decodeComputeShare = computeShare;
  out.prefillPowerW = prefillPowerW;
  out.decodePowerW = decodePowerW;
  out.prefillJ = prefillJ;
  out.decodeJ = decodeJ;
  out.acceleratorJ = acceleratorJ;
  out.hostJ = hostJ;
  out.facilityJ = facilityJ;
  out.totalJ = acceleratorJ + hostJ + facilityJ;
  return out;
}

/** Bytes a replica must hold: the weights and the KV cache and state of a full batch at its longest context. */
export function memoryNeededBytes(p: InferencePoint): number {
  const maxContext = p.cachedInputTokens + p.inputTokens + p.outputTokens;
  const state = p.batch * (maxContext * p.kvBytesPerToken * p.kvCopies + p.stateBytesPerSequence);
  return p.paramsTotal * p.weightBytesPerParam + state;
}
