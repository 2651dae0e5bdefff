import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { SHARED } from './shared.js';
import { Writer } from './template.js';

const vocabulary = {
  store: ['store {storeNo}'],
  storeNo: (r: Random) => String(r.int(100, 999)),
  word: ['alpha', 'beta', 'gamma', 'delta', 'epsilon'],
};

describe('Writer', () => {
  it('reuses a slot value within one ticket, so title and description agree', () => {
    const w = new Writer(new Random(1));
    w.begin([vocabulary]);
    const title = w.fill('Till down at {store}');
    const body = w.fill('Colleagues at {store} report it.');
    expect(body).toContain(title.slice('Till down at '.length));
  });

  it('draws afresh for {~slot}', () => {
    const w = new Writer(new Random(2));
    w.begin([vocabulary]);
    const values = new Set(Array.from({ length: 20 }, () => w.fill('{~storeNo}')));
    expect(values.size).toBeGreaterThan(1);
  });

  it('forgets values when the next ticket begins, and keeps fixed ones', () => {
    const w = new Writer(new Random(3));
    w.begin([vocabulary], { storeNo: '0412' });
    expect(w.fill('{store}')).toBe('store 0412');
    w.begin([vocabulary]);
    expect(w.isBound('storeNo')).toBe(false);
  });

  it('picks inline alternatives and capitalises on request', () => {
    const w = new Writer(new Random(4));
    w.begin([vocabulary]);
    expect(['Yes', 'No']).toContain(w.fill('{^yes|no}'));
    expect(w.fill('{^word}')).toMatch(/^[A-Z][a-z]+$/);
  });

  it('lets an earlier layer override a later one', () => {
    const w = new Writer(new Random(5));
    w.begin([{ word: ['override'] }, vocabulary]);
    expect(w.fill('{word}')).toBe('override');
  });

  it('draws distinct templates from a pool', () => {
    const w = new Writer(new Random(6));
    w.begin([vocabulary]);
    expect(new Set(w.fillDistinct('word', 4)).size).toBe(4);
  });

  it('names a slot no vocabulary has', () => {
    const w = new Writer(new Random(7));
    w.begin([vocabulary]);
    expect(() => w.fill('{missing}')).toThrow(/"missing"/);
  });

  it('keeps identifiers (wave, rack, room, release) in the work identity and leaves measurements out', () => {
    const identities = (template: string): Set<string> => {
      const w = new Writer(new Random(8));
      return new Set(
        Array.from({ length: 40 }, () => {
          w.begin([SHARED]);
          return w.fillWithIdentity(template).identity;
        }),
      );
    };
    for (const named of [
      'Data centre exit, wave {wave}',
      'Power down rack {rack}',
      'Dock in meeting room {room}',
    ])
      expect(identities(named).size, named).toBeGreaterThan(1);
    expect(identities('Release {minor}.{minor}').size).toBeGreaterThan(1);
    for (const measured of ['Missing logs for {small} days', 'Holding {count} pallets', 'Down {percent}'])
      expect([...identities(measured)], measured).toHaveLength(1);
  });
});
