import type { Update } from "grammy/types";

export interface TestUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

let updateSeq = 1;
let messageSeq = 1;
/** A fresh update id; tests that replay a duplicate reuse one on purpose. */
export const nextUpdateId = () => updateSeq++;

const chatOf = (u: TestUser) => ({ id: u.id, type: "private" as const, first_name: u.first_name });
const fromOf = (u: TestUser) => ({ ...u, is_bot: false });

/** A private-chat message update from the user with the given content fields. */
function messageUpdate(user: TestUser, updateId: number, content: Record<string, unknown>): Update {
  return {
    update_id: updateId,
    message: { message_id: messageSeq++, date: Math.floor(Date.now() / 1000), chat: chatOf(user), from: fromOf(user), ...content },
  } as Update;
}

export function textUpdate(user: TestUser, text: string, updateId = nextUpdateId()): Update {
  const command = text.startsWith("/") ? text.split(/\s/)[0]!.length : 0;
  return messageUpdate(user, updateId, {
    text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command }] } : {}),
  });
}

export function callbackUpdate(user: TestUser, data: string, messageId = 1, updateId = nextUpdateId()): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `cb-${updateId}`,
      from: fromOf(user),
      chat_instance: "ci",
      data,
      message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: chatOf(user), text: "…" },
    },
  } as Update;
}

export function documentUpdate(user: TestUser, fileName: string, updateId = nextUpdateId()): Update {
  return messageUpdate(user, updateId, {
    document: { file_id: `file-${updateId}`, file_unique_id: `u-${updateId}`, file_name: fileName, mime_type: "application/pdf" },
  });
}

export function photoUpdate(user: TestUser, updateId = nextUpdateId()): Update {
  return messageUpdate(user, updateId, {
    photo: [{ file_id: `photo-${updateId}`, file_unique_id: `pu-${updateId}`, width: 800, height: 600 }],
  });
}
