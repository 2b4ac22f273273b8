import type { Component, Provenance } from '../records.js';

/**
 * Power exporters a cluster may already run, as their metrics reach Prometheus: which series
 * carry energy (a counter, preferred: `increase()` is exact across scrapes) or power (a gauge,
 * integrated over time), their unit, and which label names the host and the device.
 */
export const PROMETHEUS_SOURCES = ['dcgm', 'kepler', 'kepler-container', 'scaphandre'] as const;
export type PrometheusSourceId = (typeof PROMETHEUS_SOURCES)[number];

export interface SeriesSpec {
  /** Metric name and fixed matchers, e.g. `kepler_node_cpu_joules_total{zone="package"}` parts. */
  metric: string;
  matchers: string[];
  /** Multiplies a value into J (counter) or W (gauge). */
  scale: number;
  /** The series names its host by other labels than the source's (an older exporter release). */
  hostLabels?: readonly string[];
  hostHasPort?: boolean;
}

export interface ChannelSpec {
  component: Component;
  /** Energy counters, tried in order: a host found by one is not read again by the next. */
  counters?: readonly SeriesSpec[];
  power?: SeriesSpec;
}

export interface SourceSpec {
  id: PrometheusSourceId;
  provenance: Provenance;
  /** Labels holding the node name, tried in turn (exporter releases differ); the first is shown. */
  hostLabels: readonly string[];
  /** The label is `host:port` (Prometheus' `instance`): hosts match with or without the port. */
  hostHasPort?: boolean;
  /** Label telling devices of one host apart (GPU index); none: one channel per host. */
  deviceLabel?: string;
  nameLabel?: string;
  uuidLabel?: string;
  channels: ChannelSpec[];
  /** Where the names, units and labels come from. */
  reference: string;
}

/**
 * Kepler's CPU counter and gauge per zone: package zones sum to the CPU, dram to the memory.
 * Kepler 0.7 named them per zone instead (`kepler_node_package_joules_total`,
 * `kepler_node_dram_joules_total`; pkg/metrics/consts/consts.go at v0.7.12: node labels package,
 * instance, mode — `dynamic` and `idle` sum to the node's energy); its host is the `instance`
 * label, which Prometheus sets to the scraped address unless relabelled to the node name.
 */
function keplerChannels(scope: 'node' | 'container'): ChannelSpec[] {
  return (
    [
      ['cpu', 'package'],
      ['ram', 'dram'],
    ] as const
  ).map(([component, zone]) => ({
    component,
    counters: [
      { metric: `kepler_${scope}_cpu_joules_total`, matchers: [`zone="${zone}"`], scale: 1 },
      ...(scope === 'node'
        ? [
            {
              metric: `kepler_node_${zone}_joules_total`,
              matchers: [],
              scale: 1,
              hostLabels: ['instance'],
              hostHasPort: true,
            },
          ]
        : []),
    ],
    power: { metric: `kepler_${scope}_cpu_watts`, matchers: [`zone="${zone}"`], scale: 1 },
  }));
}

export const SOURCES: Record<PrometheusSourceId, SourceSpec> = {
  // NVIDIA dcgm-exporter, etc/default-counters.csv: DCGM_FI_DEV_POWER_USAGE "Power draw (in W)"
  // gauge, DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION "Total energy consumption since boot (in mJ)"
  // counter; labels gpu, UUID, device ("nvidia0"), modelName, Hostname
  // (internal/pkg/collector/gpu_collector.go, toMetric); newer releases write `hostname`: both read.
  dcgm: {
    id: 'dcgm',
    provenance: 'measured:prometheus-dcgm',
    hostLabels: ['Hostname', 'hostname'],
    deviceLabel: 'gpu',
    nameLabel: 'modelName',
    uuidLabel: 'UUID',
    channels: [
      {
        component: 'gpu',
        counters: [{ metric: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', matchers: [], scale: 1e-3 }],
        power: { metric: 'DCGM_FI_DEV_POWER_USAGE', matchers: [], scale: 1 },
      },
    ],
    reference: 'NVIDIA dcgm-exporter, etc/default-counters.csv and internal/pkg/collector/gpu_collector.go',
  },
  // Kepler (sustainable-computing-io/kepler, docs/user/metrics.md): kepler_node_cpu_joules_total
  // COUNTER and kepler_node_cpu_watts GAUGE, labels zone ("package", "dram", ...) and path,
  // constant label node_name. Package zones sum to the CPU, dram to the memory.
  kepler: {
    id: 'kepler',
    provenance: 'measured:prometheus-kepler',
    hostLabels: ['node_name'],
    channels: keplerChannels('node'),
    reference:
      'Kepler, docs/user/metrics.md (kepler_node_cpu_joules_total, kepler_node_cpu_watts); Kepler 0.7, pkg/metrics/consts/consts.go (kepler_node_package_joules_total, kepler_node_dram_joules_total)',
  },
  // Kepler's share of the node attributed to containers: kepler_container_cpu_joules_total /
  // kepler_container_cpu_watts, labels container_id, container_name, pod_id, zone, node_name;
  // narrow it with --match 'container_name="trainer"'.
  'kepler-container': {
    id: 'kepler-container',
    provenance: 'measured:prometheus-kepler',
    hostLabels: ['node_name'],
    channels: keplerChannels('container'),
    reference: 'Kepler, docs/user/metrics.md (kepler_container_cpu_joules_total, kepler_container_cpu_watts)',
  },
  // Scaphandre (hubblo-org/scaphandre, docs_src/references/metrics.md): scaph_host_power_microwatts
  // GAUGE, "power usage of the whole host" (RAPL PSYS when available, else package + DRAM plus an
  // estimate of the rest); the host is told by Prometheus' `instance` label (host:port). Stored
  // under cpu, the component it mostly measures.
  scaphandre: {
    id: 'scaphandre',
    provenance: 'measured:prometheus-scaphandre',
    hostLabels: ['instance'],
    hostHasPort: true,
    channels: [
      { component: 'cpu', power: { metric: 'scaph_host_power_microwatts', matchers: [], scale: 1e-6 } },
    ],
    reference: 'Scaphandre, docs_src/references/metrics.md (scaph_host_power_microwatts)',
  },
};
