// Writes snippets/plan.code-snippets from the bundled template: run `npm run snippets`.
import { writeFileSync } from 'node:fs';
import { staticSnippets } from '../server/src/features/staticSnippets';
import { bundledTemplate } from '../server/src/template/bundledTemplate';

const target = process.argv[2] ?? 'snippets/plan.code-snippets';
writeFileSync(target, `${JSON.stringify(staticSnippets(bundledTemplate()), null, '\t')}\n`);
process.stdout.write(`wrote ${target}\n`);
