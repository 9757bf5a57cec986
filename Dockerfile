# Build stage: installs the locked production dependencies, compiling better-sqlite3's native
# addon with the toolchain this image has (python3, make, g++).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY knowledge ./knowledge
COPY slack ./slack
COPY tsconfig.json ./

# Runtime stage: slim Node 20, no compiler, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node", "bin/factcheck.js", "start"]
