/** Time a card action (invoke) may spend before answering; Teams gives 5 s. */
export const INVOKE_BUDGET_MS = 3_500;

/** How long the checks may take inside a message turn (Teams allows about 15 s). */
export const CHECK_DEADLINE_MS = 8_000;
