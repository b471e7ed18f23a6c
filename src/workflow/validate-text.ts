import { refuse, type Refusal } from './refusal';

/** The longest reason or comment accepted, in characters (the cards' limit). */
const MAX_TEXT_LENGTH = 500;

/**
 * Characters that show nothing: format characters (zero-width space and joiners, word joiner,
 * byte order mark, soft hyphen, bidi marks, embeddings, overrides and isolates) and the blank
 * "filler" letters. A text made only of these and white space is empty.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether the text shows nothing once invisible characters and white space are removed. */
function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '').trim().length === 0;
}

/** Counts characters as people do (code points), so an emoji is one, not two. */
function characterCount(text: string): number {
  return [...text].length;
}

/** A disconnect reason, trimmed, 1–500 characters; otherwise `invalid_reason`. */
export function validateReason(reason: string): { ok: true; value: string } | { ok: false; refusal: Refusal } {
  const value = reason.trim();
  if (isBlank(value)) {
    return {
      ok: false,
      refusal: refuse('invalid_reason', 'Give a reason for the disconnect: it is shown to the approver and the SOC channel.'),
    };
  }
  const count = characterCount(value);
  if (count > MAX_TEXT_LENGTH) {
    return {
      ok: false,
      refusal: refuse('invalid_reason', `The reason is ${count} characters long; shorten it to ${MAX_TEXT_LENGTH} characters or fewer.`),
    };
  }
  return { ok: true, value };
}

/** An optional comment, trimmed (empty means none), ≤ 500 characters; otherwise `invalid_comment`. */
export function validateComment(comment: string | undefined): { ok: true; value: string | undefined } | { ok: false; refusal: Refusal } {
  const value = comment?.trim() ?? '';
  if (isBlank(value)) return { ok: true, value: undefined };
  const count = characterCount(value);
  if (count > MAX_TEXT_LENGTH) {
    return {
      ok: false,
      refusal: refuse('invalid_comment', `The comment is ${count} characters long; shorten it to ${MAX_TEXT_LENGTH} characters or fewer.`),
    };
  }
  return { ok: true, value };
}
