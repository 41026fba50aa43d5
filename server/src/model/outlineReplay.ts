import type { UnchangedSpans } from '../markdown/commonEnds';
import type { LineIndex } from '../markdown/lineIndex';
import { partitionPoint } from '../markdown/sortedSearch';
import { finishedNode } from './outlineNodes';
import { movedNode } from './outlineReuse';
import type { OutlineEvents, OutlineNode } from './planDocument';

/*
 * The previous outline played again over a new version, when the edit changed none of what the
 * outline is built from: no heading's text or level, no bold lead that starts a block, no `---`,
 * and none of them changed places with another. That is most keystrokes (typing in a paragraph,
 * a task, a table or a code block). Every node then reads as it did, with the same children: how
 * headings read, title and number matching, positional matching and bold blocks all depend on
 * nothing else. Only where nodes stand changes, so the nodes are the ones `OutlineReuse` gives a
 * fresh build: the previous node itself wholly before the edit, moved copies wholly after it, and
 * nodes made afresh (`finishedNode`) along the edit. Nodes wholly before the edit are not even
 * visited, which is what makes a keystroke in a heading-dense plan cheap.
 */

/** One heading, block lead or rule, in document order. */
interface Event {
	readonly start: number;
	/** The end of its heading line (a heading's end, a lead's line end); a rule's start. */
	readonly end: number;
	/** What must read the same in both versions: a heading's level and text, a lead's bold text and the rest of its line. */
	readonly key: string;
}

/**
 * The outline of the new version, or undefined when the edit changed what it is built from (or
 * anything is not as expected): then it is built afresh.
 */
export function replayOutline(
	previousOutline: readonly OutlineNode[],
	previousEvents: OutlineEvents,
	events: OutlineEvents,
	spans: UnchangedSpans,
	lines: LineIndex,
	rules: ReadonlySet<number>,
): OutlineNode[] | undefined {
	const { before, after, shift, lineShift } = spans;
	const length = lines.text.length;
	const oldLength = length - shift;
	const oldAfter = after - shift;
	if (
		oldAfter < before ||
		events.headings.length !== previousEvents.headings.length ||
		events.leads.length !== previousEvents.leads.length ||
		events.rules.length !== previousEvents.rules.length
	) {
		return undefined;
	}
	const oldWindow = eventsWithin(previousEvents, before, oldAfter);
	const newWindow = eventsWithin(events, before, after);
	if (oldWindow.length !== newWindow.length || oldWindow.some((event, index) => event.key !== newWindow[index].key)) {
		return undefined;
	}
	/** Where an offset of the previous version at which an event starts (or the text ends) now is. */
	const placeOf = (offset: number): { at: number; lineEnd: (old: number) => number } | undefined => {
		if (offset < before) {
			return { at: offset, lineEnd: old => old };
		}
		if (offset >= oldAfter) {
			return { at: offset + shift, lineEnd: old => old + shift };
		}
		const index = partitionPoint(oldWindow.length, at => oldWindow[at].start < offset);
		if (oldWindow[index]?.start === offset) {
			return { at: newWindow[index].start, lineEnd: () => newWindow[index].end };
		}
		return offset === oldLength ? { at: length, lineEnd: old => old + shift } : undefined;
	};
	const moved = (old: OutlineNode): OutlineNode =>
		shift === 0 && lineShift === 0 ? old : movedNode(old, old.children.map(moved), shift, lineShift);
	const replay = (old: OutlineNode): OutlineNode | undefined => {
		const start = placeOf(old.start);
		const extentEnd = placeOf(old.extentEnd)?.at;
		if (!start || extentEnd === undefined) {
			return undefined;
		}
		if (extentEnd <= before) {
			return extentEnd === old.extentEnd && start.at === old.start ? old : undefined;
		}
		if (start.at >= after) {
			return moved(old);
		}
		const children: OutlineNode[] = [];
		for (const child of old.children) {
			const replayed = replay(child);
			if (!replayed) {
				return undefined;
			}
			children.push(replayed);
		}
		// The node reads as it did (kind, name, number, template section and block); only where it stands is new.
		return finishedNode(
			{ ...old, start: start.at, headingEnd: start.lineEnd(old.headingEnd), end: extentEnd },
			children,
			lines,
			rules,
		);
	};
	const outline: OutlineNode[] = [];
	for (const root of previousOutline) {
		const replayed = replay(root);
		if (!replayed) {
			return undefined;
		}
		outline.push(replayed);
	}
	return outline;
}

/** The events starting in [from, to), in document order. */
function eventsWithin(events: OutlineEvents, from: number, to: number): Event[] {
	const within = <T>(list: readonly T[], startOf: (item: T) => number): readonly T[] =>
		list.slice(
			partitionPoint(list.length, at => startOf(list[at]) < from),
			partitionPoint(list.length, at => startOf(list[at]) < to),
		);
	return [
		...within(events.headings, heading => heading.start).map(heading => ({
			start: heading.start,
			end: heading.end,
			key: `#${heading.depth} ${heading.text}`,
		})),
		...within(events.leads, lead => lead.start).map(lead => ({
			start: lead.start,
			end: lead.lineEnd,
			key: `*${JSON.stringify([lead.boldText, lead.rest])}`,
		})),
		...within(events.rules, rule => rule).map(rule => ({ start: rule, end: rule, key: '-' })),
	].sort((a, b) => a.start - b.start);
}
