import { sql, type SQL } from 'drizzle-orm';

/** Which of a tenant's chunks a search looks at: all of them, or these documents / category. */
export interface SearchScope {
  tenantId: string;
  /** Only these documents. */
  documentIds?: string[];
  /** Only documents of this category. */
  category?: string;
}

/** True when the scope narrows the tenant's chunks (by document or category). */
export function isFiltered(scope: Omit<SearchScope, 'tenantId'>): boolean {
  return scope.documentIds !== undefined || scope.category !== undefined;
}

/** The WHERE clause both branches share: tenant first, then the optional filters. */
export function scopeFilter(tenantId: string, options: Omit<SearchScope, 'tenantId'> = {}): SQL {
  const parts: SQL[] = [sql`c.tenant_id = ${tenantId}`];
  if (options.documentIds) {
    parts.push(
      options.documentIds.length === 0
        ? sql`false`
        : sql`c.document_id in (${sql.join(
            options.documentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  }
  if (options.category !== undefined) {
    parts.push(
      sql`c.document_id in (select d.id from knowledge_documents d where d.tenant_id = ${tenantId} and d.category = ${options.category})`,
    );
  }
  return sql.join(parts, sql` and `);
}
