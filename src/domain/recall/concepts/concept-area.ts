/**
 * One area of the concept table (README "Recall: the concept table"). Three kinds of line:
 *
 * - `synonyms`: words a data engineer uses for one concept ("bill", "spend", "cost", "credits").
 *   A query naming one also searches the others, and query words of one line count as one matched
 *   word: "spend" and "budget" in a query are one idea, not two.
 * - `related`: a subject first, then words that go with it without meaning the same ("oom",
 *   "memoryoverhead", "executor memory"). A query naming the subject (or a synonym of it) also
 *   searches the others, for less; one naming only a word that goes with it brings in nothing
 *   ("partitions" is said of far more than OOM). Query words of one related line stay two matched
 *   words: a memory holding "retry" and "backoff" matched two things the user asked for.
 * - `kinds`: a kind of thing first, then things of that kind ("crm", "salesforce", "hubspot"). A
 *   query naming the kind (or a synonym of it) searches every one of them, as a related line; one
 *   naming a thing brings in neither its siblings ("Salesforce" must not bring in HubSpot's
 *   memories) nor its kind ("kafka" searched "message queue", which matched any memory holding
 *   "messages" and "queue").
 *
 * Phrases are lower-case; a phrase of several words matches a memory holding all its content
 * words (synonyms.ts). Keep a line to one meaning: a word of two meanings goes on two lines.
 */
export interface ConceptArea {
  readonly area: string;
  readonly synonyms: readonly (readonly string[])[];
  readonly related: readonly (readonly string[])[];
  readonly kinds?: readonly (readonly string[])[];
}
