/**
 * Reads a zod (v4) input schema into the fields the bad-input suite attacks. Test-only; uses
 * zod's public `_zod.def` structure.
 */
export type Path = Array<string | number>;

export interface FieldInfo {
  path: Path;
  kind:
    | 'string'
    | 'uuid'
    | 'number'
    | 'boolean'
    | 'enum'
    | 'array'
    | 'object'
    | 'date'
    | 'union'
    | 'other';
  required: boolean;
  nullable: boolean;
  maxLength?: number;
  maxItems?: number;
  /** For strings: a format (uuid, email, url, datetime) that bounds the value by itself. */
  format?: string;
}

interface Def {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
  options?: ZodLike[];
  format?: string;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number; format?: string } } }>;
}
interface ZodLike {
  _zod: { def: Def };
}

function maxOf(def: Def, check: string): number | undefined {
  return def.checks?.find((c) => c._zod.def.check === check)?._zod.def.maximum;
}

/** Unwraps optional/default/nullable/pipe and reports what they said. */
function unwrap(schema: ZodLike): {
  schema: ZodLike;
  required: boolean;
  nullable: boolean;
  maxLength?: number;
} {
  let required = true;
  let nullable = false;
  let maxLength: number | undefined;
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault')
      required = false;
    if (def.type === 'nullable') nullable = true;
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'prefault' ||
      def.type === 'nullable' ||
      def.type === 'readonly'
    ) {
      current = def.innerType!;
    } else if (def.type === 'pipe') {
      maxLength ??= maxOf(def.in!._zod.def, 'max_length');
      current =
        def.in!._zod.def.type === 'transform' ? (def as unknown as { out: ZodLike }).out : def.in!;
    } else {
      return { schema: current, required, nullable, maxLength };
    }
  }
}

export function walk(schema: ZodLike, path: Path = [], out: FieldInfo[] = []): FieldInfo[] {
  const { schema: inner, required, nullable, maxLength } = unwrap(schema);
  const def = inner._zod.def;
  const base = { path, required, nullable };
  switch (def.type) {
    case 'object':
      if (path.length) out.push({ ...base, kind: 'object' });
      for (const [key, child] of Object.entries(def.shape!)) walk(child, [...path, key], out);
      break;
    case 'array':
      out.push({ ...base, kind: 'array', maxItems: maxOf(def, 'max_length') });
      walk(def.element!, [...path, 0], out);
      break;
    case 'string': {
      const format =
        def.format ??
        def.checks?.find((c) => c._zod.def.check === 'string_format')?._zod.def.format;
      out.push({
        ...base,
        kind: format === 'uuid' ? 'uuid' : 'string',
        format,
        maxLength: maxOf(def, 'max_length') ?? maxLength,
      });
      break;
    }
    case 'number':
      out.push({ ...base, kind: 'number' });
      break;
    case 'boolean':
      out.push({ ...base, kind: 'boolean' });
      break;
    case 'enum':
      out.push({ ...base, kind: 'enum' });
      break;
    case 'date':
      out.push({ ...base, kind: 'date' });
      break;
    case 'union':
      out.push({ ...base, kind: 'union' });
      break;
    default:
      out.push({ ...base, kind: 'other' });
  }
  return out;
}

export function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, key) => (v == null ? undefined : (v as Record<string | number, unknown>)[key]),
    value,
  );
}

/** A deep copy of `value` with `path` set (intermediate objects/arrays created) or removed. */
export function withAt(value: unknown, path: Path, next: unknown, remove = false): unknown {
  const root = structuredClone(value ?? {}) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (remove) delete node[key];
      else node[key] = next;
      return;
    }
    const child = node[key];
    if (child === null || typeof child !== 'object')
      node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  return root;
}
