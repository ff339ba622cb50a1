import { expect } from 'chai';
import { SHANGHAI } from './catalog-fixtures.js';
import { after } from './fixtures.js';
import type { MerchantWorld } from './merchant-world.js';

/**
 * Keywords of one, two and three characters, as the knex adapter serves them from its keyword
 * index (each length takes another path there); every adapter must answer the same.
 */
export function describeMerchantKeywordIndex(world: MerchantWorld): void {
  describe('keyword of 1, 2 and 3 characters', () => {
    const found = async (keyword: string, more = {}) => {
      const { total, listings } = await world.search({ keyword, ...more });
      return { total, names: listings.map((listing) => listing.merchant.name) };
    };

    it('finds a keyword in the name, the brand or the category name, newest first', async () => {
      const coffee = await world.addCategory({ name: '咖啡馆' });
      await world.add({ name: '蓝瓶', brand: '', categoryId: coffee });
      await world.add({ name: '瑞幸咖啡', brand: '', createdAt: after(1) });
      await world.add({ name: '老字号', brand: '咖啡大师', createdAt: after(2) });
      await world.add({ name: '茶馆', brand: '', createdAt: after(3) });
      expect(await found('啡')).to.deep.equal({ total: 3, names: ['老字号', '瑞幸咖啡', '蓝瓶'] });
      expect(await found('咖啡')).to.deep.equal({ total: 3, names: ['老字号', '瑞幸咖啡', '蓝瓶'] });
      expect(await found('咖啡馆')).to.deep.equal({ total: 1, names: ['蓝瓶'] });
      expect(await found('咖啡大')).to.deep.equal({ total: 1, names: ['老字号'] });
      expect(await found('馆')).to.deep.equal({ total: 2, names: ['茶馆', '蓝瓶'] });
      expect(await found('啡馆茶')).to.deep.equal({ total: 0, names: [] });
    });

    it('never matches across two texts or characters that are not adjacent', async () => {
      await world.add({ name: '咖啡', brand: '店小二' });
      await world.add({ name: '咖喱啡', brand: '', createdAt: after(1) });
      expect(await found('啡店')).to.deep.equal({ total: 0, names: [] });
      expect(await found('咖啡店')).to.deep.equal({ total: 0, names: [] });
      expect(await found('喱啡')).to.deep.equal({ total: 1, names: ['咖喱啡'] });
      expect(await found('咖喱啡')).to.deep.equal({ total: 1, names: ['咖喱啡'] });
    });

    it('needs every pair of a longer keyword in order, not only each pair somewhere', async () => {
      await world.add({ name: '烤鸭鸭烤', brand: '' });
      await world.add({ name: '北京烤鸭', brand: '', createdAt: after(1) });
      expect(await found('烤鸭烤')).to.deep.equal({ total: 0, names: [] });
      expect(await found('鸭鸭烤')).to.deep.equal({ total: 1, names: ['烤鸭鸭烤'] });
      expect(await found('京烤鸭')).to.deep.equal({ total: 1, names: ['北京烤鸭'] });
    });

    it('ignores ASCII case and keeps spaces and repeated characters as they are', async () => {
      await world.add({ name: 'KFC 肯德基', brand: '' });
      await world.add({ name: 'ab', brand: '', createdAt: after(1) });
      await world.add({ name: 'a b', brand: '', createdAt: after(2) });
      await world.add({ name: '哈哈哈', brand: '', createdAt: after(3) });
      expect(await found('k')).to.deep.equal({ total: 1, names: ['KFC 肯德基'] });
      expect(await found('fC')).to.deep.equal({ total: 1, names: ['KFC 肯德基'] });
      expect(await found('c 肯')).to.deep.equal({ total: 1, names: ['KFC 肯德基'] });
      expect(await found('a ')).to.deep.equal({ total: 1, names: ['a b'] });
      expect(await found('ab')).to.deep.equal({ total: 1, names: ['ab'] });
      expect(await found('哈哈')).to.deep.equal({ total: 1, names: ['哈哈哈'] });
      expect(await found('哈哈哈哈')).to.deep.equal({ total: 0, names: [] });
    });

    it('combines with the city, the categories and pages, and leaves disabled merchants out', async () => {
      const noodles = await world.addCategory({ name: '面馆' });
      await world.add({ name: '兰州拉面', brand: '' });
      await world.add({ name: '上海拉面', brand: '', ...SHANGHAI, createdAt: after(1) });
      await world.add({ name: '拉面小馆', brand: '', categoryId: noodles, createdAt: after(2) });
      await world.add({ name: '拉面停业', brand: '', status: 2, createdAt: after(3) });
      await world.add({ name: '日式拉面馆', brand: '', ...SHANGHAI, createdAt: after(4) });
      expect(await found('拉面', { cityId: SHANGHAI.cityId })).to.deep.equal({ total: 2, names: ['日式拉面馆', '上海拉面'] });
      expect(await found('拉面馆', { cityId: SHANGHAI.cityId })).to.deep.equal({ total: 1, names: ['日式拉面馆'] });
      expect(await found('面', { categoryIds: [noodles] })).to.deep.equal({ total: 1, names: ['拉面小馆'] });
      expect(await found('拉面', { pageSize: 2, page: 2 })).to.deep.equal({ total: 4, names: ['上海拉面', '兰州拉面'] });
      expect(await found('停业')).to.deep.equal({ total: 0, names: [] });
      expect(await found('面馆')).to.deep.equal({ total: 2, names: ['日式拉面馆', '拉面小馆'] });
    });
  });
}
