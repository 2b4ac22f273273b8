import type { Table } from './table.js';

/**
 * Messages of user mistakes (`src/errors.ts` issues) and of the "accepted" prose they carry,
 * [English, French]. `{field}` names the input (`--mfu` on the CLI, `mfu` over HTTP).
 */
export const ERRORS = {
  'error.prefix': ['error', 'erreur'],
  // One sentence per code, for issues that carry no message key of their own.
  'error.invalid_number': [
    '{field}: {value} is not a valid number (expected {accepted})',
    '{field} : {value} n’est pas un nombre valide (attendu : {accepted})',
  ],
  'error.out_of_range': [
    '{field}: {value} is out of range (expected {accepted})',
    '{field} : {value} est hors limites (attendu : {accepted})',
  ],
  'error.unknown_id': [
    '{field}: unknown {value} (closest: {accepted})',
    '{field} : {value} est inconnu (les plus proches : {accepted})',
  ],
  'error.ambiguous_id': [
    '{field}: {value} is ambiguous (one of: {accepted})',
    '{field} : {value} est ambigu (au choix : {accepted})',
  ],
  'error.conflict': [
    '{field}: {value} conflicts with another flag ({accepted})',
    '{field} : {value} contredit une autre option ({accepted})',
  ],
  'error.missing': ['{field} is required ({accepted})', '{field} est obligatoire ({accepted})'],
  'error.invalid_value': [
    '{field}: {value} is not accepted (expected {accepted})',
    '{field} : {value} n’est pas accepté (attendu : {accepted})',
  ],
  'error.invalid_file': [
    '{name}: {value} cannot be read ({accepted})',
    '{name} : {value} est illisible ({accepted})',
  ],

  // Numbers (engine/units.ts).
  'error.notNumber': [
    "{field}: '{value}' is not a number (expected {accepted})",
    '{field} : « {value} » n’est pas un nombre (attendu : {accepted})',
  ],
  'error.notMass': [
    "{field}: '{value}' is not a mass (expected {accepted})",
    '{field} : « {value} » n’est pas une masse (attendu : {accepted})',
  ],
  'error.ambiguousMass': [
    "{field}: '{value}' is ambiguous ({suffix} could be a count or a mass; expected {accepted})",
    '{field} : « {value} » est ambigu ({suffix} peut être un nombre ou une masse ; attendu : {accepted})',
  ],
  'error.commaNotDecimal': [
    "{field}: '{value}' has a comma that is not one decimal comma (expected {accepted})",
    '{field} : « {value} » a une virgule qui n’est pas une virgule décimale unique (attendu : {accepted})',
  ],
  'error.comma': [
    "{field}: '{value}' has a comma (expected {accepted}; no thousands separators)",
    '{field} : « {value} » contient une virgule (attendu : {accepted} ; pas de séparateur de milliers)',
  ],
  'error.notFinite': [
    "{field}: '{value}' is not a finite number (expected {accepted})",
    '{field} : « {value} » n’est pas un nombre fini (attendu : {accepted})',
  ],
  'error.outOfRange': [
    '{field}: {value} is out of range (expected {accepted})',
    '{field} : {value} est hors limites (attendu : {accepted})',
  ],
  'error.notDuration': ["{field}: '{value}' is not a duration", '{field} : « {value} » n’est pas une durée'],

  // Input validation (engine/schemas/common.ts).
  'error.notAnObject': [
    'input: expected an object of named inputs, e.g. {"params": "7B"}',
    'entrée : un objet de paramètres nommés est attendu, p. ex. {"params": "7B"}',
  ],
  'error.unknownFields': ['unknown field(s): {keys}', 'champ(s) inconnu(s) : {keys}'],
  'error.oneOf': ['{field}: expected one of {accepted}', '{field} : valeurs possibles : {accepted}'],
  'error.required': ['{field} is required', '{field} est obligatoire'],
  'error.expectedGot': [
    '{field}: expected {accepted}, got {value}',
    '{field} : attendu : {accepted}, reçu : {value}',
  ],
  'error.schema': ['{field}: {detail}', '{field} : {detail}'],
  'error.notEmpty': ['{field}: must not be empty', '{field} : ne doit pas être vide'],
  'error.textTooShort': [
    '{field}: is too short (at least {bound} characters)',
    '{field} : trop court ({bound} caractères au moins)',
  ],
  'error.textTooLong': [
    '{field}: is too long (at most {bound} characters)',
    '{field} : trop long ({bound} caractères au plus)',
  ],
  'error.tooFewItems': [
    '{field}: too few items (at least {bound})',
    '{field} : trop peu d’éléments ({bound} au moins)',
  ],
  'error.tooManyItems': [
    '{field}: too many items (at most {bound})',
    '{field} : trop d’éléments ({bound} au plus)',
  ],
  'error.bound': [
    '{field}: {value} is out of range (expected {accepted})',
    '{field} : {value} est hors limites (attendu : {accepted})',
  ],
  'type.number': ['number', 'un nombre'],
  'type.string': ['string', 'un texte'],
  'type.object': ['object', 'un objet'],
  'type.array': ['array', 'une liste'],
  'type.boolean': ['boolean', 'un booléen'],
  'error.emptyList': ['{field}: the list is empty', '{field} : la liste est vide'],
  'error.ambiguousList': [
    "{field}: '{value}' is ambiguous with a decimal comma (expected {accepted})",
    '{field} : « {value} » est ambigu avec une virgule décimale (attendu : {accepted})',
  ],
  'error.nameTooLong': ["{field}: '{value}...' is too long", '{field} : « {value}... » est trop long'],
  'error.notOneOf': [
    "{field}: '{value}' is not accepted (expected one of {accepted})",
    '{field} : « {value} » n’est pas accepté (valeurs possibles : {accepted})',
  ],
  'error.notShare': [
    "{field}: '{value}' is not a share (expected TECHNOLOGY=SHARE with a share in [0, 1], e.g. solar=0.3,wind=0.7)",
    '{field} : « {value} » n’est pas une part (attendu : TECHNOLOGIE=PART avec une part dans [0, 1], p. ex. solar=0.3,wind=0.7)',
  ],
  'error.yearRequired': [
    '{field} is required (the year to project to, e.g. {field} 2030)',
    '{field} est obligatoire (l’année visée, p. ex. {field} 2030)',
  ],

  // What is accepted.
  'accepted.number': ['a number', 'un nombre'],
  'accepted.list': ['{a}, {b}', '{a}, {b}'],
  'accepted.integer': ['an integer', 'un entier'],
  'accepted.bounded': ['{kind} {bounds}', '{kind} {bounds}'],
  'accepted.and': ['{a} and {b}', '{a} et {b}'],
  'accepted.bound': ['{op} {n}', '{op} {n}'],
  'accepted.examples': ['{bounds}, e.g. 70e9, 70B, 1.7M{unit}', '{bounds}, p. ex. 70e9, 70B, 1.7M{unit}'],
  'accepted.mass': [
    '{bounds} in kg, or with a mass unit (g, kg, t, kt, Mt) or a count suffix (k, M, B), e.g. 1200, 1.2k, 1.2 t, 4.5e5',
    '{bounds} en kg, ou avec une unité de masse (g, kg, t, kt, Mt) ou un suffixe de nombre (k, M, B), p. ex. 1200, 1.2k, 1.2 t, 4.5e5',
  ],
  'accepted.decimalPoint': [
    '{bounds} with a decimal point, e.g. {example}',
    '{bounds} avec un point décimal, p. ex. {example}',
  ],
  'accepted.decimalPointOrLang': [
    '{bounds} with a decimal point, e.g. {example} (a decimal comma is read with {langField} fr)',
    '{bounds} avec un point décimal, p. ex. {example} (la virgule décimale est lue avec {langField} fr)',
  ],
  'accepted.duration': [
    'a duration such as 90m, 24h, 2d or 3600s (a bare number is hours)',
    'une durée comme 90m, 24h, 2d ou 3600s (un nombre seul compte des heures)',
  ],
  'accepted.object': ['an object of named inputs', 'un objet de paramètres nommés'],
  'accepted.oneOrMore': [
    'one value or more, comma-separated',
    'une valeur ou plus, séparées par des virgules',
  ],
  'accepted.semicolonList': [
    'items separated by ; when a decimal comma is in force, e.g. 7,5B;13B',
    'des valeurs séparées par ; quand la virgule décimale est en vigueur, p. ex. 7,5B;13B',
  ],
  'accepted.shortNames': ['names of at most 200 characters', 'des noms de 200 caractères au plus'],
  'accepted.mixPairs': [
    'TECHNOLOGY=SHARE pairs, e.g. solar=0.3,wind=0.7',
    'des paires TECHNOLOGIE=PART, p. ex. solar=0.3,wind=0.7',
  ],
  'accepted.year': ['a year between 2000 and 2100', 'une année entre 2000 et 2100'],
  'accepted.quantity': ['a number, or a string such as 70B', 'un nombre, ou un texte comme 70B'],
  'accepted.onOff': ['on or off (in JSON also true or false)', 'on ou off (en JSON aussi true ou false)'],
  'accepted.trueFalse': ['true or false', 'true ou false'],
  'accepted.profile': [
    '{names}, or 24 hourly weights (a list, or comma-separated), one per hour from midnight',
    '{names}, ou 24 poids horaires (une liste, ou séparés par des virgules), un par heure depuis minuit',
  ],
  'accepted.values': [
    'a value, or a list of values (an array, or comma-separated)',
    'une valeur, ou une liste de valeurs (un tableau, ou séparées par des virgules)',
  ],
} as const satisfies Table;
