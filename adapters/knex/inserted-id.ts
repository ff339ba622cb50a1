/** The id of the one row an `insert` made (knex resolves to `[id]` on SQLite and MySQL). */
export function insertedId(result: readonly number[], what: string): number {
  const [id] = result;
  if (id === undefined) throw new Error(`The database returned no id for the new ${what}`);
  return Number(id);
}
