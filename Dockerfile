# syntax=docker/dockerfile:1
# The bot runs its TypeScript sources directly with tsx (a runtime dependency), so there is no build
# step: the first stage installs the production dependencies from the lockfile, the second copies them
# next to the sources, migrations, locales and report templates, and runs as the unprivileged `node` user.

FROM node:24.22.3-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only (tsx, grammY, Drizzle, PGlite, postgres.js, ...); prebuilt binaries, no compiler needed.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    PORT=8080
WORKDIR /app
# Owned by root and read-only for the bot: only the data directory is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY locales ./locales
COPY templates ./templates
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Embedded PGlite keeps its database here when DATABASE_URL is not set.
VOLUME ["/app/data"]
# Health endpoints (and the webhook in BOT_MODE=webhook).
EXPOSE 8080
# node itself is PID 1 (not npm, not the tsx wrapper), so SIGTERM reaches the bot's graceful shutdown.
CMD ["node", "--import", "tsx", "src/main.ts"]
