/**
 * Prisma's own schema parser, used to read schema.prisma the way `prisma generate` does.
 *
 * The `prisma` CLI package ships `prisma_schema_build_bg.wasm` (the Rust schema parser
 * compiled with wasm-bindgen) and calls its `get_dmmf` export. We load that same module
 * with a minimal wasm-bindgen glue instead of re-implementing the Prisma grammar. The
 * glue depends on wasm-bindgen's ABI, not on Prisma internals: imports are matched by
 * name prefix (their hash suffix changes between builds), and any mismatch fails loudly
 * with 'db/dmmf-loader-incompatible' so a Prisma upgrade cannot silently weaken the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The subset of Prisma's DMMF datamodel the agreement check reads. */
export interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationName?: string | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  dbName?: string | null;
  fields: { name: string }[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

/**
 * The slice of the WebAssembly JS API used here. The workspace compiles against ES2023
 * without DOM typings, which is where TypeScript declares WebAssembly.
 */
interface WasmTable {
  get(index: number): unknown;
  set(index: number, value: unknown): void;
  grow(delta: number): number;
}
interface WasmModuleImport {
  module: string;
  name: string;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(module: object): WasmModuleImport[] };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface SchemaWasmExports {
  memory: { buffer: ArrayBuffer };
  get_dmmf(ptr: number, len: number): [number, number, number, number];
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __wbindgen_externrefs: WasmTable;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start?: () => void;
}

let cached: SchemaWasmExports | undefined;

function incompatible(detail: string): Error {
  return Object.assign(
    new Error(`db/dmmf-loader-incompatible: ${detail}. The installed prisma package changed its schema wasm; update libs/db/test/schema-agreement/prisma-dmmf.ts.`),
    { code: 'db/dmmf-loader-incompatible' },
  );
}

function loadSchemaWasm(): SchemaWasmExports {
  if (cached) return cached;
  const file = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'prisma_schema_build_bg.wasm');
  const module = new WebAssembly.Module(readFileSync(file));
  // The glue runs during instantiation, before `exports` exist: it reaches them through this box.
  const box: { wasm?: SchemaWasmExports } = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = (ptr: number, len: number): string =>
    decoder.decode(new Uint8Array(box.wasm!.memory.buffer, ptr >>> 0, len));

  const glue: Record<string, (...args: number[]) => unknown> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.name.startsWith('__wbg_Error_')) glue[imp.name] = (p, l) => new Error(text(p!, l!));
    else if (imp.name.startsWith('__wbg___wbindgen_throw_')) glue[imp.name] = (p, l) => { throw new Error(text(p!, l!)); };
    else if (imp.name.startsWith('__wbg_set_message_')) glue[imp.name] = () => undefined; // panic message hook
    else if (imp.name === '__wbindgen_init_externref_table')
      glue[imp.name] = () => {
        const table = box.wasm!.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((v, i) => table.set(base + i, v));
      };
    else throw incompatible(`unknown import ${imp.module}.${imp.name}`);
  }
  const [moduleName] = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
  const instance = new WebAssembly.Instance(module, { [moduleName ?? '__wbindgen_placeholder__']: glue });
  const wasm = (box.wasm = instance.exports as unknown as SchemaWasmExports);
  if (typeof wasm.get_dmmf !== 'function') throw incompatible('no get_dmmf export');
  wasm.__wbindgen_start?.();
  cached = wasm;
  return wasm;
}

/** Parses and validates a Prisma schema; throws Prisma's own diagnostics when invalid. */
export function getDatamodel(prismaSchema: string): Datamodel {
  const wasm = loadSchemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema, noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1);
  new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
  const [outPtr, outLen, errRef, isErr] = wasm.get_dmmf(ptr, input.length);
  if (isErr) {
    const error = wasm.__wbindgen_externrefs.get(errRef) as Error;
    wasm.__externref_table_dealloc(errRef);
    throw error;
  }
  const json = new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, outPtr, outLen));
  wasm.__wbindgen_free(outPtr, outLen, 1);
  const dmmf = JSON.parse(json) as { datamodel?: Datamodel };
  if (!dmmf.datamodel?.models || !dmmf.datamodel.indexes) throw incompatible('DMMF without datamodel.models/indexes');
  return dmmf.datamodel;
}
