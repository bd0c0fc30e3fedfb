# syntax=docker/dockerfile:1
# Three stages: `build` compiles the TypeScript into dist/ (npm run build, esbuild), `deps` installs the
# production dependencies only, and the final stage copies both next to the migrations, locales and report
# templates. The final image has no TypeScript, no tsx and no esbuild: it runs dist/main.js with plain node,
# as the unprivileged `node` user. Base images are pinned to an exact Node release (keep NODE24_VERSION in
# .ci/run equal to it).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only (grammY, Drizzle, PGlite, postgres.js, ...); prebuilt binaries, no compiler needed.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    PORT=8080
WORKDIR /app
# Owned by root and read-only for the bot: only the data directory is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY migrations ./migrations
COPY locales ./locales
COPY templates ./templates
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Embedded PGlite keeps its database here when DATABASE_URL is not set.
VOLUME ["/app/data"]
# Health endpoints (and the webhook in BOT_MODE=webhook).
EXPOSE 8080
# /readyz: the database answers and every migration is applied. The slim image has no curl: node's fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (not npm), so SIGTERM reaches the bot's graceful shutdown.
# The operator CLI in the image: docker run --rm --env-file .env -v itbot-data:/app/data itbot node dist/cli.js <command>
CMD ["node", "--enable-source-maps", "dist/main.js"]
