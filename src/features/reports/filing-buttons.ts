/**
 * The filing's buttons as typed values, and their callback data: "report:<action>[@<submission>]:<args>".
 * The mark names the report a button acts on, so a button left on a screen of another report (a person filing
 * for two agencies) is never taken for the one open now; unmarked data (from before buttons were marked) acts
 * on the report open now. Question buttons carry the question's index in the template version.
 */
export type FilingButton =
  | { action: "choice"; question: number; value: string }
  | { action: "skip"; question: number }
  | { action: "toggle"; question: number; value: string }
  | { action: "done"; question: number }
  | { action: "keep"; question: number }
  | { action: "previous"; question: number }
  | { action: "confirm"; question: number }
  | { action: "retry"; question: number }
  | { action: "edit"; question: number }
  | { action: "edit-list"; page: number }
  | { action: "review" }
  | { action: "submit" }
  | { action: "later" };

/** A button with the report it was shown for, when marked. */
export interface MarkedButton {
  button: FilingButton;
  submissionId?: number;
}

const CODES = {
  choice: "c",
  skip: "s",
  toggle: "t",
  done: "d",
  keep: "k",
  previous: "pv",
  confirm: "y",
  retry: "n",
  edit: "e",
  "edit-list": "el",
  review: "rv",
  submit: "sub",
  later: "later",
} as const satisfies Record<FilingButton["action"], string>;

const ACTIONS = new Map<string, FilingButton["action"]>(Object.entries(CODES).map(([a, c]) => [c, a as FilingButton["action"]]));

export function encodeButton(button: FilingButton, submissionId?: number): string {
  const head = `report:${CODES[button.action]}${submissionId === undefined ? "" : `@${submissionId}`}`;
  switch (button.action) {
    case "choice":
    case "toggle":
      return `${head}:${button.question}:${button.value}`;
    case "edit-list":
      return `${head}:${button.page}`;
    case "review":
    case "submit":
    case "later":
      return head;
    default:
      return `${head}:${button.question}`;
  }
}

const INDEX = /^\d{1,3}$/;

/** The filing button in callback data, or undefined when it is none (another feature's, or malformed). */
export function decodeButton(data: string): MarkedButton | undefined {
  const [feature, marked, ...args] = data.split(":");
  if (feature !== "report" || !marked) return undefined;
  const [code, mark, ...extra] = marked.split("@");
  const action = ACTIONS.get(code ?? "");
  if (!action || extra.length > 0 || (mark !== undefined && !/^\d{1,9}$/.test(mark))) return undefined;
  const submissionId = mark === undefined ? undefined : Number(mark);
  const withMark = (button: FilingButton): MarkedButton => (submissionId === undefined ? { button } : { button, submissionId });
  switch (action) {
    case "review":
    case "submit":
    case "later":
      return args.length === 0 ? withMark({ action }) : undefined;
    case "edit-list":
      return args.length === 1 && INDEX.test(args[0]!) ? withMark({ action, page: Number(args[0]) }) : undefined;
    case "choice":
    case "toggle": {
      const [q, ...value] = args;
      return q !== undefined && INDEX.test(q) && value.length > 0 ? withMark({ action, question: Number(q), value: value.join(":") }) : undefined;
    }
    default:
      return args.length === 1 && INDEX.test(args[0]!) ? withMark({ action, question: Number(args[0]) }) : undefined;
  }
}
