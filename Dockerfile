# The team server (README "Serve a team"): `serve --http` on 0.0.0.0:3333, state in /data.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# dist/ is self-contained (one bundle): the run image needs no node_modules.
FROM node:20-slim
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=build /app/agents ./agents
COPY --from=build /app/package.json ./
ENV DATA_ENGINEER_HTTP_HOST=0.0.0.0 \
    DATA_ENGINEER_HTTP_PORT=3333 \
    DATA_ENGINEER_MEMORY_DIR=/data/memory \
    DATA_ENGINEER_TOKENS_FILE=/data/tokens.json
RUN mkdir -p /data && chown node:node /data /app/dist
VOLUME /data
USER node
EXPOSE 3333
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:3333/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js", "serve", "--http"]
