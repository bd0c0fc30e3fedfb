import { runStatement, type Db, type Statement } from "../../db/client.ts";
import type { AnswerMap } from "./answer-value.ts";
import type { FilingScreen, FilingSession } from "./filing-step.ts";
import { FILING_COLUMNS, FILING_FROM, snapshotOf, type FilingSnapshot } from "./submissions.repository.ts";

/** The report a chat is filing, as it stands, with the screen the chat was last shown. */
export interface OpenFiling {
  personId: number;
  /** A conversation (an /invite, a /broadcast...) was started meanwhile: it takes the chat's messages first. */
  conversationOpen: boolean;
  session: FilingSession;
  snap: FilingSnapshot;
  /** Last period's official answers of the same agency and template. */
  previous: AnswerMap;
}

/** The official answers of the agency's report for the latest earlier period of the same template. */
const PREVIOUS = `coalesce((select json_object_agg(o.question_key, o.value) from answers o where o.submission_id = (
      select s2.id from submissions s2 join periods p2 on p2.id = s2.period_id
      where s2.agency_id = s.agency_id and p2.template_id = p.template_id and p2.period_key < p.period_key and s2.version > 0
      order by p2.period_key desc limit 1)), '{}'::json) as previous`;

// Fixed text, so each is prepared once per connection.
// `conversation_state` is read (not written) for one fact: whether a short dialog started after the filing waits
// for this chat's next message (its key is the chat id, conversation-storage.ts).
const LOAD_SESSION = `select f.person_id as session_person_id,
    exists (select 1 from conversation_state c where c.key = f.chat_id::text) as conversation_open, f.screen::text as session_screen, f.draft_rev as session_rev,
    f.selection::text as session_selection, ${FILING_COLUMNS}, ${PREVIOUS}
  from filing_sessions f join ${FILING_FROM} on s.id = f.submission_id
  where f.chat_id = $1::bigint`;
const LOAD_FOR_START = `select ${FILING_COLUMNS}, ${PREVIOUS} from ${FILING_FROM} where s.id = $1::int`;
const WRITE_SESSION = `insert into filing_sessions (chat_id, person_id, submission_id, screen, draft_rev, selection, updated_at)
  values ($1::bigint, $2::int, $3::int, $4::text::jsonb, $5::int, $6::text::jsonb, $7::timestamptz)
  on conflict (chat_id) do update set person_id = excluded.person_id, submission_id = excluded.submission_id,
    screen = excluded.screen, draft_rev = excluded.draft_rev, selection = excluded.selection, updated_at = excluded.updated_at`;
const END_SESSION = "delete from filing_sessions where chat_id = $1::bigint";

const parsed = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/** One round trip: the chat's filing session, its report as it stands and last period's answers; null when the chat files nothing. */
export async function loadOpenFiling(db: Db, chatId: number): Promise<OpenFiling | null> {
  const [r] = await runStatement(db, { text: LOAD_SESSION, params: [chatId] });
  if (!r) return null;
  return {
    personId: Number(r.session_person_id),
    conversationOpen: r.conversation_open === true,
    session: { screen: parsed<FilingScreen>(r.session_screen), rev: Number(r.session_rev), selection: parsed<string[]>(r.session_selection) },
    snap: snapshotOf(r),
    previous: parsed<AnswerMap>(r.previous),
  };
}

/** The report as it stands and last period's answers, for the first screen of a filing. */
export async function loadForStart(db: Db, submissionId: number): Promise<{ snap: FilingSnapshot; previous: AnswerMap } | null> {
  const [r] = await runStatement(db, { text: LOAD_FOR_START, params: [submissionId] });
  return r ? { snap: snapshotOf(r), previous: parsed<AnswerMap>(r.previous) } : null;
}

/** The statement that keeps the chat's session (run last, with the chat lock's unlock). */
export function writeSession(input: { chatId: number; personId: number; submissionId: number; session: FilingSession; now: Date }): Statement {
  const { chatId, personId, submissionId, session, now } = input;
  return {
    text: WRITE_SESSION,
    params: [chatId, personId, submissionId, JSON.stringify(session.screen), session.rev, JSON.stringify(session.selection), now.toISOString()],
  };
}

/** The statement that ends the chat's filing. */
export function endSession(chatId: number): Statement {
  return { text: END_SESSION, params: [chatId] };
}

/** Ends the chat's filing now; true when there was one. */
export async function endSessionNow(db: Db, chatId: number): Promise<boolean> {
  const rows = await runStatement(db, { text: `${END_SESSION} returning 1 as gone`, params: [chatId] });
  return rows.length > 0;
}
