import { describe, expect, it } from 'vitest';
import { cellValue, compactCell, displayOf } from './raw.js';

describe('a field stored compact', () => {
  it('reads back as the same value and display, and keeps what it cannot fold', () => {
    const fields = [
      { display_value: 'INC0001', value: 'INC0001' },
      { display_value: '1 - Critical', value: '1' },
      { display_value: 'Group 5', value: 'abc', link: 'https://x/api/now/table/sys_user_group/abc' },
      { display_value: 'x', value: 'x', link: 'https://x/api/now/table/t/x' },
      '',
    ];
    for (const field of fields) {
      const compact = compactCell(field);
      expect(cellValue(compact)).toBe(cellValue(field));
      expect(displayOf({ f: compact }, 'f')).toBe(displayOf({ f: field }, 'f'));
    }
    expect(fields.map(compactCell)).toEqual(['INC0001', fields[1], fields[2], fields[3], '']);
  });
});
