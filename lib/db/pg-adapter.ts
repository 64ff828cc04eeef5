// The Prisma driver adapter for PostgreSQL, shared by the app's client and the migration runner.
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import type { QueryResult } from "pg";

export function createPgAdapter(connectionString: string, options: { max?: number } = {}) {
  return new PrismaPg({ connectionString, max: options.max ?? 10 });
}

const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface Queryable {
  performIO(query: SqlQuery): Promise<QueryResult>;
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  startTransaction?: (...args: unknown[]) => Promise<unknown>;
}

/**
 * The schema engine's catalog queries return PostgreSQL's internal `"char"` type (OID 18), which
 * adapter-pg refuses to map. Its values are single characters: the rows are read as text and the
 * column is reported to the engine as a character column, which is what it expects.
 */
function readInternalCharAsText<T extends object>(queryable: T): T {
  const target = queryable as unknown as Queryable;
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const performIO = target.performIO.bind(target);
  const queryRaw = target.queryRaw.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    const indices: number[] = [];
    result?.fields?.forEach((field, index) => {
      if (field.dataTypeID === PG_INTERNAL_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indices.push(index);
      }
    });
    if (indices.length) charColumns.set(query, indices);
    return result;
  };
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  if (target.startTransaction) {
    const startTransaction = target.startTransaction.bind(target);
    target.startTransaction = async (...args) => readInternalCharAsText((await startTransaction(...args)) as object);
  }
  return queryable;
}

/** The adapter factory the schema engine (migrations) runs on. */
export function createMigrationPgAdapter(connectionString: string) {
  const factory = createPgAdapter(connectionString, { max: 2 });
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => readInternalCharAsText(await connect());
  factory.connectToShadowDb = async () => readInternalCharAsText(await connectToShadowDb());
  return factory;
}
