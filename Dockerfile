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
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# Node receives SIGTERM itself: no npm or shell in between.
ENTRYPOINT ["node", "dist/cli/bin.js"]
CMD ["run", "--config", "/etc/bearing/bearing.yaml"]
