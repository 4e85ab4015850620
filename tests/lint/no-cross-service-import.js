// ESLint rule: a service never imports another service. Shared code lives in services/kit.
// Written by hand because no maintained rule knows this repository's service boundaries:
// it checks both package specifiers (@pyairtable/<service>) and relative paths that climb
// out of one services/<name> folder into another.
import path from 'node:path';

// Libraries beside the kit that services share: not services, so importing them is allowed.
const SHARED_PACKAGES = new Set(['kit', 'airtable-access', 'registry']);

/**
 * The service a file's code belongs to, when it is production code. A service's tests may
 * start another service as a test double (the Airtable emulator, say): that couples no
 * running code, so test folders are not checked.
 * @param {string} filename
 */
function productionServiceOf(filename) {
  const parts = path.resolve(filename).split(path.sep);
  return parts.includes('test') ? undefined : serviceOf(filename);
}

/**
 * The component a file belongs to: `services/<name>/…`, or the operator (`operator/src/…`),
 * which is deployed on its own and so may share only what services share.
 * @param {string} filename
 */
function serviceOf(filename) {
  const parts = path.resolve(filename).split(path.sep);
  const index = parts.lastIndexOf('services');
  if (index >= 0 && index + 1 < parts.length - 1) return parts[index + 1];
  const operator = parts.lastIndexOf('operator');
  return operator >= 0 && parts[operator + 1] === 'src' ? 'operator' : undefined;
}

/** @param {string} specifier @param {string} filename */
function importedService(specifier, filename) {
  const scoped = /^@pyairtable\/([^/]+)/.exec(specifier);
  if (scoped?.[1] !== undefined) return scoped[1];
  if (!specifier.startsWith('.')) return undefined;
  return serviceOf(path.resolve(path.dirname(filename), specifier));
}

/** @type {import('eslint').Rule.RuleModule} */
export const noCrossServiceImport = {
  meta: {
    type: 'problem',
    docs: { description: 'A service never imports another service; share code through the kit.' },
    schema: [],
    messages: {
      crossService:
        "services/{{from}} imports services/{{to}} ('{{specifier}}'). A service never imports another service: move shared code into @pyairtable/kit.",
    },
  },
  create(context) {
    const from = productionServiceOf(context.filename);
    if (from === undefined) return {};
    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const to = importedService(source, context.filename);
      if (to === undefined || to === from || SHARED_PACKAGES.has(to)) return;
      context.report({ node, messageId: 'crossService', data: { from, to, specifier: source } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) =>
        check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
