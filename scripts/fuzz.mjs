// Runs the property-based suites with far more cases than `npm test` does, each with a fresh
// random seed (printed in any failure; PLANMARK_FUZZ_SEED=<seed> reproduces it). Run after
// `node scripts/build.mjs --tests`. PLANMARK_FUZZ_RUNS=<n> gives every suite n cases instead of
// the defaults below: cases per property, edit sequences, or batches of protocol edits.
import { spawnSync } from 'node:child_process';

const suites = [
	{ file: 'out/test/unit/fuzz.test.js', runs: 25_000 },
	{ file: 'out/test/unit/plainMarkdown.test.js', runs: 200_000 },
	{ file: 'out/test/unit/incremental.test.js', runs: 300 },
	{ file: 'out/test/protocol/editSequences.test.js', runs: 300 },
];

let failed = false;
for (const { file, runs } of suites) {
	const env = { ...process.env, PLANMARK_FUZZ_RUNS: process.env.PLANMARK_FUZZ_RUNS ?? String(runs) };
	console.log(`\n${file}: ${env.PLANMARK_FUZZ_RUNS} runs`);
	const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', file], {
		stdio: 'inherit',
		env,
	});
	failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
