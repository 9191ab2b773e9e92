/**
 * Does the visitor ask for a human in plain words? Deliberately narrow (English phrases naming a
 * person or a human agent): a false positive costs an offer the visitor can ignore, a false
 * negative leaves the "Talk to a person" action in the header.
 */
const ASKS_FOR_PERSON = [
  /\b(talk|speak|chat|connect me|put me through)\b.{0,30}\b(human|person|someone|somebody|agent|representative|rep|operator|staff|support team|real (one|people))\b/i,
  /\b(human|real person|live agent|live person|customer (service|support) (agent|rep|representative))\b.{0,20}\b(please|pls)?\s*[?!.]*$/i,
  /^\s*(agent|human|operator|representative)\s*[?!.]*\s*$/i,
];

export function asksForPerson(content: string): boolean {
  return ASKS_FOR_PERSON.some((pattern) => pattern.test(content));
}
