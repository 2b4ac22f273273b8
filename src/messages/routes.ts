import type { Table } from './table.js';

/** Messages of the HTTP routes (`src/server/route.ts`, `src/server/routes/`), [English, French]. */
export const ROUTES = {
  'routes.lang': [
    "{field}: '{value}' is not a supported language (expected en or fr)",
    '{field} : « {value} » n’est pas une langue prise en charge (attendu : en ou fr)',
  ],
  'routes.langAccepted': ['en or fr', 'en ou fr'],
  'routes.forbiddenHost': [
    'this server answers only requests to localhost or 127.0.0.1',
    'ce serveur ne répond qu’aux requêtes adressées à localhost ou 127.0.0.1',
  ],
  'routes.tooLarge': ['the body is over {bytes} bytes', 'le corps dépasse {bytes} octets'],
  'routes.storeUnavailable': [
    'the run database cannot be used: {what}',
    'la base des exécutions est inutilisable : {what}',
  ],
  'routes.storeUnavailableLogged': [
    'the run database cannot be used; the server log says why',
    'la base des exécutions est inutilisable ; le journal du serveur dit pourquoi',
  ],
  'routes.methodNotAllowed': ['{method} is not allowed on {path}', '{method} n’est pas permis sur {path}'],
  'routes.nothingAt': ['nothing at {path}', 'rien à {path}'],
  'routes.internal': ['internal server error', 'erreur interne du serveur'],
  'routes.jsonOnly': ['send the body as application/json', 'envoyez le corps en application/json'],
  'routes.tooDeep': [
    '{field}: nested more than {levels} levels deep (arrays and objects)',
    '{field} : imbriqué sur plus de {levels} niveaux (tableaux et objets)',
  ],
  'routes.tooDeepAccepted': [
    'a JSON object nested at most {levels} levels deep',
    'un objet JSON imbriqué sur {levels} niveaux au plus',
  ],
  'routes.notJson': ['{field}: not valid JSON ({cause})', '{field} : JSON invalide ({cause})'],
  'routes.jsonEnd': ['it ends too early', 'il s’arrête trop tôt'],
  'routes.jsonAt': ['a syntax error at character {position}', 'erreur de syntaxe au caractère {position}'],
  'routes.jsonSyntax': ['a syntax error', 'erreur de syntaxe'],
  'routes.notObject': ['{field}: expected a JSON object', '{field} : un objet JSON est attendu'],
  'routes.objectAccepted': ['a JSON object', 'un objet JSON'],
  'routes.drawsOver': [
    "{field}: {value} is over the server's limit of {max} Monte Carlo draws (the CLI accepts more)",
    '{field} : {value} dépasse la limite du serveur de {max} tirages Monte-Carlo (la CLI en accepte davantage)',
  ],
  'routes.integerRange': ['an integer from {min} to {max}', 'un entier de {min} à {max}'],
  'routes.noRun': ["no run '{value}'", 'aucune exécution « {value} »'],
  'routes.notFormat': [
    "{field}: '{value}' is not an export format",
    '{field} : « {value} » n’est pas un format d’export',
  ],
  'routes.notAccepted': ["{field}: '{value}' is not accepted", '{field} : « {value} » n’est pas accepté'],
} as const satisfies Table;
