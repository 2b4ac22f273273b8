import type { Table } from './table.js';

/** Messages of the Impact Framework plugin (`src/if`), [English, French]. */
export const IF = {
  'if.mode': [
    "{field}: '{value}' is not a mode (expected {accepted})",
    '{field} : « {value} » n’est pas un mode (attendu : {accepted})',
  ],
  'if.input': ['empreinte/if, input {index}: {text}', 'empreinte/if, entrée {index} : {text}'],
} as const satisfies Table;
