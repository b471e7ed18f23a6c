/** Someone who acts on a request, identified by their Entra object id. */
export interface Person {
  /** Entra object id (`from.aadObjectId`); the only thing identity checks compare. */
  id: string;
  /** Display name, for messages and cards only. */
  name: string;
}

/** Whether two people are the same Entra principal (object ids are GUIDs, any case). */
export function samePerson(a: Person, b: Person): boolean {
  return a.id.toLowerCase() === b.id.toLowerCase();
}
