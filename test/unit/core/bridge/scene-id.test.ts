import { expect } from 'chai';
import { DomainError, SceneId } from '../../../../core/index.js';
import { NodeRandom } from '../../../../adapters/crypto/node-random.js';

describe('SceneId', () => {
  it('makes new ids of 32 random digits, inside WeChat’s scene characters', () => {
    const random = new NodeRandom();
    const ids = Array.from({ length: 50 }, () => SceneId.next(random).value);
    for (const id of ids) expect(id).to.match(/^\d{32}$/).and.to.match(SceneId.pattern);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('takes what WeChat could have put in a code', () => {
    for (const raw of ['1', 'a'.repeat(32), 'AbC123']) expect(SceneId.parse(raw).value).to.equal(raw);
  });

  it('answers 60001, as for an unknown scene, for anything else', () => {
    for (const raw of ['', '1'.repeat(33), 'a-b', 'a b', '场景', '12\u0000', '%41']) {
      expect(() => SceneId.parse(raw), JSON.stringify(raw)).to.throw(DomainError).with.property('code', 60001);
    }
  });
});
