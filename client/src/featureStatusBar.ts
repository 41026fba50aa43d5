import * as vscode from 'vscode';
import type { FeatureStore } from './featureStore';
import { featureDescription, phaseIcons } from './featuresView';

/**
 * "$(tools) 002-shared-links: implement" for the active document's feature, with its progress in
 * the tooltip; clicking it opens the feature dashboard.
 */
export function createFeatureStatusBar(store: FeatureStore): {
	text: () => string | undefined;
	disposables: vscode.Disposable[];
} {
	let shown: string | undefined;
	const item = vscode.window.createStatusBarItem('planmark.feature', vscode.StatusBarAlignment.Left, 49);
	item.name = 'planmark: feature phase';
	item.command = 'planmark.showFeatureDashboard';
	const update = () => {
		const uri = vscode.window.activeTextEditor?.document.uri;
		const feature = uri && store.featureOf(uri);
		if (!feature) {
			shown = undefined;
			item.hide();
			return;
		}
		const name = feature.number ? `${feature.number}-${feature.name}` : feature.name;
		item.text = `$(${phaseIcons[feature.phase]}) ${name}: ${feature.phase}`;
		item.tooltip = `${feature.folder}\n${featureDescription(feature)}\n\nClick to show the feature dashboard.`;
		item.show();
		shown = item.text;
	};
	return {
		text: () => shown,
		disposables: [
			item,
			store.onDidChange(update),
			vscode.window.onDidChangeActiveTextEditor(() => {
				update();
				if (!store.loaded) {
					void store.load();
				}
			}),
		],
	};
}
