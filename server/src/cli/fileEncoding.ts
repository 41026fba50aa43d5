/**
 * The encodings `planmark check --fix` can rewrite without changing a byte it does not target:
 * UTF-8, UTF-8 with a byte-order mark, and UTF-16 (little or big endian) with one. Anything else
 * (Latin-1, invalid UTF-8, UTF-16 without a mark) is read for checking but never rewritten.
 */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type Decoded =
	| { readonly text: string; readonly encoding: FileEncoding }
	| { readonly text: string; readonly error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text of a file's bytes and the encoding to write it back in, or, for bytes that do not decode
 * exactly, a best-effort text for checking and the reason it cannot be fixed.
 */
export function decodeFile(bytes: Uint8Array): Decoded {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return decodeUtf8(bytes.subarray(3), 'utf-8-bom');
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return decodeUtf16(bytes.subarray(2), 'utf-16le');
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return decodeUtf16(bytes.subarray(2), 'utf-16be');
	}
	return decodeUtf8(bytes, 'utf-8');
}

/** The bytes of a text in an encoding, byte-order mark included. */
export function encodeFile(text: string, encoding: FileEncoding): Buffer {
	switch (encoding) {
		case 'utf-8':
			return Buffer.from(text, 'utf8');
		case 'utf-8-bom':
			return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
		case 'utf-16le':
			return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		case 'utf-16be':
			return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
	}
}

function decodeUtf8(bytes: Uint8Array, encoding: FileEncoding): Decoded {
	try {
		return { text: strictUtf8.decode(bytes), encoding };
	} catch {
		return { text: lenientUtf8.decode(bytes), error: 'is not valid UTF-8 (Latin-1 or another legacy encoding?)' };
	}
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
	const copy = Buffer.from(bytes);
	if (copy.length % 2 !== 0) {
		return { text: copy.toString('utf16le'), error: `is not valid ${encoding.toUpperCase()}: an odd number of bytes` };
	}
	const text = (encoding === 'utf-16be' ? copy.swap16() : copy).toString('utf16le');
	return { text, encoding };
}
