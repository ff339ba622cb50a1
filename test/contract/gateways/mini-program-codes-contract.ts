import { expect } from 'chai';
import type { MiniProgramCodes, Oper } from '../../../core/index.js';
import { domainErrorOf } from '../../unit/support/domain-error-of.js';
import { type ClosableContext, settlesLikeARemoteCall, useGatewayContext } from './gateway-context.js';

/** A code WeChat made, as the suite reads it back. */
export interface MadeCode {
  readonly appid: string;
  readonly scene: string;
  /** Null for the home page. */
  readonly page: string | null;
}

/** What the MiniProgramCodes suite needs: the gateway, two mini programs, and WeChat's side. */
export interface MiniProgramCodesContext extends ClosableContext {
  readonly codes: MiniProgramCodes;
  /** Two enabled opers, each with its own mini program. */
  readonly opers: readonly [Oper, Oper];
  /** The codes WeChat made, newest first. */
  made(): Promise<MadeCode[]>;
  /** From now on WeChat cannot be reached. */
  wechatGoesDown(): Promise<void>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PAGE = 'pages/bridge/pay';
const SCENE = '31415926535897932384626433832795';

/** The MiniProgramCodes port (`getwxacodeunlimit`): images of the oper's own code, failures. */
export function describeMiniProgramCodesContract(adapterName: string, makeContext: () => Promise<MiniProgramCodesContext>): void {
  describe(`MiniProgramCodes [${adapterName}]`, () => {
    const context = useGatewayContext(makeContext);
    const isPng = (image: Uint8Array) => image.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => image[i] === byte);

    it('answers a PNG image', async () => {
      const image = await context().codes.unlimited(context().opers[0], { scene: SCENE, page: PAGE });
      expect(image).to.be.instanceOf(Uint8Array);
      expect(isPng(image)).to.equal(true);
    });

    it('has WeChat make the code of the oper’s own mini program, with the scene and page asked for', async () => {
      const [one, two] = context().opers;
      await context().codes.unlimited(one, { scene: SCENE, page: PAGE });
      await context().codes.unlimited(two, { scene: 'a=1&b=2', page: 'pages/index/index' });
      expect(await context().made()).to.deep.equal([
        { appid: two.miniProgram.appid, scene: 'a=1&b=2', page: 'pages/index/index' },
        { appid: one.miniProgram.appid, scene: SCENE, page: PAGE },
      ]);
    });

    it('gives each caller an image of its own: changing one changes no later answer', async () => {
      const [oper] = context().opers;
      const first = await context().codes.unlimited(oper, { scene: SCENE, page: PAGE });
      first.fill(0);
      expect(isPng(await context().codes.unlimited(oper, { scene: SCENE, page: PAGE }))).to.equal(true);
    });

    it('answers 70012 for a scene WeChat refuses (over 32 characters, or a character it does not allow)', async () => {
      const [oper] = context().opers;
      await domainErrorOf(context().codes.unlimited(oper, { scene: '1'.repeat(33), page: PAGE }), 70012);
      await domainErrorOf(context().codes.unlimited(oper, { scene: '场景', page: PAGE }), 70012);
      expect(await context().made()).to.deep.equal([]);
    });

    it('answers 70012 when WeChat cannot be reached', async () => {
      await context().wechatGoesDown();
      await domainErrorOf(context().codes.unlimited(context().opers[0], { scene: SCENE, page: PAGE }), 70012);
    });

    it('settles as a remote call does', async () => {
      const outcome = await settlesLikeARemoteCall(() => context().codes.unlimited(context().opers[0], { scene: SCENE, page: PAGE }));
      expect(outcome.status).to.equal('fulfilled');
    });
  });
}
