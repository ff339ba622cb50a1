import { InMemoryStore, InMemoryUnitOfWork, inMemoryRepositories } from '../../adapters/memory/index.js';
import { describeRepositoryContracts } from './all-contracts.js';

describeRepositoryContracts('memory', async () => {
  const store = new InMemoryStore();
  return {
    repositories: inMemoryRepositories(store),
    unitOfWork: new InMemoryUnitOfWork(store),
    addOper: (oper) => store.addOper(oper),
    addCategory: (category) => store.addCategory(category),
    addMerchant: (merchant) => store.addMerchant(merchant),
    addGoods: (goods) => store.addGoods(goods),
    replaceAreas: (records) => store.replaceAreas(records),
    close: async () => {},
  };
});
