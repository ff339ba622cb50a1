import type { Knex } from 'knex';
import type { Category, CategoryRepository } from '../../core/index.js';
import { categoryFromRow, type CategoryRow } from './category-row.js';

export class KnexCategoryRepository implements CategoryRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async listEnabled(): Promise<Category[]> {
    const rows = await this.db<CategoryRow>('merchant_categories')
      .where({ status: 1 })
      .orderBy([
        { column: 'sort', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(categoryFromRow);
  }
}
