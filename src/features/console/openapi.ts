/**
 * The read-only API's OpenAPI 3.1 document, written by hand: four GET endpoints whose answers are plain
 * objects built in api-v1-routes.ts. Generating it from zod schemas would mean a schema per answer that the
 * routes do not otherwise need (they validate only query strings); a test checks this document against the
 * routes (every path here answers, every answer has the documented top-level keys).
 */
const error = { type: "object", properties: { error: { type: "string" } }, required: ["error"] } as const;
const periodParam = {
  name: "period",
  in: "query",
  required: false,
  description: "Period key (2026-11, 2026-Q3, 2026-H1, 2026-9M, 2026); default: the latest period with reports.",
  schema: { type: "string" },
} as const;
const unauthorized = { description: "Missing, unknown or revoked token", content: { "application/json": { schema: error } } };

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Reporting bot — read-only API",
    version: "1.0.0",
    description:
      "Agencies, periods, submitted reports and period summaries for other systems. Every request needs a Bearer token issued by an admin (/apitoken in the bot, or the console); a token sees the whole province or one agency with the agencies under it. Every use is audited.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "itbot_… token" } },
    schemas: {
      Error: error,
      Agency: {
        type: "object",
        properties: {
          id: { type: "integer" },
          code: { type: "string" },
          name: { type: "string" },
          kind: { type: "string" },
          parentId: { type: ["integer", "null"] },
          active: { type: "boolean" },
          successorId: { type: ["integer", "null"], description: "Where its history continues after a merge" },
        },
        required: ["id", "code", "name", "kind", "parentId", "active"],
      },
      Period: {
        type: "object",
        properties: {
          templateId: { type: "string" },
          key: { type: "string" },
          status: { type: "string", enum: ["open", "closed"] },
          startsOn: { type: "string", format: "date" },
          cutoffOn: { type: "string", format: "date" },
          deadlineOn: { type: "string", format: "date" },
        },
        required: ["templateId", "key", "status", "startsOn", "cutoffOn", "deadlineOn"],
      },
      Submission: {
        type: "object",
        properties: {
          agencyId: { type: "integer" },
          status: { type: "string", enum: ["submitted", "returned", "draft"] },
          onTime: { type: ["boolean", "null"] },
          submittedAt: { type: ["string", "null"], format: "date-time" },
          answers: { type: "object", additionalProperties: true, description: "Official answers by question key" },
        },
        required: ["agencyId", "status", "onTime", "submittedAt", "answers"],
      },
      Summary: {
        type: "object",
        description: "The period's summary as the console's dashboard shows it.",
        properties: {
          period: { type: "object" },
          scopeLabel: { type: "string" },
          completion: {
            type: "object",
            properties: { required: { type: "integer" }, filed: { type: "integer" }, onTime: { type: "integer" }, late: { type: "integer" }, missing: { type: "integer" }, returned: { type: "integer" } },
          },
          agencies: { type: "array", items: { type: "object" } },
          indicators: { type: "array", items: { type: "object" } },
          difficulties: { type: "array", items: { type: "object" } },
          proposals: { type: "array", items: { type: "object" } },
          warnings: { type: "array", items: { type: "object" } },
        },
        required: ["period", "completion", "agencies", "indicators", "difficulties", "proposals", "warnings"],
      },
    },
  },
  paths: {
    "/agencies": {
      get: {
        summary: "Agencies in the token's scope",
        responses: {
          "200": { description: "Agencies", content: { "application/json": { schema: { type: "object", properties: { agencies: { type: "array", items: { $ref: "#/components/schemas/Agency" } } }, required: ["agencies"] } } } },
          "401": unauthorized,
        },
      },
    },
    "/periods": {
      get: {
        summary: "Reporting periods of the main template, newest first",
        responses: {
          "200": { description: "Periods", content: { "application/json": { schema: { type: "object", properties: { periods: { type: "array", items: { $ref: "#/components/schemas/Period" } } }, required: ["periods"] } } } },
          "401": unauthorized,
        },
      },
    },
    "/submissions": {
      get: {
        summary: "Reports submitted for a period in the token's scope, with their official answers",
        parameters: [periodParam],
        responses: {
          "200": {
            description: "Submissions",
            content: { "application/json": { schema: { type: "object", properties: { period: { type: "object" }, submissions: { type: "array", items: { $ref: "#/components/schemas/Submission" } } }, required: ["period", "submissions"] } } },
          },
          "401": unauthorized,
          "404": { description: "No such period", content: { "application/json": { schema: error } } },
        },
      },
    },
    "/summaries": {
      get: {
        summary: "A period's summary (completion, indicators with change, difficulties, proposals, data-quality warnings)",
        parameters: [periodParam, { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["vi", "en"] } }],
        responses: {
          "200": { description: "Summary", content: { "application/json": { schema: { $ref: "#/components/schemas/Summary" } } } },
          "401": unauthorized,
          "404": { description: "No such period", content: { "application/json": { schema: error } } },
        },
      },
    },
  },
} as const;
