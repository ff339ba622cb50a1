import { expect } from 'chai';
import { formatShanghaiDate, formatShanghaiDateTime, startOfShanghaiDay } from '../../../../core/index.js';

const at = (iso: string) => new Date(iso);

describe('Shanghai time', () => {
  describe('startOfShanghaiDay', () => {
    it('is 16:00 UTC of the day before for a Shanghai morning', () => {
      expect(startOfShanghaiDay(at('2026-11-28T02:00:00.000Z'))).to.deep.equal(at('2026-11-27T16:00:00.000Z'));
    });

    it('is the instant itself at Shanghai midnight (16:00 UTC)', () => {
      expect(startOfShanghaiDay(at('2026-11-28T16:00:00.000Z'))).to.deep.equal(at('2026-11-28T16:00:00.000Z'));
    });

    it('is the previous Shanghai day one millisecond before Shanghai midnight', () => {
      expect(startOfShanghaiDay(at('2026-11-28T15:59:59.999Z'))).to.deep.equal(at('2026-11-27T16:00:00.000Z'));
    });

    it('does not move at UTC midnight, which is 08:00 in Shanghai', () => {
      expect(startOfShanghaiDay(at('2026-11-28T23:59:59.999Z'))).to.deep.equal(at('2026-11-28T16:00:00.000Z'));
      expect(startOfShanghaiDay(at('2026-11-29T00:00:00.000Z'))).to.deep.equal(at('2026-11-28T16:00:00.000Z'));
    });

    it('crosses a year end on Shanghai time', () => {
      expect(startOfShanghaiDay(at('2026-12-31T16:30:00.000Z'))).to.deep.equal(at('2026-12-31T16:00:00.000Z'));
    });

    it('works for instants before 1970 (negative epoch times)', () => {
      expect(startOfShanghaiDay(at('1969-12-31T12:00:00.000Z'))).to.deep.equal(at('1969-12-30T16:00:00.000Z'));
    });
  });

  describe('formatShanghaiDateTime', () => {
    it('formats in UTC+8 with zero padding', () => {
      expect(formatShanghaiDateTime(at('2026-01-05T01:02:03.000Z'))).to.equal('2026-01-05 09:02:03');
    });

    it('rolls over to the next date and year at 16:00 UTC', () => {
      expect(formatShanghaiDateTime(at('2026-12-31T15:59:59.999Z'))).to.equal('2026-12-31 23:59:59');
      expect(formatShanghaiDateTime(at('2026-12-31T16:00:00.000Z'))).to.equal('2027-01-01 00:00:00');
    });
  });

  describe('formatShanghaiDate', () => {
    it('gives the Shanghai calendar date, which is ahead of UTC from 16:00 UTC', () => {
      expect(formatShanghaiDate(at('2026-02-28T15:59:59.999Z'))).to.equal('2026-02-28');
      expect(formatShanghaiDate(at('2026-02-28T16:00:00.000Z'))).to.equal('2026-03-01');
    });
  });

  describe('whatever the process time zone', () => {
    let savedTz: string | undefined;
    beforeEach(() => {
      savedTz = process.env['TZ'];
      process.env['TZ'] = 'America/New_York';
    });
    afterEach(() => {
      if (savedTz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = savedTz;
    });

    it('gives the same answers in New York', () => {
      expect(new Date('2026-07-01T00:00:00.000Z').getHours()).to.equal(20); // the zone did change
      expect(formatShanghaiDateTime(at('2026-07-01T00:00:00.000Z'))).to.equal('2026-07-01 08:00:00');
      expect(startOfShanghaiDay(at('2026-07-01T00:00:00.000Z'))).to.deep.equal(at('2026-06-30T16:00:00.000Z'));
    });
  });
});
