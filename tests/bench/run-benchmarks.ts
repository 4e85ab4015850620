/**
 * `npm run bench`: measures every component side by side in one run and writes
 * docs/benchmarks.md with the machine's details; each section says how its numbers were made.
 */
import path from 'node:path';
import { airtableAccessBenchmarks } from './airtable-access.bench.ts';
import { writeBenchReport } from './bench-report.ts';
import { chatBenchmarks } from './chat.bench.ts';
import { machineDetails } from './machine-details.ts';
import { operatorBenchmarks } from './operator.bench.ts';
import { platformHttpBenchmarks } from './platform-http.bench.ts';

const root = path.resolve(import.meta.dirname, '../..');
const output = path.join(root, 'docs', 'benchmarks.md');

const suites = [
  airtableAccessBenchmarks,
  chatBenchmarks,
  platformHttpBenchmarks,
  operatorBenchmarks,
];
const sections = [];
for (const suite of suites) {
  console.log(`bench: ${suite.name}…`);
  const section = await suite();
  for (const row of section.rows) {
    console.log(`  ${row.metric}: ${row.value}${row.met === false ? '  (target missed)' : ''}`);
  }
  sections.push(section);
}
writeBenchReport(output, machineDetails(), sections);
console.log(`bench: wrote ${path.relative(root, output)}`);
