import { cutChars, fieldValue, templateData } from '../src/index.js';

describe('subscription message fields', () => {
  it('cuts a thing to 20 characters by characters, never splitting one', () => {
    const title = '智利进口车厘子JJJ级5斤礼盒装冷链空运直达鲜到家'; // 25 characters
    expect([...title]).toHaveLength(25);
    const cut = fieldValue('thing', title);
    expect([...cut]).toHaveLength(20);
    expect(cut).toBe('智利进口车厘子JJJ级5斤礼盒装冷链空…');
    expect(cutChars('积分🎁到账啦', 4)).toBe('积分🎁…'); // the emoji counts once and stays whole
    expect(fieldValue('thing', '  签到\n提醒  ')).toBe('签到 提醒');
  });

  it('formats amounts from fen, dates and times in Shanghai, and keeps only what each type allows', () => {
    expect(fieldValue('amount', { fen: 1_250 })).toBe('12.50元');
    expect(fieldValue('date', new Date('2026-12-31T16:30:00Z'))).toBe('2027年01月01日'); // already the 1st in Shanghai
    expect(fieldValue('date', '2026-12-07')).toBe('2026年12月07日');
    expect(fieldValue('time', new Date('2026-12-03T01:05:00Z'))).toBe('2026年12月03日 09:05');
    expect(fieldValue('number', '1,390 积分')).toBe('1390');
    expect(fieldValue('phrase', '已发货!')).toBe('已发货');
    expect(fieldValue('character_string', 'SF 1402 9384 7561 0')).toBe('SF1402938475610');
    expect(fieldValue('phone_number', '+86 138-0000-0001')).toBe('+86138-0000-0001');
    expect(fieldValue('name', '欧阳娜娜娜娜娜娜娜娜娜')).toHaveLength(10);
    expect(fieldValue('name', 'Alexander Hamilton Jr.')).toBe('Alexander Hamilton J');
    expect(() => fieldValue('amount', 12.5)).toThrow(RangeError);
  });

  it('builds a template’s data, refusing a field without a value', () => {
    const fields = { thing1: 'thing', number2: 'number', date3: 'date' } as const;
    expect(templateData(fields, { thing1: '积分即将过期', number2: 300, date3: '2026-12-07' })).toEqual({
      thing1: { value: '积分即将过期' }, number2: { value: '300' }, date3: { value: '2026年12月07日' },
    });
    expect(() => templateData(fields, { thing1: 'x', number2: 1 })).toThrow('date3');
  });
});
