/**
 * A small reader of prisma/schema.prisma for the schema-drift test, and a reader of the same facts from
 * a live PostgreSQL database, in one comparable shape.
 *
 * Why not Prisma's own parser: `getDMMF` lives in `@prisma/internals`, which is not a dependency (and is
 * not meant for outside use). The schema uses a small, regular part of the language, so a line-based
 * reader is enough; it throws on anything it does not understand rather than silently skipping it.
 */
import pg from 'pg';

interface ColumnShape {
  /** PostgreSQL type as `format_type` prints it: `text`, `uuid`, `integer`, `timestamp(3) with time zone`, `"Role"`… */
  type: string;
  nullable: boolean;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** Unique indexes by name, each with its columns in order. */
  uniqueIndexes: Record<string, string[]>;
  /** Non-unique indexes by name, columns in order, `DESC` appended where the schema sorts descending. */
  indexes: Record<string, string[]>;
  /** Foreign keys by name: `columns -> Table(columns) ON DELETE action`. */
  foreignKeys: Record<string, string>;
}

export interface DatabaseShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------------
// schema.prisma

/** Prisma's scalar types and the PostgreSQL column type it creates for each, without a @db attribute. */
const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** `@db.X(args)` native types and how PostgreSQL prints them. */
function nativeType(name: string, args: string | undefined): string {
  switch (name) {
    case 'Uuid':
      return 'uuid';
    case 'Text':
      return 'text';
    case 'Char':
      return `character(${args ?? 1})`;
    case 'VarChar':
      return args ? `character varying(${args})` : 'character varying';
    case 'Timestamptz':
      return `timestamp(${args ?? 3}) with time zone`;
    case 'Timestamp':
      return `timestamp(${args ?? 3}) without time zone`;
    case 'Date':
      return 'date';
    case 'Integer':
      return 'integer';
    case 'SmallInt':
      return 'smallint';
    case 'BigInt':
      return 'bigint';
    case 'JsonB':
      return 'jsonb';
    case 'Json':
      return 'json';
    default:
      throw new Error(`prisma-schema.ts does not know @db.${name}; teach it before using it`);
  }
}

/** Prisma's referential actions as PostgreSQL prints them (defaults, when onDelete is absent: SetNull for optional relations, Restrict for required ones). */
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

interface Block {
  kind: 'model' | 'enum';
  name: string;
  lines: string[];
}

/** The `model X { … }` and `enum X { … }` blocks, comments stripped. */
function blocks(schema: string): Block[] {
  const result: Block[] = [];
  let current: Block | undefined;
  let depth = 0;
  for (const raw of schema.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (depth === 0) {
      const opening = /^(model|enum|generator|datasource|type|view)\s+(\w+)\s*\{$/.exec(line);
      if (!opening) throw new Error(`prisma-schema.ts cannot read the top-level line: ${line}`);
      if (opening[1] === 'type' || opening[1] === 'view')
        throw new Error(`prisma-schema.ts does not support ${opening[1]} blocks`);
      current =
        opening[1] === 'model' || opening[1] === 'enum'
          ? { kind: opening[1], name: opening[2], lines: [] }
          : undefined;
      depth = 1;
      continue;
    }
    if (line === '}') {
      depth = 0;
      if (current) result.push(current);
      current = undefined;
      continue;
    }
    current?.lines.push(line);
  }
  if (depth !== 0) throw new Error('prisma-schema.ts: unbalanced braces in schema.prisma');
  return result;
}

/** `[a, b(sort: Desc)]` → ['a', 'b DESC']. */
function fieldList(list: string): string[] {
  return list
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(\w+)(?:\((.*)\))?$/.exec(item);
      if (!match) throw new Error(`prisma-schema.ts cannot read the field reference ${item}`);
      return /sort:\s*Desc/.test(match[2] ?? '') ? `${match[1]} DESC` : match[1];
    });
}

/** The argument list of an attribute, e.g. `@relation(fields: [a], references: [id], onDelete: Cascade)`. */
function namedArgument(args: string, name: string): string | undefined {
  return new RegExp(`${name}:\\s*(\\[[^\\]]*\\]|\\w+|"[^"]*")`).exec(args)?.[1];
}

