// Writes package.json's `planmark.diagnostics.*` settings and the README's table of diagnostic codes
// from server/src/diagnosticCodes.ts: run `npm run manifest` after adding or changing a code.
import { readFileSync, writeFileSync } from 'node:fs';
import { withDiagnosticSettings, withDiagnosticTable } from './manifest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes.configuration.properties = withDiagnosticSettings(manifest.contributes.configuration.properties);
writeFileSync('package.json', `${JSON.stringify(manifest, null, '\t')}\n`);
writeFileSync('README.md', withDiagnosticTable(readFileSync('README.md', 'utf8')));
process.stdout.write('wrote package.json (planmark.diagnostics.*) and README.md (diagnostic codes)\n');
