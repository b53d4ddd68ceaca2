/**
 * Schema builders that give every rejection a message an instructor can act on. Zod's
 * defaults ("Invalid input") are replaced here, at the point where the allowed names are
 * known; errors.ts turns the resulting issues into SpecErrors with paths.
 */
import { z } from 'zod';
import { ARGV_PLACEHOLDERS } from './vocabulary';
import { didYouMean, listAlternatives } from './suggest';

/** Marks an issue with a SpecErrorCode other than the default 'exercise/invalid-spec'. */
export const issueCode = (code: string) => ({ code });

/** A closed object: an unknown key is reported as `unknown field "x" — did you mean y?`. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      if (issue.keys.length === 1) {
        const key = issue.keys[0];
        const hint = didYouMean(key, allowed);
        return `unknown field "${key}"${hint || ` (allowed: ${listAlternatives(allowed)})`}`;
      }
      return `unknown fields ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: ${listAlternatives(allowed)})`;
    },
  });
}

/** One name out of a closed list; `noun` names the kind ("state", "signal"). */
export function vocabulary<const T extends readonly [string, ...string[]]>(
  values: T,
  noun: string,
  aliases?: Readonly<Record<string, string>>,
) {
  return z.enum(values, {
    error: (issue) => {
      if (typeof issue.input !== 'string') {
        return `expected a ${noun} (${listAlternatives(values)}), got ${describe(issue.input)}`;
      }
      const hint = didYouMean(issue.input, values, aliases);
      return `unknown ${noun} "${issue.input}"${hint || ` — expected ${listAlternatives(values)}`}`;
    },
  });
}

/** A short description of a value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

export const kebabId = (noun: string) =>
  z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
    error: `${noun} must be kebab-case (a-z, 0-9, single dashes)`,
  });

/**
 * Host, peer and connection names: lower-case identifiers. Connection names may contain
 * `{i}` (the repeat index), e.g. `c{i}`; where `{i}` is allowed is checked after parsing.
 */
export const hostName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, { error: 'a host name is lower-case letters, digits, "_" and "-"' });
export const connName = z.string().regex(/^[a-z][a-z0-9_-]*(\{i\}[a-z0-9_-]*)*$/, {
  error: 'a connection name is lower-case letters, digits, "_", "-" and optionally {i}',
});

/** Milliseconds, bounded so a typo (seconds written as ms ×1000) cannot stall a run for hours. */
export const ms = (max = 600_000) =>
  z
    .number({ error: (issue) => `expected a duration in milliseconds, got ${describe(issue.input)}` })
    .int()
    .min(0)
    .max(max);

export const count = (min = 0, max = 1_000_000) => z.number().int().min(min).max(max);

/** A TCP port: a number, or "{port}" for the run's service port. */
export const portRef = z.union([z.number().int().min(1).max(65535), z.literal('{port}')], {
  error: (issue) =>
    `a port is a number 1–65535 or "{port}" (the run's service port), got ${describe(issue.input)}`,
});
export type PortRef = z.output<typeof portRef>;

/** A JavaScript regular expression source, compiled to prove it is valid. */
export const regexSource = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message}` });
  }
});

/**
 * A string that may hold argv placeholders. An unquoted `{port}` in YAML is a mapping, not
 * a string; that mistake gets its own message.
 */
export const templateString = z.string({
  error: (issue) => {
    const value = issue.input;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && (value as Record<string, unknown>)[keys[0]] === null) {
        return `write "{${keys[0]}}" in quotes: unquoted {${keys[0]}} is a YAML mapping`;
      }
    }
    return `expected a string, got ${describe(value)}`;
  },
});
export const argvTemplate = z.array(templateString);

/** Placeholder names used in a template string, e.g. "{host}:{port}" → ["host", "port"]. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1]);
}
export const knownArgvPlaceholders: readonly string[] = ARGV_PLACEHOLDERS;

type TaggedVariants<V extends Record<string, z.ZodType>> = {
  [K in keyof V & string]: { kind: K } & z.output<V[K]>;
}[keyof V & string];

/**
 * An object with `common` fields and exactly one key out of `variants`, e.g. a step
 * `{at: 100, send: {...}}`. Parsed into `{...common, [tag]: {kind: 'send', ...}}` so
 * consumers switch on `kind`. Every variant must parse to an object. The JSON Schema
 * states the exactly-one rule with `oneOf`.
 */
export function exactlyOneOf<
  C extends z.ZodRawShape,
  V extends Record<string, z.ZodType>,
  Tag extends string,
>(what: string, tag: Tag, common: C, variants: V) {
  const variantKeys = Object.keys(variants);
  const optionalVariants = Object.fromEntries(variantKeys.map((key) => [key, variants[key].optional()]));
  const object = strictObject({ ...common, ...optionalVariants })
    .meta({ oneOf: variantKeys.map((key) => ({ required: [key] })) })
    .superRefine((value, ctx) => {
      const present = variantKeys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
      if (present.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} needs exactly one of: ${listAlternatives(variantKeys)}`,
        });
      } else if (present.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} has ${listAlternatives(present, 'and')}; it takes exactly one — split it`,
        });
      }
    });
  return object.transform((value) => {
    const record = value as Record<string, unknown>;
    const kind = variantKeys.find((key) => record[key] !== undefined) as string;
    const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !variantKeys.includes(key)));
    return { ...rest, [tag]: { kind, ...(record[kind] as object) } } as z.output<z.ZodObject<C>> & {
      [P in Tag]: TaggedVariants<V>;
    };
  });
}

/** Refinement: at most / exactly one of `keys` is set on an object. */
export function oneOfFields(keys: readonly string[], what: string, required: boolean) {
  return (value: object, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
    if (present.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `${what}: use only one of ${listAlternatives(present, 'and')}`,
      });
    } else if (required && present.length === 0) {
      ctx.addIssue({ code: 'custom', message: `${what} needs one of ${listAlternatives(keys)}` });
    }
  };
}