export function describePrismaSchema(schema: string): DatabaseShape {
  const all = blocks(schema);
  const enums: Record<string, string[]> = {};
  for (const block of all.filter((b) => b.kind === 'enum')) {
    enums[block.name] = block.lines
      .filter((line) => !line.startsWith('@@'))
      .map((line) => line.split(/\s+/)[0]);
  }
  const modelNames = new Set(all.filter((b) => b.kind === 'model').map((b) => b.name));

  const tables: Record<string, TableShape> = {};
  for (const block of all.filter((b) => b.kind === 'model')) {
    const table: TableShape = {
      columns: {},
      primaryKey: [],
      uniqueIndexes: {},
      indexes: {},
      foreignKeys: {},
    };
    for (const line of block.lines) {
      if (line.startsWith('@@')) {
        const attribute = /^@@(\w+)\((.*)\)$/.exec(line);
        if (!attribute) throw new Error(`prisma-schema.ts cannot read ${block.name}: ${line}`);
        const [, name, args] = attribute;
        const fields = fieldList(/^\s*(?:fields:\s*)?(\[[^\]]*\])/.exec(args)?.[1] ?? '');
        if (/\b(map|name):/.test(args))
          throw new Error(`prisma-schema.ts does not support map:/name: in ${block.name}: ${line}`);
        const plain = fields.map((field) => field.replace(/ DESC$/, ''));
        if (name === 'id') table.primaryKey = plain;
        else if (name === 'unique') table.uniqueIndexes[`${block.name}_${plain.join('_')}_key`] = plain;
        else if (name === 'index') table.indexes[`${block.name}_${plain.join('_')}_idx`] = fields;
        else throw new Error(`prisma-schema.ts does not support @@${name} (${block.name})`);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) throw new Error(`prisma-schema.ts cannot read the field line of ${block.name}: ${line}`);
      const [, name, type, list, optional, attributes] = field;
      if (/@map\(|@ignore/.test(attributes))
        throw new Error(`prisma-schema.ts does not support @map/@ignore (${block.name}.${name})`);

      if (modelNames.has(type)) {
        // A relation field is no column; the side with `fields:` owns a foreign key.
        const relation = /@relation\((.*)\)/.exec(attributes)?.[1];
        const columns = relation && namedArgument(relation, 'fields');
        if (relation && columns) {
          const local = fieldList(columns);
          const references = fieldList(namedArgument(relation, 'references') ?? '[]');
          const onDelete = namedArgument(relation, 'onDelete') ?? (optional ? 'SetNull' : 'Restrict');
          table.foreignKeys[`${block.name}_${local.join('_')}_fkey`] =
            `${local.join(', ')} -> ${type}(${references.join(', ')}) ON DELETE ${REFERENTIAL_ACTIONS[onDelete]}`;
        }
        continue;
      }
      if (list) throw new Error(`prisma-schema.ts does not support scalar lists (${block.name}.${name})`);

      const db = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
      const columnType = db
        ? nativeType(db[1], db[2])
        : (SCALAR_TYPES[type] ?? (enums[type] ? quoteIdentifier(type) : undefined));
      if (!columnType)
        throw new Error(`prisma-schema.ts does not know the type ${type} (${block.name}.${name})`);
      table.columns[name] = { type: columnType, nullable: !!optional };
      if (/@id\b/.test(attributes)) table.primaryKey = [name];
      if (/@unique\b/.test(attributes)) table.uniqueIndexes[`${block.name}_${name}_key`] = [name];
    }
    tables[block.name] = table;
  }
  return { tables, enums };
}

/** As format_type prints a type name: quoted unless it is all lower case. */
function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** How many `model` blocks the text declares, counted independently of the reader above. */
export function countModels(schema: string): number {
  return (schema.match(/^model\s+\w+\s*\{/gm) ?? []).length;
}

// ---------------------------------------------------------------------------------------------------
// The live database

export async function describeDatabase(
  url: string,
  ignoreTables: string[] = ['_prisma_migrations'],
): Promise<DatabaseShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables: Record<string, TableShape> = {};
    const tableRows = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    for (const { name } of tableRows.rows) {
      if (!ignoreTables.includes(name))
        tables[name] = { columns: {}, primaryKey: [], uniqueIndexes: {}, indexes: {}, foreignKeys: {} };
    }

    const columns = await client.query<{ table: string; column: string; type: string; not_null: boolean }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY c.relname, a.attnum`,
    );
    for (const row of columns.rows) {
      const table = tables[row.table];
      if (table) table.columns[row.column] = { type: row.type, nullable: !row.not_null };
    }

    // Index columns in key order, with DESC where the index sorts that column descending (indoption bit 0).
    const indexes = await client.query<{
      table: string;
      name: string;
      primary: boolean;
      unique: boolean;
      columns: string[];
    }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
              array_agg(a.attname || CASE WHEN (x.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       -- Partial indexes (WHERE …) cannot be declared in schema.prisma: they live in migrations only.
       WHERE n.nspname = 'public' AND x.indpred IS NULL
       GROUP BY t.relname, i.relname, x.indisprimary, x.indisunique, x.indoption`,
    );
    for (const row of indexes.rows) {
      const table = tables[row.table];
      if (!table) continue;
      if (row.primary) table.primaryKey = row.columns;
      else if (row.unique) table.uniqueIndexes[row.name] = row.columns;
      else table.indexes[row.name] = row.columns;
    }

    const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND c.contype = 'f'`,
    );
    for (const row of foreignKeys.rows) {
      const table = tables[row.table];
      if (!table) continue;
      // e.g. FOREIGN KEY ("userId") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE CASCADE
      const match = /^FOREIGN KEY \(([^)]*)\) REFERENCES "?(\w+)"?\(([^)]*)\)(.*)$/.exec(row.definition);
      if (!match) throw new Error(`cannot read the foreign key ${row.name}: ${row.definition}`);
      const unquote = (list: string) =>
        list
          .split(',')
          .map((part) => part.trim().replaceAll('"', ''))
          .join(', ');
      const onDelete = /ON DELETE (CASCADE|SET NULL|RESTRICT|SET DEFAULT)/.exec(match[4])?.[1] ?? 'NO ACTION';
      table.foreignKeys[row.name] =
        `${unquote(match[1])} -> ${match[2]}(${unquote(match[3])}) ON DELETE ${onDelete}`;
    }

    const enumRows = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    const enums = Object.fromEntries(enumRows.rows.map((row) => [row.name, row.labels]));
    return { tables, enums };
  } finally {
    await client.end();
  }
}
