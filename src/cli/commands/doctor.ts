import type { Command } from 'commander';
import { closeProbe, probeSensors, type SensorProbe } from '../../measure/sensors.js';
import { renderTable } from '../../report/format.js';
import { resolveDbLocation } from '../../store/index.js';
import { outputContext, withOutputOptions } from '../_common.js';

/** `empreinte doctor`: which sensors are readable, which fallback each component would use, how to fix. */
const ENV_KEYS = [
  'EMPREINTE_DB',
  'EMPREINTE_POWERCAP_ROOT',
  'EMPREINTE_PROC_ROOT',
  'EMPREINTE_NVML_LIB',
  'EMPREINTE_NVIDIA_SMI',
] as const;

export interface DoctorReport {
  checks: SensorProbe['checks'];
  plan: SensorProbe['plan'];
  gpus: SensorProbe['gpus'];
  db: string;
  env: Record<(typeof ENV_KEYS)[number], string | null>;
}

export async function diagnose(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const probe = await probeSensors({ env, checkAll: true });
  closeProbe(probe);
  return {
    checks: probe.checks,
    plan: probe.plan,
    gpus: probe.gpus,
    db: resolveDbLocation(undefined, env),
    env: Object.fromEntries(ENV_KEYS.map((k) => [k, env[k] ?? null])) as DoctorReport['env'],
  };
}

export function renderDoctor(report: DoctorReport): string {
  const rows = [['', 'sensor', 'for', 'found']];
  for (const c of report.checks) rows.push([c.ok ? '✓' : '✗', c.sensor, c.component, c.detail]);
  const lines = ['Sensors', renderTable(rows)];
  const fixes = report.checks.filter((c) => !c.ok && c.fix);
  if (fixes.length > 0) {
    lines.push('', 'How to fix');
    for (const c of fixes) lines.push(`  ${c.sensor}: ${c.fix}`);
  }
  lines.push('', 'What `empreinte run` would use');
  for (const [component, plan] of Object.entries(report.plan)) {
    lines.push(
      `  ${component.toUpperCase().padEnd(4)} ${plan.source ?? 'not measured'}${plan.fallback ? ' (fallback)' : ''}: ${plan.detail}`,
    );
  }
  lines.push('', `Database: ${report.db}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  withOutputOptions(
    program
      .command('doctor')
      .description('which power sensors are readable, and which fallbacks would apply'),
  ).action(async (flags: { json?: boolean; lang?: string }) => {
    const output = outputContext(flags);
    const report = await diagnose();
    if (output.json) output.printJson(report);
    else output.print(renderDoctor(report));
  });
}
