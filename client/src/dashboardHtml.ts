import {
	formatProgress,
	percent,
	workflowOf,
	type FeatureDocument,
	type FeatureStatus,
	countOf,
} from '../../server/src/protocol';

/*
 * The feature dashboard's page, as text: one row per feature with its phase as steps spec → plan →
 * tasks → done, a progress bar, open clarifications, problems, checklist status and its documents.
 * Pure (no vscode), so the same markup is checked by unit tests and shown in the editor. Every value
 * is escaped; the page loads nothing: its style and script are inline and carry the nonce the
 * content security policy allows, colours are the editor theme's variables.
 */

/** A message the page sends when a document is chosen (a click, or Enter or Space on its button). */
export interface OpenMessage {
	readonly command: 'open';
	readonly uri: string;
	readonly line?: number;
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}

/** The button that opens a document, at a line when given. */
function openButton(label: string, uri: string, description: string, line?: number, className = 'link'): string {
	const lineAttribute = line === undefined ? '' : ` data-line="${line}"`;
	return `<button type="button" class="${className}" data-uri="${escapeHtml(uri)}"${lineAttribute} title="${escapeHtml(description)}">${escapeHtml(label)}</button>`;
}

function steps(feature: FeatureStatus): string {
	const items = workflowOf(feature).map(({ step, state }) => {
		const current = state === 'current' ? ' aria-current="step"' : '';
		const label = { passed: 'done', skipped: 'skipped', current: 'current step', ahead: 'not yet' }[state];
		return `<li class="step ${state}"${current}><span class="visually-hidden">${label}: </span>${step}</li>`;
	});
	return `<ol class="steps" aria-label="Workflow: ${escapeHtml(feature.phase)}">${items.join('')}</ol>`;
}

function progressBar(feature: FeatureStatus): string {
	if (feature.tasks.total === 0) {
		return '<span class="muted">no tasks</span>';
	}
	const value = percent(feature.tasks);
	const text = formatProgress(feature.tasks, 'compact');
	// A native progress element: no style attribute, which the content security policy would block.
	return `<progress max="100" value="${value}" aria-label="Tasks ${escapeHtml(text)}"></progress><span class="count">${escapeHtml(text)}</span>`;
}

function documentButtons(feature: FeatureStatus): string {
	const { spec, plan, tasks, checklists } = feature.documents;
	// A checklist by its file name ("☑ requirements.md"): the column stays narrow, the title gives the path.
	const label = (document: FeatureDocument) => {
		const parts = document.path.split('/');
		return `${parts.at(-2) === 'checklists' ? '☑ ' : ''}${parts.at(-1) ?? document.path}`;
	};
	return [spec, plan, tasks, ...checklists]
		.filter((document): document is FeatureDocument => document !== undefined)
		.map(document => openButton(label(document), document.uri, `Open ${document.path}`))
		.join(' ');
}

/** The document a feature opens on: where its work is now (tasks, else plan, else spec). */
export function mainDocumentOf(feature: FeatureStatus): FeatureDocument | undefined {
	return feature.documents.tasks ?? feature.documents.plan ?? feature.documents.spec ?? feature.documents.checklists[0];
}

function row(feature: FeatureStatus): string {
	const main = mainDocumentOf(feature);
	const name = feature.number ? `${feature.number} ${feature.name}` : feature.name;
	const title = main ? openButton(name, main.uri, `Open ${main.path}`, undefined, 'link feature') : escapeHtml(name);
	const checklists =
		feature.checklistItems.total === 0
			? '<span class="muted">—</span>'
			: `${feature.checklistItems.done}/${feature.checklistItems.total} items`;
	const clarifications =
		feature.clarifications > 0 ? `<span class="attention">${countOf(feature.clarifications, 'question')}</span>` : '0';
	const problems =
		feature.problems > 0 ? `<span class="attention">${countOf(feature.problems, 'problem')}</span>` : '0';
	const stories = feature.stories
		.map(
			story =>
				`<li>${openButton(`${story.id}${story.name === story.id ? '' : ` ${story.name}`}`, feature.documents.tasks?.uri ?? '', `Open ${story.id} in tasks.md`, story.line)} <span class="count">${escapeHtml(story.total === 0 ? 'no tasks' : formatProgress(story, 'compact'))}</span></li>`,
		)
		.join('');
	return [
		`<tr data-folder="${escapeHtml(feature.folder)}" data-phase="${feature.phase}">`,
		`<th scope="row">${title}<div class="folder muted">${escapeHtml(feature.folder)}</div></th>`,
		`<td>${steps(feature)}<div class="phase">${escapeHtml(feature.phase)}</div></td>`,
		`<td class="progress">${progressBar(feature)}${stories && feature.documents.tasks ? `<ul class="stories">${stories}</ul>` : ''}</td>`,
		`<td>${clarifications}</td>`,
		`<td>${problems}</td>`,
		`<td>${checklists}</td>`,
		`<td class="documents">${documentButtons(feature)}</td>`,
		'</tr>',
	].join('');
}

