import type { Category, CategoryRepository } from './category.js';

export interface CategoryNode {
  readonly category: Category;
  readonly children: readonly CategoryNode[];
}

/** `/merchant/categories/tree`: enabled categories; a disabled category hides its children too. */
export class ListCategoryTree {
  constructor(private readonly categories: CategoryRepository) {}

  async execute(): Promise<CategoryNode[]> {
    const enabled = await this.categories.listEnabled();
    const build = (pid: number): CategoryNode[] =>
      enabled.filter((c) => c.pid === pid).map((category) => ({ category, children: build(category.id) }));
    return build(0);
  }
}
