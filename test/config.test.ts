import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/errors.ts';
import { defaultConfigDir, loadConfig } from '../src/config/load.ts';
import { tempDir } from './helpers.ts';

function configWith(topicsYaml: string): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'topics.yaml'), topicsYaml);
  return dir;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('loads the bundled topics with their defaults', () => {
    const config = loadConfig({});
    expect(config.topics.map((t) => [t.id, t.title])).toEqual([
      ['iraq-us', 'Iraq–US'],
      ['iraq-turkiye', 'Iraq–Türkiye'],
    ]);
    expect(config.topics[1]?.aliases).toContain('iraq-turkey');
    expect(config.dbPath).toBe('data/newsbrief.db');
    expect(config.env.PORT).toBe(3000);
  });

  it('names the file, the line and the field of an invalid topic', () => {
    const dir = configWith(
      [
        'topics:',
        '  - id: Iraq US',
        '    title: Iraq–US',
        '    sides:',
        '      - name: Iraq',
        '        names: [Iraq]',
      ].join('\n'),
    );
    const err = errorOf(() => loadConfig({ NEWSBRIEF_CONFIG_DIR: dir }));
    expect(err.file).toBe(join(dir, 'topics.yaml'));
    expect(err.message).toContain('line 2, topics[0].id: an id is lowercase letters, digits and dashes');
    expect(err.message).toContain('topics[0].sides: a topic needs two sides');
    expect(err.message).toMatch(/Fix: /);
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = configWith('topics:\n  - id: iraq-us\n    title: "unclosed\n');
    const err = errorOf(() => loadConfig({ NEWSBRIEF_CONFIG_DIR: dir }));
    expect(err.message).toMatch(/line \d+, column \d+/);
  });

  it('rejects unknown fields and duplicate ids or aliases', () => {
    const original = readFileSync(join(defaultConfigDir, 'topics.yaml'), 'utf8');
    const dir = configWith(
      original.replace('aliases: [iraq-turkey,', 'aliases: [iraq-us,').replace('exclude:', 'exclud:'),
    );
    const err = errorOf(() => loadConfig({ NEWSBRIEF_CONFIG_DIR: dir }));
    expect(err.message).toMatch(/Unrecognized key.*exclud/);
    expect(err.message).toMatch(/"iraq-us" is already used by topics\[0\]/);
  });

  it('says where to find a missing topics file', () => {
    const dir = tempDir();
    expect(() => loadConfig({ NEWSBRIEF_CONFIG_DIR: dir })).toThrow(/not found[\s\S]*NEWSBRIEF_CONFIG_DIR/);
  });

  it('validates the environment', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEWSBRIEF_TIMEZONE: 'Mars/Olympus' })).toThrow(/not an IANA timezone/);
    const dir = tempDir();
    copyFileSync(join(defaultConfigDir, 'topics.yaml'), join(dir, 'topics.yaml'));
    expect(loadConfig({ NEWSBRIEF_CONFIG_DIR: dir, NEWSBRIEF_TIMEZONE: 'Asia/Baghdad' }).timezone).toBe(
      'Asia/Baghdad',
    );
  });
});
