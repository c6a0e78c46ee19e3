/**
 * The parents' portal is in English and Spanish everywhere: this fails on a key one catalog lacks, an
 * empty value, a Spanish value left in English, placeholders that differ, a key the code uses that no
 * catalog has, a value of the API (a request kind, a payment source…) with no words in a catalog, and
 * any text written into the portal's JSX or its labels instead of taken from the catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../web/src/i18n/en.json';
import es from '../web/src/i18n/es.json';
import { requestKinds, requestStatuses } from '../src/modules/portal/index';
import { contestGrounds } from '../src/modules/intercept/index';
import { collectionSources } from '../src/modules/finance/index';

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') flat.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) flat.set(k, v);
  }
  return flat;
}

const english = flatten(en);
const spanish = flatten(es);
/** Values that are the same word in both languages. */
const sameInBoth = new Set(['frame.menuLabel']);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const portalDir = path.join(import.meta.dirname, '../web/src/pages/portal');
/** Staff's page of parents' requests is in the staff app's language; every other portal page is translated. */
const staffPages = new Set(['ParentRequestsPage.tsx']);
const portalFiles = fs
  .readdirSync(portalDir)
  .filter((f) => f.endsWith('.tsx') && !staffPages.has(f))
  .map((f) => path.join(portalDir, f));
/** Props that reach the reader as words. */
const wordProps = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'hint', 'intro', 'submitLabel']);
const hasLetters = (text: string) => /\p{L}/u.test(text);

function untranslated(file: string): { problems: string[]; keys: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const keys: string[] = [];
  const where = (node: ts.Node) => `${path.basename(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) problems.push(`${where(node)} text "${node.text.trim()}"`);
    if (
      ts.isJsxAttribute(node) &&
      wordProps.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      hasLetters(node.initializer.text)
    )
      problems.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && hasLetters(node.expression.text))
      problems.push(`${where(node)} {"${node.expression.text}"}`);
    if (ts.isCallExpression(node) && node.expression.getText() === 't' && node.arguments[0] && ts.isStringLiteral(node.arguments[0]))
      keys.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { problems, keys };
}

describe("the parents' portal in English and Spanish", () => {
  it('has the same keys in both catalogs, none empty, none left in English, with the same placeholders', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      const translated = spanish.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(translated.trim(), key).not.toBe('');
      if (!sameInBoth.has(key)) expect(translated, `${key} is not translated`).not.toBe(text);
      expect(placeholders(translated), key).toEqual(placeholders(text));
    }
  });

  it('has words for every value of the API a parent reads: request kinds and statuses, payment sources', () => {
    for (const kind of requestKinds) expect(english.has(`kinds.${kind}`), kind).toBe(true);
    for (const status of requestStatuses) expect(english.has(`statuses.${status}`), status).toBe(true);
    for (const source of collectionSources) expect(english.has(`sources.${source}`), source).toBe(true);
    for (const ground of contestGrounds) expect(english.has(`contestGrounds.${ground}`), ground).toBe(true);
    for (const status of ['open', 'upheld_amended', 'upheld_released', 'denied']) expect(english.has(`contestStatuses.${status}`), status).toBe(true);
  });

  it('takes every word on its pages from the catalogs, and every key it uses exists', () => {
    expect(portalFiles.length).toBeGreaterThanOrEqual(5);
    const problems: string[] = [];
    const used: string[] = [];
    for (const file of portalFiles) {
      const found = untranslated(file);
      problems.push(...found.problems);
      used.push(...found.keys);
    }
    expect(problems).toEqual([]);
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((key) => !english.has(key))).toEqual([]);
  });

  it('finds text written into a page (the check itself works)', () => {
    const probe = path.join(portalDir, '..', '..', '..', '..', 'test', '.portal-probe.tsx');
    fs.writeFileSync(probe, 'export const P = () => <p aria-label="Hello">Owed to you {t("case.total")}</p>;\n');
    try {
      const found = untranslated(probe);
      expect(found.problems).toHaveLength(2);
      expect(found.keys).toEqual(['case.total']);
    } finally {
      fs.rmSync(probe);
    }
  });
});
