/*
 * Messages as JSON, with the text of kept answers kept too. A long plan's outline is thousands of
 * symbols and a keystroke changes a few of them: the features hand out the same symbol and lens
 * objects for the parts that did not change (`features/keptAnswers.ts`), marked with `keep`, and
 * their text is not encoded again. Nobody writes to an answer once it is made, so a kept object's
 * text stays true for as long as it lives (both sets hold it weakly). Everything else is encoded by
 * `JSON.stringify`, and the result is the same text `JSON.stringify` gives for the whole message.
 * A leaf, so the features can mark what they keep; only the stdio writer encodes with it.
 */

const kept = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Marks an answer object that is handed out unchanged from one version to the next; it is never written to again. */
export function keep<T extends object>(value: T): T {
	kept.add(value);
	return value;
}

/** `JSON.stringify(value)`, taking the text of kept objects from earlier messages. */
export function messageJson(value: unknown): string {
	return encode(value) ?? 'null';
}

/** The value's JSON, or undefined where `JSON.stringify` leaves it out (undefined, functions, symbols). */
function encode(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) {
		return JSON.stringify(value);
	}
	const known = texts.get(value);
	if (known !== undefined) {
		return known;
	}
	if (!holdsKept(value)) {
		return JSON.stringify(value);
	}
	// Joined rather than added up: a string built with `+` is a tree that every later copy walks.
	let text: string;
	if (Array.isArray(value)) {
		const items: string[] = [];
		for (let index = 0; index < value.length; index++) {
			items.push(encode(value[index]) ?? 'null');
		}
		text = `[${items.join(',')}]`;
	} else {
		const parts: string[] = [];
		for (const key of Object.keys(value)) {
			const property = encode((value as Record<string, unknown>)[key]);
			if (property !== undefined) {
				parts.push(`${JSON.stringify(key)}:${property}`);
			}
		}
		text = `{${parts.join(',')}}`;
	}
	if (kept.has(value)) {
		texts.set(value, text);
	}
	return text;
}

/**
 * Whether the value is worth walking: a kept object, or an array or plain object whose first items
 * or properties hold one (answers are uniform, so the first few tell). Anything else, and anything
 * with `toJSON`, goes to `JSON.stringify` whole.
 */
function holdsKept(value: object, depth = 0): boolean {
	if (!isPlain(value)) {
		return false;
	}
	if (kept.has(value)) {
		return true;
	}
	if (depth >= 3) {
		return false;
	}
	const items = Array.isArray(value) ? value.slice(0, 2) : Object.values(value);
	return items.some(item => typeof item === 'object' && item !== null && holdsKept(item, depth + 1));
}

function isPlain(value: object): boolean {
	if (Array.isArray(value)) {
		return true;
	}
	const prototype = Object.getPrototypeOf(value);
	return (
		(prototype === Object.prototype || prototype === null) &&
		typeof (value as { toJSON?: unknown }).toJSON !== 'function'
	);
}
