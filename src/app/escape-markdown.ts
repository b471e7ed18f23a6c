import { withoutBidiControls } from '../cards';

/** Escapes markdown so user-typed text (names, echoed commands) shows verbatim in a text message; bidi controls are dropped. */
export function escapeMarkdown(text: string): string {
  return withoutBidiControls(text).replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}
