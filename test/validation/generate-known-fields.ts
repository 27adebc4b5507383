/**
 * Generates src/validation/known-fields.generated.ts: every field of every object type a
 * user can pass in FlinkClusterProps (and in the HaStorage factories' props), read from the
 * TypeScript declarations with the compiler. It descends into the Kubernetes types the props
 * use (k8s.Volume, k8s.Affinity, k8s.NetworkPolicyPeer, ...), which are cdk8s-plus-28's
 * Kubernetes 1.28 types: their field names (e.g. `downwardApi`, not the wire name
 * `downwardAPI`) are the only ones cdk8s copies into the YAML; anything else it drops.
 *
 * known-fields.test.ts checks that the shipped file is what this produces.
 * Write it: npx ts-node --transpile-only test/validation/generate-known-fields.ts
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
export const KNOWN_FIELDS_FILE = join(ROOT, 'src', 'validation', 'known-fields.generated.ts');

/** Root types: what the library checks user objects against. */
const ROOTS: Record<string, string> = {
  FlinkClusterProps: 'src/props/cluster-props',
  NewClaimProps: 'src/props/ha-storage',
  ExistingClaimProps: 'src/props/ha-storage',
  ObjectStoreProps: 'src/props/ha-storage',
  // Ready for the RestartStrategy factories, which keep no props to check later.
  FixedDelayRestartProps: 'src/props/restart-strategy',
  FailureRateRestartProps: 'src/props/restart-strategy',
  ExponentialDelayRestartProps: 'src/props/restart-strategy',
};

const SCALAR = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;

function baseOf(t: ts.Type): string | undefined {
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & ts.TypeFlags.NumberLike) return 'number';
  if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  return undefined;
}

/** Generates the file's text. */
export function generateKnownFields(): string {
  const entry = join(ROOT, 'test', 'validation', '.known-fields-entry.ts');
  const source = Object.entries(ROOTS)
    .map(([name, mod]) => `import type { ${name} } from '../../${mod}';\nexport type R_${name} = ${name};`)
    .join('\n');
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === entry ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === entry || fileExists(f);
  const program = ts.createProgram([entry], { strict: true, noEmit: true, skipLibCheck: true }, host);
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const types: Record<string, Record<string, string>> = {};

  const fileOf = (s: ts.Symbol | undefined) => s?.declarations?.[0]?.getSourceFile().fileName ?? '';
  /** A type's name; an anonymous object type is named after the field that holds it. */
  const nameOf = (t: ts.Type, at: string): string => {
    const symbol = t.aliasSymbol ?? t.getSymbol();
    const name = symbol?.getName();
    if (!name || name === '__type' || name === '__object') return at;
    return /cdk8s-plus-28/.test(fileOf(symbol)) ? `k8s.${name}` : name;
  };

  const refOf = (type: ts.Type, at: string): string => {
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.every((t) => t.flags & SCALAR)) {
        const bases = [...new Set(parts.map(baseOf))];
        return bases.length === 1 ? bases[0]! : 'scalar';
      }
      return parts.length === 1 ? refOf(parts[0], at) : 'any';
    }
    const base = baseOf(type);
    if (base) return base;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return 'any';
    if (checker.isArrayType(type)) return `${refOf(checker.getTypeArguments(type as ts.TypeReference)[0], at)}[]`;
    const symbol = type.getSymbol();
    // Classes (Duration, Size, HaStorage, k8s.Quantity) and the standard library's types (Date) are leaves.
    if (symbol && (symbol.flags & ts.SymbolFlags.Class || /typescript[\\/]lib[\\/]/.test(fileOf(symbol))))
      return `class:${symbol.getName()}`;
    const props = checker.getPropertiesOfType(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (props.length === 0 && index) return `{${refOf(index.type, at)}}`;
    if (props.length === 0) return 'any';
    const name = nameOf(type, at);
    if (!types[name]) {
      const fields: Record<string, string> = {};
      types[name] = fields;
      for (const p of props) {
        const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
        fields[p.getName()] = refOf(checker.getTypeOfSymbol(p), `${name}.${p.getName()}`) + optional;
      }
    }
    return name;
  };

  for (const name of Object.keys(ROOTS)) {
    const sym = checker.getExportsOfModule(moduleSymbol).find((e) => e.getName() === `R_${name}`)!;
    refOf(checker.getDeclaredTypeOfSymbol(sym), name);
  }
  const lines = Object.keys(types)
    .sort()
    .map((name) => {
      const fields = Object.keys(types[name])
        .sort()
        .map((f) => `${JSON.stringify(f)}: ${JSON.stringify(types[name][f])}`);
      return `  ${JSON.stringify(name)}: { ${fields.join(', ')} },`;
    });
  return [
    '// Generated by test/validation/generate-known-fields.ts from the declarations of the props and of',
    "// cdk8s-plus-28's Kubernetes 1.28 types; do not edit. Regenerate:",
    '//   npx ts-node --transpile-only test/validation/generate-known-fields.ts',
    '',
    '/**',
    ' * Every field of every object type a user passes, by type name. A field\'s kind is "string",',
    ' * "number", "boolean", "scalar" (a union of these), "any", "class:<Name>", a type name, `<kind>[]`',
    ' * (a list) or `{<kind>}` (an object of any keys to values of that kind); "?" marks an optional field.',
    ' */',
    'export const KNOWN_FIELDS: { readonly [type: string]: { readonly [field: string]: string } } = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(KNOWN_FIELDS_FILE, generateKnownFields());
  console.log(`wrote ${KNOWN_FIELDS_FILE}`);
}
