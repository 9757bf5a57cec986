# syntax=docker/dockerfile:1
# Build stage: installs the locked production dependencies, compiling better-sqlite3's native
# addon with the toolchain this image has (python3, make, g++), then checks that the knowledge
# loads and matches before anything ships.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY knowledge ./knowledge
COPY slack ./slack
COPY scripts/discord-register.ts ./scripts/
# Smoke test, as in the README: loads and validates the knowledge, opens the store in ./data.
RUN node bin/factcheck.js check --json "Trump ne Imran Khan ko riha karwane ka wada kiya"

# Runtime stage: slim Node 20, no compiler, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/app/data \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 receives SIGTERM from `docker stop` and shuts down gracefully.
CMD ["node", "bin/factcheck.js", "start"]
