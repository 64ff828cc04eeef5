# Callbridge as one image for both roles (compose.yaml): the web process is Next's standalone server
# (`node .next/standalone/server.js`, NEXT_OUTPUT=standalone), the worker is `tsx scripts/worker.ts`
# with the production dependencies. Node 24 as everywhere else; runs as the unprivileged `node` user.

# ---- deps: every dependency, dev ones included, for the build
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

# ---- build: the standalone output. next.config.js validates the environment, so the build gets
# placeholders; nothing of them ends up in the image (no NEXT_PUBLIC_ variables).
FROM deps AS build
COPY . .
ENV NEXT_OUTPUT=standalone NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 \
    DATABASE_URL=postgresql://build:build@127.0.0.1:5432/build \
    NEXTAUTH_SECRET=build-time-placeholder-not-used-at-run-time \
    CRON_SECRET=build-time-placeholder-not-used-at-run-time \
    ENCRYPTION_KEY=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
RUN npm run build \
 && cp -r .next/static .next/standalone/.next/static \
 && if [ -d public ]; then cp -r public .next/standalone/public; fi

# ---- prod-deps: what the worker and the migrations need at run time (no dev dependencies)
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    # The app finishes deliveries in flight on SIGTERM (lib/jobs/shutdown.ts), not Next's default exit.
    NEXT_MANUAL_SIG_HANDLE=true \
    # Migrations run in their own one-shot service (compose.yaml) before web and worker start.
    SKIP_MIGRATIONS=yes
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/scripts ./scripts
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/.next/standalone ./web
USER node
EXPOSE 3000 9464
# web by default; the worker and the migration step override the command (compose.yaml).
CMD ["node", "web/server.js"]
