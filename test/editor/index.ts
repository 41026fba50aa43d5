// The entry the editor loads as extensionTestsPath: it runs every suite in suite/ with mocha inside the
// extension host. The same file serves scripts/editorTests.mjs (code-server) and @vscode/test-electron.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
	// Failures then point at test/editor/*.ts lines rather than the bundle's.
	process.setSourceMapsEnabled(true);
	const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
	// code-server's extension host has no terminal: the runner names a file to copy the report to.
	const reportFile = process.env.PLANMARK_EDITOR_TEST_REPORT;
	const print = Mocha.reporters.Base.consoleLog;
	if (reportFile) {
		Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
			appendFileSync(reportFile, `${format(...data)}\n`);
			print(...data);
		};
	}
	const folder = join(__dirname, 'suite');
	const suites = readdirSync(folder)
		.filter(name => name.endsWith('.js'))
		.sort();
	if (suites.length === 0) {
		return Promise.reject(new Error(`no editor test suites in ${folder}: was test/editor bundled?`));
	}
	for (const suite of suites) {
		mocha.addFile(join(folder, suite));
	}
	return new Promise((resolve, reject) => {
		const runner = mocha.run(failures => {
			// A plain closing line that CI logs recognise whatever runner printed above it.
			Mocha.reporters.Base.consoleLog(`editor: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
			if (failures > 0) {
				reject(new Error(`${failures} editor test${failures === 1 ? '' : 's'} failed`));
			} else if ((runner.stats?.passes ?? 0) === 0) {
				reject(new Error('the editor suites ran no test'));
			} else {
				resolve();
			}
		});
	});
}
