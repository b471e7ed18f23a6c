/** Escapes markdown so user-typed text (names, echoed commands) shows verbatim in a text message. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}
