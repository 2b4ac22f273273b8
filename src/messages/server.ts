import type { Table } from './table.js';

/** Messages of `src/server`, [English, French]. */
export const SERVER = {
  'serve.tokenRequired': [
    '{field} is required to listen on {value} (or set EMPREINTE_TOKEN)',
    '{field} est obligatoire pour écouter sur {value} (ou définissez EMPREINTE_TOKEN)',
  ],
  'serve.acceptedToken': [
    'a token of {min}+ characters, or {hostField} 127.0.0.1',
    'un jeton de {min} caractères ou plus, ou {hostField} 127.0.0.1',
  ],
  'serve.tokenShort': [
    '{field} is too short ({length} characters)',
    '{field} est trop court ({length} caractères)',
  ],
  'serve.acceptedTokenLength': ['at least {min} characters', 'au moins {min} caractères'],
  'serve.tokenCharacters': [
    '{field} has spaces or characters outside printable ASCII',
    '{field} contient des espaces ou des caractères hors de l’ASCII imprimable',
  ],
  'serve.acceptedTokenCharacters': [
    'printable ASCII without spaces (an Authorization header cannot carry the others), e.g. openssl rand -hex 32',
    'de l’ASCII imprimable sans espaces (un en-tête Authorization ne peut porter les autres), p. ex. openssl rand -hex 32',
  ],
  'serve.portInUse': ['{field}: {where} is already in use', '{field} : {where} est déjà utilisé'],
  'serve.acceptedFreePort': ['a free port, or 0 for any', 'un port libre, ou 0 pour n’importe lequel'],
  'serve.portDenied': ['{field}: not allowed to listen on {where}', '{field} : écoute interdite sur {where}'],
  'serve.acceptedHighPort': [
    'a port above 1023, or 0 for any',
    'un port au-dessus de 1023, ou 0 pour n’importe lequel',
  ],
  'serve.notLocal': [
    '{field}: {value} is not an address of this machine',
    '{field} : {value} n’est pas une adresse de cette machine',
  ],
  'serve.acceptedHost': [
    '127.0.0.1, 0.0.0.0 or an address of this machine',
    '127.0.0.1, 0.0.0.0 ou une adresse de cette machine',
  ],
} as const satisfies Table;
