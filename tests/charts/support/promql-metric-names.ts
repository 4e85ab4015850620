/**
 * The metric names a PromQL expression reads, without a PromQL parser: strings, label matchers,
 * ranges, grouping clauses and Grafana variables (and label_values' label) are blanked out, then every identifier that is
 * not a function call or a keyword is a metric name.
 */

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** The metric names in `expression` (a PromQL query, possibly with Grafana variables). */
export function metricNames(expression: string): string[] {
  const blanked = expression
    // Grafana's label_values(metric, label): the second argument names a label.
    .replace(/label_values\(([^,)]*),\s*\w+\s*\)/g, 'label_values($1)')
    .replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, ' ')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of blanked.matchAll(/(?<![\w:.])[A-Za-z_:][\w:]*/g)) {
    const name = match[0];
    const after = blanked.slice(match.index + name.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** `metric{…job="x"…}` selectors of `expression`: which job each metric is asked of. */
export function jobSelectors(expression: string): { metric: string; job: string }[] {
  return [...expression.matchAll(/([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g)].flatMap((match) => {
    const job = /(?:^|[\s,])job\s*=\s*"([^"]+)"/.exec(match[2] ?? '')?.[1];
    return job === undefined || match[1] === undefined ? [] : [{ metric: match[1], job }];
  });
}

/** The family a series name belongs to: histogram and summary series carry a suffix. */
export function familyCandidates(name: string): string[] {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return base === name ? [name] : [name, base];
}
