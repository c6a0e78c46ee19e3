// Concord's import boundaries (ARCHITECTURE.md, "Where code goes"), checked on the resolved path of
// every relative import, so that `../registry/store` from a sibling and `../../src/modules/x/y` from a
// test fail alike:
// - a file outside module X imports X only through src/modules/X/index.ts;
// - src/platform imports no module;
// - src/modules/X/domain (tests aside) is pure: its own domain files and the pure platform helpers
//   only; no contract, store, service, platform I/O, other module or I/O package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const purePlatform = /^src\/platform\/(dates|money|versioned|errors|canonical-json|pii\/ssn-rules)(\.ts)?$/;
const ioPackages =
  /^(node:)?(fs|net|http|https|child_process|worker_threads|cluster|dgram|dns)(\/|$)|^(drizzle-orm|pg|@electric-sql\/pglite|fastify|@fastify\/.*|typebox|exceljs|pdf-lib|csv-parse|csv-stringify|papaparse)(\/|$)/;

const posix = (p) => p.split(path.sep).join('/');
const moduleOf = (rel) => /^src\/modules\/([^/]+)\/(.+)$/.exec(rel);

function check(context, node, source) {
  if (typeof source !== 'string') return;
  const from = posix(path.relative(root, context.filename));
  const fromModule = moduleOf(from);
  const inDomain = fromModule !== null && /^domain\//.test(fromModule[2]) && !/\.test\.ts$/.test(from);
  if (!source.startsWith('.')) {
    if (inDomain && ioPackages.test(source))
      context.report({
        node,
        message: `domain/ is pure: it may not import ${source} (I/O, database, HTTP or file formats belong in the module's services and stores).`,
      });
    return;
  }
  const target = posix(path.relative(root, path.resolve(path.dirname(context.filename), source))).replace(/\.(ts|js)$/, '');
  const toModule = moduleOf(target);
  if (toModule && (!fromModule || fromModule[1] !== toModule[1]) && toModule[2] !== 'index')
    context.report({ node, message: `Import the ${toModule[1]} module only through src/modules/${toModule[1]}/index.ts (not ${toModule[2]}).` });
  if (/^src\/platform\//.test(from) && /^src\/modules(\/|$)/.test(target)) context.report({ node, message: 'src/platform never imports a module.' });
  if (inDomain) {
    const ownDomain = toModule && toModule[1] === fromModule[1] && /^domain\//.test(toModule[2]);
    if (!ownDomain && !purePlatform.test(target))
      context.report({
        node,
        message: `domain/ is pure: it imports only its own domain files and src/platform's pure helpers (dates, money, versioned, errors, canonical-json), not ${target}.`,
      });
  }
}

const boundaries = {
  meta: { type: 'problem', schema: [], docs: { description: "Concord's module and domain import boundaries" } },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(context, node, node.source.value),
      ExportAllDeclaration: (node) => check(context, node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(context, node, node.source.value),
    };
  },
};

export default { rules: { boundaries } };
