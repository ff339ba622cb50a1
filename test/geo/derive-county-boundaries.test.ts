import { expect } from 'chai';

/** The data scripts are plain Node ESM outside the TypeScript build: loaded from the source tree. */
const script = (name: string) => import(new URL(`../../../scripts/data/geo/${name}`, import.meta.url).href);

describe('derive-county-boundaries pieces', () => {
  describe('echarts compressed coordinates', () => {
    it('decodes rings as echarts itself does (expected values from echarts.min.js of the package)', async () => {
      const { decodeRing } = await script('echarts-decode.mjs');
      // 金山区 in shanghai.geojson: a whole (closed) ring, plain ASCII characters.
      expect(decodeRing('@@DBBAGCBD', [124321, 31442]).map((v: number) => v / 1024)).to.deep.equal([
        121.4072265625, 30.705078125, 121.4091796875, 30.7060546875, 121.41015625, 30.705078125, 121.40625, 30.703125, 121.4072265625,
        30.705078125,
      ]);
      // Part of 开州区 in chongqing.geojson: characters above 127, i.e. large deltas of both signs.
      expect(decodeRing('PY\u0095^QI\u00a1\u00a3B\u0081\u009dGJu[U', [111074, 32398]).map((v: number) => v / 1024)).to.deep.equal([
        108.478515625, 31.6259765625, 108.4365234375, 31.640625, 108.427734375, 31.6357421875, 108.3798828125, 31.5869140625, 108.380859375,
        31.5546875, 108.3349609375, 31.55078125, 108.33984375, 31.5244140625, 108.326171875, 31.513671875,
      ]);
    });

    it('tells the compressed files from the plain ones, flag or no flag', async () => {
      const { isEchartsEncoded } = await script('echarts-decode.mjs');
      const polygon = (coordinates: unknown) => ({ features: [{ geometry: { type: 'Polygon', coordinates } }] });
      expect(isEchartsEncoded({ UTF8Encoding: true, features: [] })).to.equal(true);
      expect(isEchartsEncoded(polygon(['@@DBBAGCBD']))).to.equal(true);
      expect(isEchartsEncoded({ UTF8Encoding: false, ...polygon([[[121.4, 30.7]]]) })).to.equal(false);
    });
  });

  describe('shared-border simplification', () => {
    it('keeps the border two polygons share identical on both sides', async () => {
      const { simplifySharedBorders } = await script('shared-border-simplifier.mjs');
      // A winding border ~400 units (~40 km) long on the grid (1 unit ≈ 100 m), between a
      // western and an eastern polygon that each run it in their own direction.
      const border: number[] = [];
      for (let y = 0; y <= 400; y += 2) border.push(Math.round(30 * Math.sin(y / 37) + 10 * Math.sin(y / 11)) + (y % 4), y + 25_600);
      const points = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
      const reversed = points(border).reverse().flat();
      const west = [...border, -300, border.at(-1)!, -300, border[1]!];
      const east = [...reversed, 300, border[1]!, 300, border.at(-1)!];
      const { features } = simplifySharedBorders([{ polygons: [[west]] }, { polygons: [[east]] }], 150, 1024);
      const [westOut, eastOut] = [features[0][0][0], features[1][0][0]] as [number[], number[]];
      const key = (p: number[]) => p.join(',');
      const shared = (ring: number[]) => new Set(points(ring).filter(([x]) => Math.abs(x!) < 100).map(key));
      expect(westOut.length).to.be.below(west.length / 2); // the small wiggles (< 150 m) are gone
      expect(shared(westOut)).to.deep.equal(shared(eastOut));
    });
  });

  describe('join to the current tree', () => {
    const tree = [
      { area_id: 140000, name: '山西省', parent_id: 0, tier: 1 },
      { area_id: 140300, name: '阳泉市', parent_id: 140000, tier: 2 },
      { area_id: 140302, name: '城区', parent_id: 140300, tier: 3 },
      { area_id: 140400, name: '长治市', parent_id: 140000, tier: 2 },
      { area_id: 140405, name: '屯留区', parent_id: 140400, tier: 3 },
      { area_id: 140700, name: '晋中市', parent_id: 140000, tier: 2 },
      { area_id: 140702, name: '榆次区', parent_id: 140700, tier: 3 },
      { area_id: 141100, name: '吕梁市', parent_id: 140000, tier: 2 },
      { area_id: 141102, name: '离石区', parent_id: 141100, tier: 3 },
    ];
    const feature = (code: number | null, name: string) => ({ file: 'test.geojson', code, name, polygons: [] });

    it('joins by code, then by name in the old city, then by name in the province; reports the rest', async () => {
      const { joinToAreas } = await script('area-join.mjs');
      const { joined, report } = joinToAreas(
        [
          feature(140702, '榆次区'), // same code, same name
          feature(140424, '屯留县'), // code retired: 屯留县 → 屯留区 in the same city
          feature(140302, '城区'), // same code and name
          feature(140499, '城区'), // generic name, code retired: not matched to 阳泉's 城区 in the province
          feature(142301, '离石市'), // old 吕梁地区 (1423) became 吕梁市 (1411): stem 离石 in the province
          feature(140102, '不存在区'),
        ],
        tree,
      );
      expect([...joined.keys()].sort()).to.deep.equal([140302, 140405, 140702, 141102]);
      expect(report.byCode).to.equal(2);
      expect(report.byName).to.have.length(2);
      expect(report.unmatched).to.deep.equal(['140499 城区 [test.geojson]', '140102 不存在区 [test.geojson]']);
    });

    it('does not trust a reused code whose current name differs, nor give a leaf a code match took', async () => {
      const { joinToAreas } = await script('area-join.mjs');
      const { report } = joinToAreas([feature(140702, '榆次区'), feature(140405, '榆次区')], tree);
      expect(report.byCode).to.equal(1);
      expect(report.unmatched).to.deep.equal(['140405 榆次区 [test.geojson]']);
      expect(report.leavesWithout).to.include('140405 屯留区');
    });
  });
});
