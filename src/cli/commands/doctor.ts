import type { Command } from 'commander';
import type { SensorProbe } from '../../measure/sensors.js';
import { renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, outputContext, say, withOutputOptions } from '../_common.js';

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

export async function diagnose(
  env: NodeJS.ProcessEnv = process.env,
  lang: Lang = 'en',
): Promise<DoctorReport> {
  // The sensors and the store load when the command runs, not when help lists it.
  const [{ closeProbe, probeSensors }, { resolveDbLocation }] = await Promise.all([
    import('../../measure/sensors.js'),
    import('../../store/index.js'),
  ]);
  const probe = await probeSensors({ env, checkAll: true, lang });
  closeProbe(probe);
  return {
    checks: probe.checks,
    plan: probe.plan,
    gpus: probe.gpus,
    db: resolveDbLocation(undefined, env),
    env: Object.fromEntries(ENV_KEYS.map((k) => [k, env[k] ?? null])) as DoctorReport['env'],
  };
}

export function renderDoctor(report: DoctorReport, lang: Lang = 'en'): string {
  const rows = [['', t(lang, 'doctor.sensor'), t(lang, 'doctor.for'), t(lang, 'doctor.found')]];
  for (const c of report.checks) rows.push([c.ok ? '✓' : '✗', c.sensor, c.component, c.detail]);
  const lines = [t(lang, 'doctor.sensors'), renderTable(rows)];
  const fixes = report.checks.filter((c) => !c.ok && c.fix);
  if (fixes.length > 0) {
    lines.push('', t(lang, 'doctor.fix'));
    for (const c of fixes) lines.push(`  ${c.sensor}: ${c.fix}`);
  }
  lines.push('', t(lang, 'doctor.plan'));
  for (const [component, plan] of Object.entries(report.plan)) {
    const source = plan.source ?? t(lang, 'doctor.notMeasured');
    lines.push(
      `  ${component.toUpperCase().padEnd(4)} ${source}${plan.fallback ? ` (${t(lang, 'doctor.fallback')})` : ''}: ${plan.detail}`,
    );
  }
  lines.push('', `${t(lang, 'doctor.db')}: ${report.db}`);
  return lines.join('\n');
}

export const meta = {
  name: 'doctor',
  summary: 'cli.doctor.summary',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  withOutputOptions(program.command(meta.name).description(say(meta.summary))).action(
    async (flags: { json?: boolean; lang?: string }) => {
      const output = outputContext(flags);
      const report = await diagnose(process.env, output.lang);
      if (output.json) output.printJson(report);
      else output.print(renderDoctor(report, output.lang));
    },
  );
}
