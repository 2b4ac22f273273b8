import { userError } from './errors.js';
import { type MessageKey, msg } from './messages/index.js';

/**
 * Features only some users need rest on optional peer dependencies (OpenTelemetry for `--otlp`,
 * `pg` for PostgreSQL), so that installing empreinte to estimate pulls neither. Their modules are
 * imported on first use; a missing package is a usage error naming what to install.
 */
export async function loadOptional<T>(
  load: () => Promise<T>,
  need: { packages: readonly string[]; field: string; feature: MessageKey },
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const missing = need.packages.find((p) => e.message?.includes(`'${p}`));
    if ((e.code !== 'ERR_MODULE_NOT_FOUND' && e.code !== 'MODULE_NOT_FOUND') || !missing) throw error;
    throw userError('missing', need.field, 'integrations.optionalMissing', {
      feature: msg(need.feature),
      value: missing,
      packages: need.packages.join(' '),
      accepted: msg('integrations.optionalAccepted', { packages: need.packages.join(', ') }),
    });
  }
}

/** The packages `--otlp` needs. */
export const OTLP_PACKAGES = [
  '@opentelemetry/api',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-metrics',
] as const;
