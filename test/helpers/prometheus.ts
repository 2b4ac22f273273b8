import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Prometheus for tests (Debian's /usr/bin/prometheus, installed by .ci/run): a temporary
 * config scraping the given targets, its TSDB in a temporary folder, listening on a free loopback
 * port. And a small exporter serving metrics computed at each scrape, to feed it a known truth.
 */
export const PROMETHEUS_BIN = process.env.EMPREINTE_TEST_PROMETHEUS ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.EMPREINTE_TEST_PROMTOOL ?? '/usr/bin/promtool';

/** Fails the test with the reason when the binary is missing (CI installs it; so should you). */
export function requireBinary(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install prometheus (as .ci/run does)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPrometheus {
  url: string;
  /** Instant query, parsed. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Waits until every target has been scraped at least `scrapes` times. */
  waitForScrapes(scrapes?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrometheus(targets: string[], scrapeIntervalS = 1): Promise<TestPrometheus> {
  requireBinary(PROMETHEUS_BIN);
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${Math.round(scrapeIntervalS * 1000)}ms`,
      `  scrape_timeout: ${Math.round(scrapeIntervalS * 1000)}ms`,
      'scrape_configs:',
      '  - job_name: test',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const query = async (promql: string) => {
    const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
    const body = (await response.json()) as {
      status: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`prometheus query failed: ${JSON.stringify(body)}`);
    return body.data.result;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after 20 s: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    url,
    query,
    async waitForScrapes(scrapes = 2, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const rows = await query(`count_over_time(up{job="test"}[1h])`);
        if (rows.length === targets.length && rows.every((r) => Number(r.value[1]) >= scrapes)) return;
        if (Date.now() > end)
          throw new Error(`targets not scraped ${scrapes} times: ${JSON.stringify(rows)}`);
        await sleep(200);
      }
    },
    stop,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An HTTP server answering GET /metrics with `render(nowMs)`; `127.0.0.1:PORT` is its target. */
export async function serveExporter(
  render: (nowMs: number) => string,
  address = '127.0.0.1',
): Promise<{ target: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/metrics')) {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(render(Date.now()));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as { port: number };
  return {
    target: `${address}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * DCGM-shaped metrics of one node, as dcgm-exporter writes them (names and labels of its
 * etc/default-counters.csv and gpu collector): constant power per GPU, the energy counter in mJ
 * growing accordingly from an arbitrary value. `counter: false` leaves the counter out (older
 * drivers), so that the importer has to integrate the power gauge. Samples carry their own
 * timestamp (the exposition format allows it), so that the truth does not depend on how late a
 * scrape reaches the exporter on a busy machine.
 */
export function dcgmMetrics(
  host: string,
  watts: readonly number[],
  t0Ms: number,
  options: { counter?: boolean; hostLabel?: 'Hostname' | 'hostname' } = {},
) {
  return (nowMs: number) => {
    const lines = [
      '# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).',
      '# TYPE DCGM_FI_DEV_POWER_USAGE gauge',
    ];
    const labels = (i: number) =>
      `gpu="${i}",UUID="GPU-${host}-${i}",device="nvidia${i}",modelName="NVIDIA H100 80GB HBM3",${options.hostLabel ?? 'Hostname'}="${host}"`;
    for (const [i, w] of watts.entries())
      lines.push(`DCGM_FI_DEV_POWER_USAGE{${labels(i)}} ${w.toFixed(3)} ${nowMs}`);
    if (options.counter !== false) {
      lines.push(
        '# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).',
        '# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter',
      );
      watts.forEach((w, i) => {
        const mJ = 5e9 + w * (nowMs - t0Ms); // W × ms = mJ
        lines.push(`DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{${labels(i)}} ${Math.round(mJ)} ${nowMs}`);
      });
    }
    return `${lines.join('\n')}\n`;
  };
}

/**
 * Kepler-shaped node metrics (docs/user/metrics.md): kepler_node_cpu_joules_total per RAPL zone
 * (two packages and their DRAM) with the node_name constant label, and the matching watts gauge.
 */
export function keplerMetrics(node: string, packageW: number, dramW: number, t0Ms: number) {
  return (nowMs: number) => {
    const s = (nowMs - t0Ms) / 1000;
    const lines = ['# TYPE kepler_node_cpu_joules_total counter'];
    for (const socket of [0, 1]) {
      const path = `/sys/class/powercap/intel-rapl:${socket}`;
      lines.push(
        `kepler_node_cpu_joules_total{zone="package",path="${path}",node_name="${node}"} ${(1e6 + packageW * s).toFixed(3)} ${nowMs}`,
      );
      lines.push(
        `kepler_node_cpu_joules_total{zone="dram",path="${path}:0",node_name="${node}"} ${(2e5 + dramW * s).toFixed(3)} ${nowMs}`,
      );
    }
    lines.push('# TYPE kepler_node_cpu_watts gauge');
    lines.push(
      `kepler_node_cpu_watts{zone="package",path="/sys/class/powercap/intel-rapl:0",node_name="${node}"} ${packageW} ${nowMs}`,
    );
    return `${lines.join('\n')}\n`;
  };
}

/**
 * Scaphandre-shaped host power in microwatts (docs_src/references/metrics.md); no host label.
 * Before `startMs` the exporter answers no sample (it has not started measuring).
 */
export function scaphandreMetrics(hostW: number, startMs: () => number = () => 0) {
  return (nowMs: number) =>
    nowMs < startMs()
      ? ''
      : `# TYPE scaph_host_power_microwatts gauge\nscaph_host_power_microwatts ${Math.round(hostW * 1e6)} ${nowMs}\n`;
}

/**
 * Kepler 0.7-shaped node counters (pkg/metrics/consts/consts.go at v0.7.12): one counter per zone,
 * `kepler_node_package_joules_total` and `kepler_node_dram_joules_total`, labels package, instance
 * and mode; the `dynamic` and `idle` parts sum to the zone's power.
 */
export function kepler07Metrics(node: string, packageW: number, dramW: number, t0Ms: number) {
  return (nowMs: number) => {
    const s = (nowMs - t0Ms) / 1000;
    const lines: string[] = [];
    for (const [zone, watts] of [
      ['package', packageW],
      ['dram', dramW],
    ] as const) {
      lines.push(`# TYPE kepler_node_${zone}_joules_total counter`);
      for (const [mode, share] of [
        ['dynamic', 0.7],
        ['idle', 0.3],
      ] as const)
        lines.push(
          `kepler_node_${zone}_joules_total{package="0",instance="${node}",mode="${mode}",source="rapl"} ${(5e5 + share * watts * s).toFixed(3)} ${nowMs}`,
        );
    }
    return `${lines.join('\n')}\n`;
  };
}
