import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  /** Right-aligned, header and cells alike. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
  /** Classes a cell adds for its row (a negative amount, say). */
  cellClass?: (row: Row) => string;
}

/**
 * A list the API hands out as rows: a table that scrolls inside itself on a phone (a focusable,
 * labelled region, so a keyboard user can scroll it too); a sentence instead when there are no rows.
 */
export function DataTable<Row extends { id: string }>({
  label,
  caption,
  columns,
  rows,
  rowAttributes,
  empty,
}: {
  /** The scrolling region's name. */
  label: string;
  /** A caption read out with the table (it is not shown). */
  caption?: string;
  /** Said instead of an empty table. */
  empty: string;
  columns: Column<Row>[];
  rows: Row[];
  /** `data-*` attributes a row carries, for styles and tests. */
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} {...rowAttributes?.(row)}>
              {columns.map((column) => {
                const classes = [column.numeric ? 'numeric' : '', column.cellClass?.(row) ?? '']
                  .join(' ')
                  .trim();
                return (
                  <td key={column.header} className={classes || undefined}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
