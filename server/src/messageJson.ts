/*
 * Messages as JSON, with the text of kept answers kept too. A long plan's outline is thousands of
 * symbols and a keystroke changes a few of them: the features hand out the same symbol and lens
 * objects for the parts that did not change (`features/keptAnswers.ts`), marked with `keep`, and
 * their text is not encoded again. Nobody writes to an answer once it is made, so a kept object's
 * text stays true for as long as it lives (both sets hold it weakly). A kept object none of whose
 * parts has a text yet (a new one, or every moved copy below an Enter) is encoded whole, and only its
 * own text is kept; one holding parts that have one is walked, so theirs are reused. Everything else
 * is encoded by `JSON.stringify`, and the result is the same text `JSON.stringify` gives for the
 * whole message.
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
	const pieces: string[] = [];
	return encode(value, pieces) ? pieces.join('') : 'null';
}

/**
 * Appends the value's JSON to `pieces`; false, appending nothing, where `JSON.stringify` leaves it
 * out (undefined, functions, symbols). The pieces are joined once, for the whole message: joining
 * at every level would copy a long plan's outline once per level of nesting.
 */
function encode(value: unknown, pieces: string[]): boolean {
	if (typeof value !== 'object' || value === null) {
		const text = JSON.stringify(value);
		if (text === undefined) {
			return false;
		}
		pieces.push(text);
		return true;
	}
	const known = texts.get(value);
	if (known !== undefined) {
		pieces.push(known);
		return true;
	}
	if (!holdsKept(value)) {
		pieces.push(JSON.stringify(value));
		return true;
	}
	const isKept = kept.has(value);
	// A kept object none of whose parts was sent before (a new one, or a moved copy after an Enter)
	// is encoded whole, its text kept for the next message: walking it would cost several times more.
	if (isKept && !reusesText(value)) {
		const text = flattened(JSON.stringify(value));
		texts.set(value, text);
		pieces.push(text);
		return true;
	}
	// A kept object's own text is joined once, when it is first sent, and reused after.
	const into = isKept ? [] : pieces;
	if (Array.isArray(value)) {
		into.push('[');
		for (let index = 0; index < value.length; index++) {
			if (index > 0) {
				into.push(',');
			}
			if (!encode(value[index], into)) {
				into.push('null');
			}
		}
		into.push(']');
	} else {
		into.push('{');
		let first = true;
		for (const key of Object.keys(value)) {
			const mark = into.length;
			into.push(first ? '' : ',', JSON.stringify(key), ':');
			if (encode((value as Record<string, unknown>)[key], into)) {
				first = false;
			} else {
				into.length = mark;
			}
		}
		into.push('}');
	}
	if (into !== pieces) {
		const text = into.join('');
		texts.set(value, text);
		pieces.push(text);
	}
	return true;
}

/**
 * Whether the value is worth walking: a kept object, or an array or plain object whose first items
 * or properties hold one (answers are uniform, so the first few tell), at most four levels down: a
 * symbol answer holds its kept symbols there (the message, its result, the title's symbol, its
 * children). Anything else, and anything with `toJSON`, goes to `JSON.stringify` whole.
 */
function holdsKept(value: object, depth = 0): boolean {
	if (!isPlain(value)) {
		return false;
	}
	if (kept.has(value)) {
		return true;
	}
	if (depth >= 4) {
		return false;
	}
	const items = Array.isArray(value) ? value.slice(0, 2) : Object.values(value);
	return items.some(item => typeof item === 'object' && item !== null && holdsKept(item, depth + 1));
}

/**
 * The same text, made flat once. V8's JSON.stringify may return a long text as a rope of pieces,
 * and a kept text is copied into every later message: copying a rope is slower each time (a
 * keystroke's symbol and lens JSON in a heading-dense 20,000-line plan took 2.4 ms instead of
 * 1.8 ms). Reading it as a number flattens it in place, as the `flatstr` package does.
 */
function flattened(text: string): string {
	Number(text);
	return text;
}

/** Whether a part of the value, or an item of an array in it (a symbol's children), has its text from an earlier message. */
function reusesText(value: object): boolean {
	for (const part of Array.isArray(value) ? value : Object.values(value)) {
		if (typeof part === 'object' && part !== null) {
			if (texts.has(part) || (Array.isArray(part) && part.some(item => typeof item === 'object' && texts.has(item)))) {
				return true;
			}
		}
	}
	return false;
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
