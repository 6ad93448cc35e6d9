import ajvCompiler from '@fastify/ajv-compiler';
import serializerCompiler from '@fastify/fast-json-stringify-compiler';

/**
 * Route schemas compiled on first use instead of at `app.ready()`.
 *
 * Fastify compiles an ajv validator and a fast-json-stringify serializer for
 * every part of every route schema while it starts: for ~160 routes that was
 * about 2 s of a start that should take under 3. These builders wrap Fastify's
 * own default builders (same packages, same ajv options: coercion, no removal
 * of additional properties, first error only) and defer each compilation to
 * the first request that needs it. Validation results and errors are the
 * default compiler's, so the error handler sees exactly the same `validation`
 * entries. `compileAll()` compiles everything at once (a test uses it so that
 * a broken schema still fails the build, not the first request).
 */

// Fastify's own default builders (its dependencies, installed beside it).
const AjvCompiler = ajvCompiler as unknown as () => ValidatorBuilder;
const SerializerSelector = serializerCompiler as unknown as () => SerializerBuilder;

interface RouteSchemaDef {
  schema: Record<string, unknown>;
  method: string;
  url: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type Validate = ((data: unknown, dataCxt?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serialize = (data: unknown) => string;
type ValidatorBuilder = (externalSchemas: unknown, ajvOptions: unknown) => (def: RouteSchemaDef) => Validate;
type SerializerBuilder = (externalSchemas: unknown, serializerOptions: unknown) => (def: RouteSchemaDef) => Serialize;

/** Header names arrive lower-cased; Fastify lower-cases header schemas only for its default compiler, so do it here. */
function lowerCaseHeaders(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (!properties || typeof properties !== 'object') return schema;
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v])),
    ...(Array.isArray(schema.required) ? { required: (schema.required as string[]).map((k) => k.toLowerCase()) } : {}),
  };
}

export interface LazyCompilers {
  buildValidator: ValidatorBuilder;
  buildSerializer: SerializerBuilder;
  /** Compiles every schema not compiled yet; returns how many it compiled. */
  compileAll(): number;
}

export function lazyCompilers(): LazyCompilers {
  const pending = new Set<() => void>();
  const defaultValidators = AjvCompiler();
  const defaultSerializers = SerializerSelector();

  const buildValidator: ValidatorBuilder = (externalSchemas, ajvOptions) => {
    const compile = defaultValidators(externalSchemas, ajvOptions);
    return (def) => {
      const target = def.httpPart === 'headers' ? { ...def, schema: lowerCaseHeaders(def.schema) } : def;
      let fn: Validate | null = null;
      const ensure = () => (fn ??= compile(target));
      const validate: Validate = (data, dataCxt) => {
        const f = ensure();
        // Ajv needs the parent to coerce a root value (Fastify passes it when `schemaEnv` is set).
        const ok = f(data, dataCxt);
        validate.errors = f.errors;
        return ok;
      };
      // Marks an ajv function: Fastify then passes { parentData, parentDataProperty }.
      validate.schemaEnv = true;
      const thunk = () => {
        ensure();
        pending.delete(thunk);
      };
      pending.add(thunk);
      return validate;
    };
  };

  const buildSerializer: SerializerBuilder = (externalSchemas, serializerOptions) => {
    const compile = defaultSerializers(externalSchemas, serializerOptions);
    return (def) => {
      let fn: Serialize | null = null;
      const ensure = () => (fn ??= compile(def));
      const thunk = () => {
        ensure();
        pending.delete(thunk);
      };
      pending.add(thunk);
      return (data) => {
        if (!fn) thunk();
        return fn!(data);
      };
    };
  };

  return {
    buildValidator,
    buildSerializer,
    compileAll() {
      const all = [...pending];
      for (const thunk of all) thunk();
      return all.length;
    },
  };
}
