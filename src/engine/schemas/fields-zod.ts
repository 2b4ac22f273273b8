import { z } from 'zod';
import { accepts, name, quantity } from './common.js';
import { describeField, type Field, type Fields } from './fields.js';

/**
 * A zod shape built from a table of fields (`fields.ts`): names, quantities and choices read as
 * everywhere else, each described (the description reaches `/openapi.json`); a field of a shape of
 * its own takes the schema given in `custom`. Fields are optional unless marked required.
 */
type ZodOf<F extends Field> = F extends { kind: 'quantity' }
  ? ReturnType<typeof quantity>
  : F extends { kind: 'choice'; values: infer V extends readonly string[] }
    ? z.ZodEnum<{ [K in V[number]]: K }>
    : F extends { kind: 'name' }
      ? ReturnType<typeof name>
      : F extends { kind: 'switch' }
        ? ReturnType<typeof onOff>
        : never;

type CustomKeys<F extends Fields> = { [K in keyof F]: F[K] extends { kind: 'custom' } ? K : never }[keyof F];

type Optional<F extends Field, S extends z.ZodType> = F extends { required: true } ? S : z.ZodOptional<S>;

export type ShapeOf<F extends Fields, C> = {
  -readonly [K in keyof F]: Optional<
    F[K],
    K extends keyof C ? (C[K] extends z.ZodType ? C[K] : never) : ZodOf<F[K]>
  >;
};

export function zodShape<F extends Fields, C extends { [K in CustomKeys<F>]: z.ZodType }>(
  fields: F,
  custom: C,
): ShapeOf<F, C>;
export function zodShape<F extends Fields>(fields: F): ShapeOf<F, Record<never, never>>;
export function zodShape(fields: Fields, custom: Record<string, z.ZodType> = {}): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) {
    const schema = custom[key] ?? zodOf(field);
    shape[key] = (field.required ? schema : schema.optional()).meta({ description: describeField(field) });
  }
  return shape;
}

/** On or off: a boolean, or `"true"`/`"false"` (a query string, a form). */
export const onOff = () =>
  z.union(
    [z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')],
    accepts('accepted.trueFalse'),
  );

function zodOf(field: Field): z.ZodType {
  if (field.kind === 'quantity') return quantity(field.bounds);
  if (field.kind === 'name') return name();
  if (field.kind === 'choice') return z.enum(field.values as [string, ...string[]]);
  if (field.kind === 'switch') return onOff();
  throw new Error(`a field of kind ${field.kind} needs its own schema`);
}