/** The rows, or what to do when there are none: what the page shows, and what a refresh replaces. */
export function dashboardBody(features: readonly FeatureStatus[]): string {
	if (features.length === 0) {
		return '<p class="muted">No features yet. spec-kit keeps each feature in <code>specs/NNN-name/</code>, with its spec.md, plan.md, tasks.md and checklists.</p>';
	}
	return [
		'<table>',
		'<caption class="visually-hidden">Features, their workflow step, progress, open questions, problems, checklists and documents</caption>',
		'<thead><tr><th scope="col">Feature</th><th scope="col">Phase</th><th scope="col">Tasks</th><th scope="col">Clarifications</th><th scope="col">Problems</th><th scope="col">Checklists</th><th scope="col">Documents</th></tr></thead>',
		`<tbody>${features.map(row).join('')}</tbody>`,
		'</table>',
	].join('');
}

/** The whole page. `cspSource` is the webview's own source, the only one styles could come from. */
export function dashboardHtml(features: readonly FeatureStatus[], nonce: string, cspSource: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Features</title>
<style nonce="${nonce}">${styles}</style>
</head>
<body>
<h1>Features</h1>
<main id="features" aria-live="polite">${dashboardBody(features)}</main>
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}

const styles = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; }
h1 { font-size: 1.4em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); white-space: nowrap; }
td.documents button { display: block; }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; }
tbody th { font-weight: normal; }
.muted, .folder { color: var(--vscode-descriptionForeground); }
.folder { font-size: 0.9em; margin-top: 2px; }
.attention { color: var(--vscode-editorWarning-foreground); }
button.link { background: none; border: none; padding: 0; margin: 0 6px 2px 0; color: var(--vscode-textLink-foreground); font: inherit; cursor: pointer; text-align: left; }
button.link:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
button.link:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button.feature { font-weight: 600; }
.steps { display: flex; flex-wrap: nowrap; list-style: none; margin: 0 0 4px; padding: 0; gap: 2px; }
.step { padding: 1px 8px; border-radius: 10px; font-size: 0.85em; border: 1px solid var(--vscode-widget-border, var(--vscode-descriptionForeground)); color: var(--vscode-descriptionForeground); }
.step.passed { color: var(--vscode-foreground); border-color: var(--vscode-charts-green, var(--vscode-foreground)); }
.step.passed::before { content: "✓ "; }
.step.skipped { border-style: dashed; }
.step.current { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border-color: var(--vscode-badge-background); font-weight: 600; }
.phase { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
progress { appearance: none; width: 120px; height: 8px; vertical-align: middle; border: 1px solid var(--vscode-widget-border, transparent); border-radius: 4px; background: var(--vscode-input-background, var(--vscode-editorWidget-background)); }
progress::-webkit-progress-bar { background: var(--vscode-input-background, var(--vscode-editorWidget-background)); border-radius: 4px; }
progress::-webkit-progress-value { background: var(--vscode-progressBar-background); border-radius: 4px; }
.count { margin-left: 8px; font-variant-numeric: tabular-nums; }
.stories { list-style: none; margin: 6px 0 0; padding: 0; font-size: 0.9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** Buttons post what they open; a refresh replaces the rows and keeps the focus on the same button. */
const script = `
const vscode = acquireVsCodeApi();
const main = document.getElementById('features');
main.addEventListener('click', event => {
	const button = event.target.closest('button[data-uri]');
	if (button && button.dataset.uri) {
		vscode.postMessage({ command: 'open', uri: button.dataset.uri, line: button.dataset.line === undefined ? undefined : Number(button.dataset.line) });
	}
});
window.addEventListener('message', event => {
	if (event.data && event.data.command === 'update') {
		const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('button[data-uri]');
		const key = focused ? focused.dataset.uri + '#' + (focused.dataset.line || '') + '#' + focused.textContent : undefined;
		main.innerHTML = event.data.body;
		if (key) {
			for (const button of main.querySelectorAll('button[data-uri]')) {
				if (button.dataset.uri + '#' + (button.dataset.line || '') + '#' + button.textContent === key) {
					button.focus();
					break;
				}
			}
		}
	}
});
`;
