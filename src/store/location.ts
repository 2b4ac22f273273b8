import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';

// Where the database is, apart from the store itself: commands resolve it before loading the store.

/** `--db` wins, then `EMPREINTE_DB`, then `~/.empreinte/empreinte.db`. */
export function resolveDbLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  // An empty value is a mistake (an unset shell variable), not a request for the default database.
  if (flag !== undefined && flag.trim() === '')
    throw userError('invalid_value', 'db', 'store.dbEmpty', {
      value: flag,
      accepted: msg('store.dbAccepted'),
    });
  if (flag === undefined && env.EMPREINTE_DB !== undefined && env.EMPREINTE_DB.trim() === '')
    throw userError('invalid_value', 'db', 'store.envDbEmpty', {
      value: env.EMPREINTE_DB,
      accepted: msg('store.envDbAccepted'),
    });
  const given = flag ?? env.EMPREINTE_DB;
  if (given) return isUrl(given) ? given : resolve(given);
  return join(homedir(), '.empreinte', 'empreinte.db');
}

export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
