# syntax=docker/dockerfile:1
# bearing as a container: build with dev dependencies, ship only production ones.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; the pinned `node` devDependency is not needed in the image,
# which already runs Node 24.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production
# Where the HEALTHCHECK asks; change it with server.port.
ENV BEARING_HEALTH_URL=http://127.0.0.1:9464/healthz
WORKDIR /app
# The application is owned by root and only read: the image runs with a read-only root
# filesystem, and bearing writes only to /data (the store, and the reports when report.out is
# under it).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /data /etc/bearing && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
# No curl in the slim image: node itself asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.BEARING_HEALTH_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node receives SIGTERM itself: no npm or shell in between. The config is mounted at
# /etc/bearing/bearing.yaml (with goals.yaml beside it); secrets come from the environment.
ENTRYPOINT ["node", "dist/cli/bin.js"]
CMD ["run", "--config", "/etc/bearing/bearing.yaml"]
