# syntax=docker/dockerfile:1
# Build stage: `npm ci` as in the README and .ci/run installs the locked dependencies (compiling
# better-sqlite3's native addon with the toolchain this image has: python3, make, g++) and, through
# the `prepare` script, builds dist/. A smoke test checks that the knowledge loads and matches;
# then the build tools (esbuild, TypeScript, tsx) are pruned away.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/discord-register.ts ./scripts/
COPY bin ./bin
COPY src ./src
COPY knowledge ./knowledge
COPY slack ./slack
RUN npm ci --no-audit --no-fund
# Smoke test, as in the README; its store goes to a throwaway folder, so no factcheck.db ships
# in the image (it would seed the data volume).
RUN DATA_DIR="$(mktemp -d)" node bin/factcheck.js check --json "Trump ne Imran Khan ko riha karwane ka wada kiya" \
  && test ! -e data
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf src

# Runtime stage: slim Node 20, no compiler, not root; runs the compiled dist/.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/app/data \
    PORT=3000 \
    METRICS_PORT=3001
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
VOLUME ["/app/data"]
# Slack's requests in HTTP mode. /healthz, /readyz and /metrics are on METRICS_PORT, on loopback
# inside the container (METRICS_HOST); publish it only with METRICS_HOST=0.0.0.0, behind a firewall.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 3001) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 receives SIGTERM from `docker stop` and shuts down gracefully.
CMD ["node", "dist/main.js"]
