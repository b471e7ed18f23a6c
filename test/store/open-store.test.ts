import { splitSchema } from '../../src/store/open-store';

describe('DATABASE_URL with a schema', () => {
  test('the schema query parameter is taken out of the URL', () => {
    expect(splitSchema('postgres://bot:p%40ss@db:5432/bot?schema=soc_a&sslmode=require')).toEqual({
      url: 'postgres://bot:p%40ss@db:5432/bot?sslmode=require',
      schema: 'soc_a',
    });
    expect(splitSchema('postgres://bot:bot@db/bot?schema=x')).toEqual({ url: 'postgres://bot:bot@db/bot', schema: 'x' });
  });

  test('without one the URL is left exactly as it was', () => {
    const url = 'postgres://bot:bot@db:5432/bot?options=-c%20search_path%3Dother';
    expect(splitSchema(url)).toEqual({ url });
    expect(splitSchema('postgres://bot:bot@db/bot?schema=')).toEqual({ url: 'postgres://bot:bot@db/bot', schema: undefined });
  });
});
